/**
 * Interpreter of our workflow model (workflows/model.ts), not of arbitrary Archy: runs the typed
 * actions of a WorkflowDefinition with Architect semantics. A run is a generator that yields the
 * virtual time at which it wants to continue (a Wait), so the replay can interleave runs and events.
 *
 * Archy semantics kept: actions of a list run in order; a branch that does not end the workflow
 * continues with the action after the branching action; a run that reaches the end of its actions
 * ends; a flow error ends the workflow through error handling (our workflows: `endWorkflow`).
 */
import type {
  CALL_DATA_FAILURE_OUTPUTS,
  Action,
  ActionList,
  ActionPath,
  CallData,
  DataTableLookup,
  VariableRef,
  Wait,
  WorkflowDefinition,
} from "../../workflows/model";
import { PLATFORM_LIMITS } from "../../genesys/limits";
import type { DataActionSpec } from "../../data-actions/spec";
import type { DataActionCall } from "../platform/data-actions";
import { evaluate, type EvaluationScope } from "./expressions";
import type { InMemoryOrg, OrgChange } from "../platform/org";
import { type ArchitectValue, Duration, FlowRuntimeError, NOT_SET, describeValue, fitsType, fromJson, toJsonInput } from "./values";

/** The model or the replay is inconsistent (not a behaviour of the workflow): always an unexpected failure. */
export class InterpreterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InterpreterError";
  }
}

/** What a run needs from its surroundings: the org (tables, clock, changes) and the Data Actions service. */
export interface RunContext {
  readonly org: InMemoryOrg;
  callDataAction(spec: DataActionSpec, input: Readonly<Record<string, unknown>>): DataActionCall;
  /** Values of the workflow's `{{key}}` placeholders, as the flow resource passes them. */
  readonly substitutions: Readonly<Record<string, string>>;
}

/** One executed action: which path it took and what it did. */
export interface RunStep {
  readonly at: number;
  readonly action: string;
  readonly kind: Action["kind"];
  /** Path taken (one of the action's ACTION_PATHS); absent for actions without paths. */
  readonly path?: ActionPath;
  readonly detail?: string;
  readonly call?: DataActionCall;
  readonly changes: readonly OrgChange[];
}

export type RunOutcome =
  | { readonly kind: "ended"; readonly exitReason: string; readonly action: string }
  | { readonly kind: "completed" }
  | { readonly kind: "flowError"; readonly message: string };

/** Thrown through the action lists when End Workflow runs. */
interface Ended {
  readonly exitReason: string;
  readonly action: string;
}

/** What every run of a workflow needs, worked out once per workflow. */
interface PreparedWorkflow {
  readonly startActions: ActionList;
  /** Declared variables by key (`Flow.x`, `State.y`): the start state's declarations over the flow's. */
  readonly declared: ReadonlyMap<string, VariableRef>;
  /** Input variables by name (the first declaration of each). */
  readonly inputs: ReadonlyMap<string, VariableRef>;
}

const preparedWorkflows = new WeakMap<WorkflowDefinition, PreparedWorkflow>();

function prepareWorkflow(definition: WorkflowDefinition): PreparedWorkflow {
  const known = preparedWorkflows.get(definition);
  if (known) return known;
  const state = definition.states.find((candidate) => candidate.refId === definition.startStateRefId);
  if (!state) throw new InterpreterError(`${definition.id}: no state with refId ${definition.startStateRefId}`);
  const declared = new Map<string, VariableRef>();
  for (const declaration of [...definition.variables, ...state.variables]) declared.set(variableKey(declaration), declaration);
  const inputs = new Map<string, VariableRef>();
  for (const variable of definition.variables) if (variable.isInput && !inputs.has(variable.name)) inputs.set(variable.name, variable);
  const prepared = { startActions: state.actions, declared, inputs };
  preparedWorkflows.set(definition, prepared);
  return prepared;
}

/** A running workflow; `advance` runs it until it waits or ends. */
export class WorkflowRun {
  /** Steps not yet taken by `takeSteps` (a run does not keep its history: long replays would hold every call). */
  private steps: RunStep[] = [];
  readonly startedAt: number;
  outcome?: RunOutcome;
  private readonly values = new Map<string, ArchitectValue>();
  private readonly declared: ReadonlyMap<string, VariableRef>;
  private readonly execution: Generator<number, Ended | undefined>;
  private pendingChanges: OrgChange[] = [];

  constructor(
    readonly definition: WorkflowDefinition,
    inputs: ReadonlyMap<string, ArchitectValue>,
    private readonly context: RunContext,
  ) {
    this.startedAt = context.org.now;
    const prepared = prepareWorkflow(definition);
    this.declared = prepared.declared;
    for (const key of this.declared.keys()) this.values.set(key, NOT_SET);
    for (const [name, value] of inputs) {
      const declaration = prepared.inputs.get(name);
      if (!declaration) throw new InterpreterError(`${definition.id}: Flow.${name} is not an input variable`);
      this.assign(declaration, value);
    }
    this.execution = this.runActions(prepared.startActions);
  }

  /** Runs until the next Wait (returns the time to continue at) or the end (returns undefined). */
  advance(): number | undefined {
    if (this.outcome) throw new InterpreterError(`${this.definition.id}: the run has already ended`);
    const record = (change: OrgChange) => this.pendingChanges.push(change);
    const previous = this.context.org.onChange;
    this.context.org.onChange = (change) => {
      record(change);
      previous(change);
    };
    try {
      const next = this.execution.next();
      if (!next.done) return next.value;
      this.outcome = next.value ? { kind: "ended", ...next.value } : { kind: "completed" };
      return undefined;
    } catch (error) {
      if (!(error instanceof FlowRuntimeError)) throw error;
      this.outcome = { kind: "flowError", message: error.message };
      return undefined;
    } finally {
      this.context.org.onChange = previous;
    }
  }

  /** The steps taken since the last call. */
  takeSteps(): RunStep[] {
    const steps = this.steps;
    this.steps = [];
    return steps;
  }

  /** Current value of a variable (for tests and the timeline). */
  valueOf(scope: VariableRef["scope"], name: string): ArchitectValue {
    return this.read(`${scope}.${name}`);
  }

  private read(key: string): ArchitectValue {
    const value = this.values.get(key);
    if (value === undefined) throw new InterpreterError(`${this.definition.id}: ${key} is not declared`);
    return value;
  }

  private readonly scope: EvaluationScope = {
    read: (variable) => this.read(variableKey(variable)),
    substitution: (key) => {
      const value = this.context.substitutions[key];
      if (value === undefined) throw new InterpreterError(`${this.definition.id}: no value for the substitution {{${key}}}`);
      return value;
    },
    now: () => this.context.org.now,
  };

  private assign(variable: VariableRef, value: ArchitectValue): void {
    const declaration = this.declared.get(variableKey(variable));
    if (!declaration) throw new InterpreterError(`${this.definition.id}: ${variableKey(variable)} is not declared`);
    if (!fitsType(value, declaration.type)) {
      throw new InterpreterError(
        `${this.definition.id}: ${describeValue(value)} assigned to ${declaration.type} variable ${variableKey(variable)}`,
      );
    }
    this.values.set(variableKey(declaration), value);
  }

  private step(action: Action, fields: Omit<RunStep, "at" | "action" | "kind" | "changes">): void {
    this.steps.push({ at: this.context.org.now, action: action.name, kind: action.kind, ...fields, changes: this.pendingChanges });
    this.pendingChanges = [];
  }

  private *runActions(actions: ActionList): Generator<number, Ended | undefined> {
    for (const action of actions) {
      const ended = yield* this.runAction(action);
      if (ended) return ended;
    }
    return undefined;
  }

  private *runAction(action: Action): Generator<number, Ended | undefined> {
    switch (action.kind) {
      case "updateData": {
        const assigned: string[] = [];
        for (const statement of action.statements) {
          const value = evaluate(statement.value, this.scope);
          this.assign(statement.variable, value);
          assigned.push(`${variableKey(statement.variable)} = ${describeValue(value)}`);
        }
        this.step(action, { detail: assigned.join(", ") });
        return undefined;
      }
      case "decision": {
        const condition = evaluate(action.condition, this.scope);
        if (typeof condition !== "boolean")
          throw new FlowRuntimeError(`decision "${action.name}": condition is ${describeValue(condition)}`);
        const path: ActionPath<"decision"> = condition ? "yes" : "no";
        this.step(action, { path });
        return yield* this.runActions(action[path]);
      }
      case "callData":
        return yield* this.runCallData(action);
      case "dataTableLookup":
        return yield* this.runLookup(action);
      case "wait":
        yield* this.runWait(action);
        return undefined;
      case "endWorkflow":
        this.step(action, { detail: action.exitReason });
        return { exitReason: action.exitReason, action: action.name };
    }
  }

  private *runCallData(action: CallData): Generator<number, Ended | undefined> {
    const { spec, nameKey, categoryKey } = action.dataAction;
    const actionName = this.scope.substitution(nameKey);
    this.scope.substitution(categoryKey);
    const input: Record<string, unknown> = {};
    for (const [name, expression] of Object.entries(action.inputs)) {
      const value = toJsonInput(evaluate(expression, this.scope));
      if (value !== undefined) input[name] = value;
    }
    const call = this.context.callDataAction(spec, input);
    const result = call.result;
    if (result.outcome === "success") {
      for (const [output, variable] of Object.entries(action.successOutputs)) {
        this.assign(variable, fromJson(outputValue(result.output, output), variable.type, `${action.name} output ${output}`));
      }
    } else if (result.outcome === "failure") {
      const failure: Partial<Record<(typeof CALL_DATA_FAILURE_OUTPUTS)[number], unknown>> = {
        errorCode: result.error.errorCode,
        status: result.error.status,
        userMessage: result.error.message,
      };
      for (const [output, variable] of Object.entries(action.failureOutputs) as [keyof typeof failure, VariableRef][]) {
        const value = failure[output];
        this.assign(
          variable,
          fromJson(variable.type === "string" && value !== undefined ? String(value) : value, variable.type, `${action.name} ${output}`),
        );
      }
    }
    this.step(action, { path: result.outcome, detail: actionName, call });
    return yield* this.runActions(action[result.outcome]);
  }

  private *runLookup(action: DataTableLookup): Generator<number, Ended | undefined> {
    const tableName = this.scope.substitution(action.table.nameKey);
    const table = this.context.org.tableByName(tableName);
    if (!table) throw new InterpreterError(`${action.name}: the org has no data table "${tableName}"`);
    const key = evaluate(action.lookupValue, this.scope);
    if (typeof key !== "string" && key !== NOT_SET) throw new FlowRuntimeError(`${action.name}: lookup value is ${describeValue(key)}`);
    // Architect's Data Table Lookup needs a key: a NOT_SET one takes the failure path.
    const row = key === NOT_SET ? undefined : table.rows.get(key);
    const path: ActionPath<"dataTableLookup"> = key === NOT_SET ? "failure" : row ? "found" : "notFound";
    if (row) {
      for (const [column, variable] of Object.entries(action.foundOutputs)) {
        const definition = action.table.definition.columns.find((candidate) => candidate.name === column);
        if (!definition) throw new InterpreterError(`${action.name}: ${tableName} has no column ${column}`);
        this.assign(variable, fromJson(row[column], variable.type, `${action.name} column ${column}`));
      }
    }
    this.step(action, { path, detail: `${tableName}[${describeValue(key)}]` });
    return yield* this.runActions(action[path]);
  }

  private *runWait(action: Wait): Generator<number, void> {
    const duration = evaluate(action.duration, this.scope);
    if (!(duration instanceof Duration)) throw new FlowRuntimeError(`wait "${action.name}": duration is ${describeValue(duration)}`);
    const latest = this.startedAt + PLATFORM_LIMITS.workflowWaitMaxSeconds * 1000 - 1000;
    let until = this.context.org.now + Math.max(0, duration.milliseconds);
    if (until > latest) {
      // help "Wait action": a workflow Wait ends after 72 hours; trimming keeps it just below the limit.
      if (!action.trimDurationNearMaxRunningTime)
        throw new FlowRuntimeError(`wait "${action.name}": ${duration.toString()} exceeds 72 hours`);
      until = latest;
    }
    this.step(action, { detail: `${duration.toString()} until ${new Date(until).toISOString()}` });
    yield until;
  }
}

const variableKeys = new WeakMap<VariableRef, string>();

/** `Flow.x` / `State.y`, made once per variable reference. */
function variableKey(variable: VariableRef): string {
  let key = variableKeys.get(variable);
  if (key === undefined) variableKeys.set(variable, (key = `${variable.scope}.${variable.name}`));
  return key;
}

/** An output by contract name; Architect flattens nested outputs with dots. */
function outputValue(output: Record<string, unknown>, name: string): unknown {
  if (name in output) return output[name];
  return name
    .split(".")
    .reduce<unknown>(
      (value, part) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined),
      output,
    );
}
