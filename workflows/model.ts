/**
 * Typed model of a Genesys Cloud Architect *workflow* (the subset of Archy YAML these workflows use).
 * Plain data only: the renderer (render.ts), the linter (lint.ts), the diagram (diagram.ts) and an
 * offline interpreter all read the same values. Grammar: Archy YAML as Architect exports it and the
 * public GenesysCloudBlueprints flows use it (docs/workflows.md, "Archy syntax to confirm in a sandbox").
 */
import type { DataActionSpec } from "../data-actions/spec";
import type { TriggerEventName } from "../genesys/events";
import type { TriggerDataFormat } from "../genesys/process-automation";
import type { DataTableDefinition } from "../tables/definitions";
import type { ArchitectFunctionName } from "./functions";

/** Types a workflow variable can be declared with (Archy `<type>Variable`). */
export type VariableType = "string" | "integer" | "decimal" | "boolean" | "dateTime" | "duration" | "json";

/** Types an expression can have: variable types plus the intermediate values of Architect functions. */
export type ValueType = VariableType | "phoneNumber" | "jsonCollection";

/** `Flow.` variables live for the whole run (inputs and outputs are Flow variables); `State.` ones inside a state. */
export type VariableScope = "Flow" | "State";

/** A variable as expressions and output bindings reference it. */
export interface VariableRef<T extends VariableType = VariableType> {
  readonly scope: VariableScope;
  readonly name: string;
  readonly type: T;
}

export interface VariableDeclaration<T extends VariableType = VariableType> extends VariableRef<T> {
  /** Filled by the trigger when the workflow starts. Only Flow variables can be inputs. */
  readonly isInput: boolean;
  readonly isOutput: boolean;
}

// ---------------------------------------------------------------------------------------------
// Expressions: a typed tree, rendered to Architect expression text only by the renderer.

export interface StringLiteral {
  readonly kind: "string";
  readonly value: string;
}
export interface IntegerLiteral {
  readonly kind: "integer";
  readonly value: number;
}
export interface BooleanLiteral {
  readonly kind: "boolean";
  readonly value: boolean;
}
/** A duration literal (Archy `lit: {seconds: n}`). */
export interface DurationLiteral {
  readonly kind: "duration";
  readonly seconds: number;
}
/** A `{{key}}` placeholder the provider replaces with a Terraform value before Archy reads the file; a string. */
export interface Substitution {
  readonly kind: "substitution";
  readonly key: string;
}
export interface VariableExpression {
  readonly kind: "variable";
  readonly variable: VariableRef;
}
export interface FunctionCall {
  readonly kind: "call";
  readonly fn: ArchitectFunctionName;
  readonly args: readonly Expression[];
}
export type ComparisonOperator = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithmeticOperator = "+" | "-";
export type LogicalOperator = "and" | "or";
export type BinaryOperator = ComparisonOperator | ArithmeticOperator | LogicalOperator;
export interface BinaryExpression {
  readonly kind: "binary";
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}
/** `ToPhoneNumber(x).e164`: the one property of a typed value the workflows read. */
export interface PropertyAccess {
  readonly kind: "property";
  readonly of: Expression;
  readonly property: "e164";
}

export type Literal = StringLiteral | IntegerLiteral | BooleanLiteral | DurationLiteral | Substitution;
export type Expression = Literal | VariableExpression | FunctionCall | BinaryExpression | PropertyAccess;

// ---------------------------------------------------------------------------------------------
// References to objects the workflows use, by substitution key (the value is a Terraform reference).

/** A data action called by Call Data Action: its contracts come from the specification. */
export interface DataActionReference {
  readonly spec: DataActionSpec;
  /** Substitution key of the action's category (= the Data Actions integration's name). */
  readonly categoryKey: string;
  /** Substitution key of the action's name in the org. */
  readonly nameKey: string;
}

/** A data table read by Data Table Lookup: its columns come from the table definition. */
export interface DataTableReference {
  readonly definition: DataTableDefinition;
  /** Substitution key of the table's name in the org. */
  readonly nameKey: string;
}

// ---------------------------------------------------------------------------------------------
// Actions. A list of actions runs in order; a branch that does not end the workflow continues
// with the action after the branching action (Archy semantics).

export type ActionList = readonly Action[];

export interface UpdateData {
  readonly kind: "updateData";
  readonly name: string;
  readonly statements: readonly { readonly variable: VariableRef; readonly value: Expression }[];
}

export interface Decision {
  readonly kind: "decision";
  readonly name: string;
  readonly condition: Expression;
  readonly yes: ActionList;
  readonly no: ActionList;
}

/** Failure output names Archy exports for every Call Data Action. */
export const CALL_DATA_FAILURE_OUTPUTS = [
  "errorCode",
  "status",
  "correlationId",
  "entityId",
  "entityName",
  "userMessage",
  "userParamsMessage",
  "userParams.key",
  "userParams.value",
  "details.errorCode",
  "details.fieldName",
  "details.entityId",
  "details.entityName",
] as const;
export type CallDataFailureOutput = (typeof CALL_DATA_FAILURE_OUTPUTS)[number];

export interface CallData {
  readonly kind: "callData";
  readonly name: string;
  readonly dataAction: DataActionReference;
  /** Input contract property → value. */
  readonly inputs: Readonly<Record<string, Expression>>;
  /** Output contract property → variable that receives it; unbound outputs render as noValue. */
  readonly successOutputs: Readonly<Record<string, VariableRef>>;
  readonly failureOutputs: Readonly<Partial<Record<CallDataFailureOutput, VariableRef>>>;
  /** How long Architect waits for the action. */
  readonly timeoutSeconds: number;
  readonly success: ActionList;
  readonly failure: ActionList;
  readonly timeout: ActionList;
}

export interface DataTableLookup {
  readonly kind: "dataTableLookup";
  readonly name: string;
  readonly table: DataTableReference;
  /** The row key (a string). */
  readonly lookupValue: Expression;
  /** Non-key column → variable that receives it. */
  readonly foundOutputs: Readonly<Record<string, VariableRef>>;
  readonly found: ActionList;
  readonly notFound: ActionList;
  readonly failure: ActionList;
}

export interface Wait {
  readonly kind: "wait";
  readonly name: string;
  readonly duration: Expression;
  /** Trim a duration beyond the flow's maximum running time instead of failing (a workflow Wait ends after 72 h). */
  readonly trimDurationNearMaxRunningTime: boolean;
}

export interface EndWorkflow {
  readonly kind: "endWorkflow";
  readonly name: string;
  /** Why the run ended, as the execution history shows it. */
  readonly exitReason: string;
}

export type Action = UpdateData | Decision | CallData | DataTableLookup | Wait | EndWorkflow;
export type ActionKind = Action["kind"];

/** The paths of each action kind that branches, by the name Architect gives each, in the order Archy lists them. */
export const ACTION_PATHS = {
  decision: ["yes", "no"],
  callData: ["success", "failure", "timeout"],
  dataTableLookup: ["found", "notFound", "failure"],
} as const satisfies Partial<Record<ActionKind, readonly string[]>>;

export type BranchingActionKind = keyof typeof ACTION_PATHS;
/** The name of a path of an action of the given kind (of any branching action by default). */
export type ActionPath<Kind extends BranchingActionKind = BranchingActionKind> = (typeof ACTION_PATHS)[Kind][number];

function isBranching(action: Action): action is Extract<Action, { kind: BranchingActionKind }> {
  return action.kind in ACTION_PATHS;
}

/** The paths an action can take, by name in ACTION_PATHS order (yes/no, success/failure/timeout, …); none for a plain action. */
export function actionBranches(action: Action): Readonly<Partial<Record<ActionPath, ActionList>>> {
  if (!isBranching(action)) return {};
  const branches = action as unknown as Readonly<Record<ActionPath, ActionList>>;
  return Object.fromEntries(ACTION_PATHS[action.kind].map((path) => [path, branches[path]]));
}

export interface WorkflowState {
  readonly name: string;
  /** Unique id that `startUpRef` points at. */
  readonly refId: string;
  readonly variables: readonly VariableDeclaration[];
  readonly actions: ActionList;
}

export interface WorkflowDefinition {
  /** Stable id (file names, docs). */
  readonly id: string;
  /** Flow name (a substitution: the name in the org carries the environment prefix). */
  readonly name: Substitution;
  readonly description: string;
  /** Division name (Archy references divisions by name). */
  readonly division: Substitution;
  readonly defaultLanguage: "en-us";
  readonly variables: readonly VariableDeclaration[];
  readonly states: readonly WorkflowState[];
  readonly startStateRefId: string;
  /** The event the trigger delivers, and how: the linter checks the inputs against it. */
  readonly trigger: { readonly event: TriggerEventName; readonly dataFormat: TriggerDataFormat };
}

/** The action list with `replace` applied to every action, nested paths included (the replacement's own paths are walked). */
export function mapActions(actions: ActionList, replace: (action: Action) => Action): Action[] {
  return actions.map((original) => {
    const action = replace(original);
    const paths = actionBranches(action);
    if (Object.keys(paths).length === 0) return action;
    return { ...action, ...Object.fromEntries(Object.entries(paths).map(([path, list]) => [path, mapActions(list, replace)])) } as Action;
  });
}
