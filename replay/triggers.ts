/**
 * Process Automation triggers as the platform evaluates them for one notification: topic pattern,
 * match criteria (jsonpath-plus), data format, delay.
 */
import { JSONPath } from "jsonpath-plus";
import { goJsonMarshal, type JsonValue, type MatchCriterion } from "../genesys/process-automation";
import type { TriggerDefinition } from "../triggers/definitions";
import type { WorkflowDefinition } from "../workflows/model";
import type { ArchitectValue } from "./values";
import { FlowRuntimeError, Json, fromJson } from "./values";

/** Whether a concrete topic (`v2.detail.events.conversation.<id>.user.end`) fits a trigger's topic (`{id}` = one segment). */
export function topicMatches(pattern: string, topicName: string): boolean {
  const expression = pattern
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^.]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${expression}$`).test(topicName);
}

export function triggerMatches(trigger: TriggerDefinition, topicName: string, eventBody: Record<string, unknown>): boolean {
  return topicMatches(trigger.topicName, topicName) && matchesCriteria(eventBody, trigger.matchCriteria);
}

/** Virtual time at which the target workflow starts: the event time plus the trigger's delay. */
export function startTime(trigger: TriggerDefinition, eventTime: number): number {
  return eventTime + (trigger.delayBySeconds ?? 0) * 1000;
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
  const declared = new Map(workflow.variables.filter((variable) => variable.isInput).map((variable) => [variable.name, variable]));
  if (trigger.dataFormat === "Json") {
    if (declared.get("jsonData")?.type === "json") inputs.set("jsonData", new Json(structuredClone(eventBody)));
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

/**
 * Whether an event matches every criterion (all examples combine criteria with AND), evaluating each
 * jsonPath with jsonpath-plus. Supports the operators the triggers use; others throw.
 */
export function matchesCriteria(event: object, criteria: readonly MatchCriterion[]): boolean {
  return criteria.every((criterion) => {
    const found = JSONPath({ path: criterion.jsonPath, json: event, wrap: true }) as JsonValue[];
    const actual = found.length > 0 ? found[0] : undefined;
    switch (criterion.operator) {
      case "Exists":
        return found.length > 0;
      case "Equal":
        return "value" in criterion && actual !== undefined && sameJson(actual, criterion.value);
      case "NotEqual":
        return "value" in criterion && (actual === undefined || !sameJson(actual, criterion.value));
      case "In":
        return actual !== undefined && listOf(criterion).some((candidate) => sameJson(actual, candidate));
      case "NotIn":
        return actual === undefined || !listOf(criterion).some((candidate) => sameJson(actual, candidate));
      default:
        throw new Error(`operator ${criterion.operator} is not evaluated offline`);
    }
  });
}

function listOf(criterion: MatchCriterion): readonly JsonValue[] {
  if ("values" in criterion) return criterion.values;
  return Array.isArray(criterion.value) ? criterion.value : [criterion.value];
}

const sameJson = (left: JsonValue, right: JsonValue): boolean => goJsonMarshal(left) === goJsonMarshal(right);
