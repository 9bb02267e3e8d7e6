/**
 * Static checks of a workflow model, run at synth (constructs/workflows.ts) and in tests. Every
 * finding names the workflow, the state and the action, so a broken workflow stops synth with a
 * message that says where and why.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { JsonSchemaType } from "../data-actions/spec";
import type { ColumnType } from "../tables/definitions";
import { eventFields, type EventFieldType } from "../genesys/events";
import { ExpressionTypeError, subExpressions, substitutionsIn, typeOf } from "./expressions";
import { DOCUMENTED_JSON_FUNCTIONS } from "./functions";
import {
  actionBranches,
  type Action,
  type ActionList,
  type ActionPath,
  type BranchingActionKind,
  type Expression,
  type ValueType,
  type VariableDeclaration,
  type VariableRef,
  type VariableType,
  type WorkflowDefinition,
} from "./model";
import { contractOutput, contractOutputNames, variableName } from "./render";

export interface LintFinding {
  readonly workflow: string;
  readonly state?: string;
  readonly action?: string;
  readonly message: string;
}

export interface LintContext {
  /** Keys the flow resource substitutes (`{{key}}`). */
  readonly substitutionKeys: ReadonlySet<string>;
}

export function formatFinding(finding: LintFinding): string {
  const where = [`workflow "${finding.workflow}"`];
  if (finding.state) where.push(`state "${finding.state}"`);
  if (finding.action) where.push(`action "${finding.action}"`);
  return `${where.join(" > ")}: ${finding.message}`;
}

const CATALOG_FILE = path.join(__dirname, "reference", "architect-expression-functions.txt");
let catalogNames: ReadonlySet<string> | undefined;

/** Function names of the vendored Architect catalog (lines like `IsSet [logical]`). */
export function catalogFunctionNames(): ReadonlySet<string> {
  catalogNames ??= new Set([...readFileSync(CATALOG_FILE, "utf8").matchAll(/^([A-Z][A-Za-z0-9]*) \[[a-z]+\]$/gm)].map((match) => match[1]));
  return catalogNames;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const TRIGGER_JSON_INPUT = "jsonData";

/** Architect variable type a data action contract type or table column type maps to. */
const CONTRACT_TYPES: Record<JsonSchemaType | ColumnType, VariableType> = {
  string: "string",
  integer: "integer",
  number: "decimal",
  boolean: "boolean",
  object: "json",
  array: "json",
};
const EVENT_FIELD_TYPES: Record<Exclude<EventFieldType, "stringArray">, VariableType> = {
  string: "string",
  number: "integer",
  boolean: "boolean",
};

export function lintWorkflow(workflow: WorkflowDefinition, context: LintContext): LintFinding[] {
  const findings: LintFinding[] = [];
  const at = (state?: string, action?: string) => (message: string) => findings.push({ workflow: workflow.id, state, action, message });
  const flowFinding = at();
  const fields = eventFields(workflow.trigger.event);

  const checkSubstitution = (report: (message: string) => void, key: string) => {
    if (!context.substitutionKeys.has(key)) report(`{{${key}}} has no substitution`);
  };
  checkSubstitution(flowFinding, workflow.name.key);
  checkSubstitution(flowFinding, workflow.division.key);

  // Declarations
  checkDeclarations(workflow.variables, "Flow", flowFinding);
  const flowVariables = new Map(workflow.variables.map((variable) => [variable.name, variable]));
  for (const variable of workflow.variables) {
    if (variable.isInput) checkTriggerInput(variable, workflow, fields, flowFinding);
    else if (variable.name in fields) {
      flowFinding(
        `Flow.${variable.name} is not an input but has the name of a ${workflow.trigger.event} event field: the trigger fails to start the workflow`,
      );
    }
  }
  if (workflow.trigger.dataFormat === "Json" && !workflow.variables.some((v) => v.isInput && v.name === TRIGGER_JSON_INPUT)) {
    flowFinding(`data format Json delivers the event in Flow.${TRIGGER_JSON_INPUT}, which is not declared as an input`);
  }

  const refIds = workflow.states.map((state) => state.refId);
  if (new Set(refIds).size !== refIds.length) flowFinding(`state refIds are not unique: ${refIds.join(", ")}`);
  if (!refIds.includes(workflow.startStateRefId))
    flowFinding(`startUpRef points at state "${workflow.startStateRefId}", which does not exist`);

  const actionNames = new Set<string>();
  for (const state of workflow.states) {
    const stateFinding = at(state.name);
    checkDeclarations(state.variables, "State", stateFinding);
    const stateVariables = new Map(state.variables.map((variable) => [variable.name, variable]));

    const checkVariable = (report: (message: string) => void, variable: VariableRef, role: string) => {
      const declared = (variable.scope === "Flow" ? flowVariables : stateVariables).get(variable.name);
      if (!declared) report(`${role} ${variableName(variable)} is not declared`);
      else if (declared.type !== variable.type) {
        report(`${role} ${variableName(variable)} is used as ${variable.type} but declared as ${declared.type}`);
      }
    };

    const checkExpression = (report: (message: string) => void, expression: Expression, expected: ValueType | undefined, role: string) => {
      for (const node of subExpressions(expression)) {
        if (node.kind === "variable") checkVariable(report, node.variable, `${role} reads`);
        if (node.kind === "call") {
          if (!catalogFunctionNames().has(node.fn) && !(node.fn in DOCUMENTED_JSON_FUNCTIONS)) {
            report(`${role} calls ${node.fn}, which is neither in the Architect function catalog nor documented`);
          }
          if (node.fn === "GetJsonObjectProperty")
            checkEventProperty((message) => report(`${role} ${message}`), node.args, fields, workflow.trigger.event);
        }
        if (node.kind === "string" && /["\\]|\{\{/.test(node.value)) {
          report(`${role} has the string literal ${JSON.stringify(node.value)}: quotes, backslashes and "{{" are not allowed`);
        }
      }
      for (const key of substitutionsIn(expression)) checkSubstitution(report, key);
      let actual: ValueType;
      try {
        actual = typeOf(expression);
      } catch (error) {
        if (!(error instanceof ExpressionTypeError)) throw error;
        report(`${role} does not type-check: ${error.message}`);
        return;
      }
      if (expected && actual !== expected) report(`${role} is ${actual}, expected ${expected}`);
    };

    const checkActions = (actions: ActionList): void => {
      actions.forEach((action, index) => {
        const report = at(state.name, action.name);
        if (actionNames.has(action.name)) report("action name is used twice in the workflow (names must identify actions)");
        actionNames.add(action.name);
        if (index < actions.length - 1 && alwaysEnds([action])) {
          at(state.name, actions[index + 1].name)("is unreachable: the action before it ends the workflow on every path");
        }
        checkAction(action, report);
      });
    };

    const checkAction = (action: Action, report: (message: string) => void): void => {
      switch (action.kind) {
        case "updateData":
          for (const statement of action.statements) {
            checkVariable(report, statement.variable, "assigns");
            checkExpression(report, statement.value, statement.variable.type, `value of ${variableName(statement.variable)}`);
          }
          return;
        case "decision":
          checkExpression(report, action.condition, "boolean", "condition");
          break;
        case "endWorkflow":
          if (!IDENTIFIER.test(action.exitReason)) report(`exit reason "${action.exitReason}" must be a single word`);
          return;
        case "wait":
          checkExpression(report, action.duration, "duration", "duration");
          if (!action.trimDurationNearMaxRunningTime) {
            report("wait must trim its duration near the maximum running time (a workflow Wait fails after 72 hours)");
          }
          return;
        case "callData": {
          const { spec, categoryKey, nameKey } = action.dataAction;
          checkSubstitution(report, categoryKey);
          checkSubstitution(report, nameKey);
          const contractInputs = spec.inputContract.properties;
          for (const name of Object.keys(contractInputs)) {
            if (!(name in action.inputs)) report(`input "${name}" of data action ${spec.id} is not set`);
          }
          for (const [name, value] of Object.entries(action.inputs)) {
            const property = contractInputs[name];
            if (!property) report(`input "${name}" is not in the input contract of data action ${spec.id}`);
            else checkExpression(report, value, CONTRACT_TYPES[property.type], `input "${name}"`);
          }
          const outputNames = new Set(contractOutputNames(spec.outputContract));
          for (const [name, variable] of Object.entries(action.successOutputs)) {
            const property = outputNames.has(name) ? contractOutput(spec.outputContract, name) : undefined;
            if (!property) report(`output "${name}" is not in the output contract of data action ${spec.id}`);
            else if (CONTRACT_TYPES[property.type] !== variable.type) {
              report(`output "${name}" is ${property.type} in data action ${spec.id} but ${variableName(variable)} is ${variable.type}`);
            }
            checkVariable(report, variable, `output "${name}" writes`);
          }
          for (const variable of Object.values(action.failureOutputs))
            if (variable) checkVariable(report, variable, "failure output writes");
          if (action.timeoutSeconds < 1 || action.timeoutSeconds > 60) report(`timeout ${action.timeoutSeconds} s is outside 1–60 s`);
          requireHandled(report, action, ["failure", "timeout"]);
          break;
        }
        case "dataTableLookup": {
          const { definition, nameKey } = action.table;
          checkSubstitution(report, nameKey);
          checkExpression(report, action.lookupValue, "string", "lookup value");
          for (const [column, variable] of Object.entries(action.foundOutputs)) {
            const definitionColumn = definition.columns.find((candidate) => candidate.name === column);
            if (!definitionColumn) report(`found output "${column}" is not a column of table ${definition.baseName}`);
            else if (CONTRACT_TYPES[definitionColumn.type] !== variable.type) {
              report(
                `column "${column}" of ${definition.baseName} is ${definitionColumn.type} but ${variableName(variable)} is ${variable.type}`,
              );
            }
            checkVariable(report, variable, `found output "${column}" writes`);
          }
          requireHandled(report, action, ["notFound", "failure"]);
          break;
        }
      }
      for (const branch of Object.values(actionBranches(action))) checkActions(branch);
    };

    checkActions(state.actions);
    if (!alwaysEnds(state.actions))
      stateFinding("a path through the state does not end with an End Workflow action (every run must say why it ended)");
  }
  return findings;
}

/** The failure paths a workflow must handle: an empty one would continue as if the action had succeeded. */
function requireHandled<Kind extends BranchingActionKind>(
  report: (message: string) => void,
  action: Extract<Action, { kind: Kind }>,
  paths: readonly ActionPath<Kind>[],
): void {
  const branches = actionBranches(action);
  for (const path of paths) {
    if (branches[path]?.length === 0) report(`the ${path} path is not handled (it must have actions)`);
  }
}

function checkDeclarations(variables: readonly VariableDeclaration[], scope: "Flow" | "State", report: (message: string) => void): void {
  const seen = new Set<string>();
  for (const variable of variables) {
    if (variable.scope !== scope) report(`${variableName(variable)} is declared among the ${scope} variables`);
    if (!IDENTIFIER.test(variable.name)) report(`variable name "${variable.name}" is not a valid identifier`);
    if (seen.has(variable.name)) report(`${variableName(variable)} is declared twice`);
    seen.add(variable.name);
    if (scope === "State" && (variable.isInput || variable.isOutput))
      report(`${variableName(variable)}: only Flow variables can be inputs or outputs`);
  }
}

function checkTriggerInput(
  variable: VariableDeclaration,
  workflow: WorkflowDefinition,
  fields: Readonly<Record<string, EventFieldType>>,
  report: (message: string) => void,
): void {
  const { event, dataFormat } = workflow.trigger;
  if (dataFormat === "Json") {
    if (variable.name !== TRIGGER_JSON_INPUT || variable.type !== "json") {
      report(`Flow.${variable.name} (${variable.type}) is an input, but data format Json only fills Flow.${TRIGGER_JSON_INPUT} (json)`);
    }
    return;
  }
  const field = fields[variable.name];
  if (!field) report(`input Flow.${variable.name} is not a field of the ${event} event (names are case-sensitive)`);
  else if (field === "stringArray")
    report(`input Flow.${variable.name}: TopLevelPrimitives does not pass the array field ${variable.name}`);
  else if (EVENT_FIELD_TYPES[field] !== variable.type) {
    report(`input Flow.${variable.name} is ${variable.type} but the ${event} event field is a ${field}`);
  }
}

/** GetJsonObjectProperty(Flow.jsonData, "<field>") must name a field of the trigger's event. */
function checkEventProperty(
  report: (message: string) => void,
  args: readonly Expression[],
  fields: Readonly<Record<string, EventFieldType>>,
  event: string,
): void {
  const [json, property] = args;
  const readsEvent = json?.kind === "variable" && json.variable.scope === "Flow" && json.variable.name === TRIGGER_JSON_INPUT;
  if (readsEvent && property?.kind === "string" && !(property.value in fields)) {
    report(`reads "${property.value}" with GetJsonObjectProperty, which is not a field of the ${event} event`);
  }
}

/** True when every path through the actions reaches an End Workflow action. */
export function alwaysEnds(actions: ActionList): boolean {
  return actions.some((action) => {
    if (action.kind === "endWorkflow") return true;
    const branches = Object.values(actionBranches(action));
    return branches.length > 0 && branches.every(alwaysEnds);
  });
}
