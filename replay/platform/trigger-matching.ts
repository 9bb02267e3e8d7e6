/**
 * Process Automation triggers as the platform evaluates them for one notification: topic pattern,
 * match criteria (jsonpath-plus), data format, delay. Each trigger is prepared once per deployment
 * (topic pattern compiled, expected values of the criteria marshalled).
 */
import { JSONPath } from "jsonpath-plus";
import type { VariableRef, WorkflowDefinition } from "../../workflows/model";
import { goJsonMarshal, type JsonValue, type MatchCriterion } from "../../genesys/process-automation";
import type { TriggerDefinition } from "../../triggers/definitions";
import type { ArchitectValue } from "../architect/values";
import { FlowRuntimeError, Json, fromJson } from "../architect/values";
import { cloneData } from "./clone";

/** The pattern of a trigger's topic (`{id}` = one segment) as a regular expression. */
function topicExpression(pattern: string): RegExp {
  const expression = pattern
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^.]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${expression}$`);
}

type EventPredicate = (event: object) => boolean;

/**
 * Whether an event matches every criterion (all examples combine criteria with AND), evaluating each
 * jsonPath with jsonpath-plus. Supports the operators the triggers use; others throw.
 */
export function matchesCriteria(event: object, criteria: readonly MatchCriterion[]): boolean {
  return criteriaPredicate(criteria)(event);
}

function criteriaPredicate(criteria: readonly MatchCriterion[]): EventPredicate {
  const predicates = criteria.map(criterionPredicate);
  return (event) => predicates.every((predicate) => predicate(event));
}

function criterionPredicate(criterion: MatchCriterion): EventPredicate {
  const select = (event: object) => JSONPath({ path: criterion.jsonPath, json: event, wrap: true }) as JsonValue[];
  const first = (event: object) => {
    const found = select(event);
    return found.length > 0 ? found[0] : undefined;
  };
  // Values compare as the platform's Go code marshals them; marshalled on first use, so an
  // unmarshallable value fails when the criterion is evaluated, as it always did.
  let expectedText: string | undefined;
  const expected = () => (expectedText ??= "value" in criterion ? goJsonMarshal(criterion.value) : "");
  let listed: ReadonlySet<string> | undefined;
  const isListed = (actual: JsonValue) => (listed ??= new Set(listOf(criterion).map(goJsonMarshal))).has(goJsonMarshal(actual));
  switch (criterion.operator) {
    case "Exists":
      return (event) => select(event).length > 0;
    case "Equal":
      return (event) => {
        const actual = first(event);
        return "value" in criterion && actual !== undefined && goJsonMarshal(actual) === expected();
      };
    case "NotEqual":
      return (event) => {
        const actual = first(event);
        return "value" in criterion && (actual === undefined || goJsonMarshal(actual) !== expected());
      };
    case "In":
      return (event) => {
        const actual = first(event);
        return actual !== undefined && isListed(actual);
      };
    case "NotIn":
      return (event) => {
        const actual = first(event);
        return actual === undefined || !isListed(actual);
      };
    default:
      return () => {
        throw new Error(`operator ${criterion.operator} is not evaluated offline`);
      };
  }
}

function listOf(criterion: MatchCriterion): readonly JsonValue[] {
  if ("values" in criterion) return criterion.values;
  return Array.isArray(criterion.value) ? criterion.value : [criterion.value];
}

/** A trigger prepared for matching many notifications. */
export interface TriggerMatcher {
  matches(topicName: string, eventBody: Record<string, unknown>): boolean;
}

export function prepareTriggerMatcher(trigger: TriggerDefinition): TriggerMatcher {
  const topic = topicExpression(trigger.topicName);
  const criteria = criteriaPredicate(trigger.matchCriteria);
  return { matches: (topicName, eventBody) => topic.test(topicName) && criteria(eventBody) };
}

/** Virtual time at which the target workflow starts: the event time plus the trigger's delay. */
export function startTime(trigger: TriggerDefinition, eventTime: number): number {
  return eventTime + (trigger.delayBySeconds ?? 0) * 1000;
}

const inputVariablesByWorkflow = new WeakMap<WorkflowDefinition, ReadonlyMap<string, VariableRef>>();

/** The workflow's input variables by name (the last declaration of a name), once per workflow. */
function inputVariables(workflow: WorkflowDefinition): ReadonlyMap<string, VariableRef> {
  let declared = inputVariablesByWorkflow.get(workflow);
  if (!declared) {
    declared = new Map(workflow.variables.filter((variable) => variable.isInput).map((variable) => [variable.name, variable]));
    inputVariablesByWorkflow.set(workflow, declared);
  }
  return declared;
}

/**
 * The workflow's input values as the trigger delivers the event: Json → `Flow.jsonData` (the whole
 * event); TopLevelPrimitives → each top-level string/number/boolean field into the input variable
 * of the same name, when the workflow declares one (arrays and objects are not delivered).
 */
export function workflowInputs(
  trigger: TriggerDefinition,
  workflow: WorkflowDefinition,
  eventBody: Record<string, unknown>,
): Map<string, ArchitectValue> {
  const inputs = new Map<string, ArchitectValue>();
  const declared = inputVariables(workflow);
  if (trigger.dataFormat === "Json") {
    if (declared.get("jsonData")?.type === "json") inputs.set("jsonData", new Json(cloneData(eventBody)));
    return inputs;
  }
  for (const [field, value] of Object.entries(eventBody)) {
    const variable = declared.get(field);
    if (!variable || value === null || typeof value === "object") continue;
    try {
      inputs.set(field, fromJson(value, variable.type, `trigger input Flow.${field}`));
    } catch (error) {
      if (error instanceof FlowRuntimeError) throw new FlowRuntimeError(`${error.message} (event field ${field})`);
      throw error;
    }
  }
  return inputs;
}
