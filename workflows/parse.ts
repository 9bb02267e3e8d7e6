/**
 * Archy workflow YAML → workflow model: the inverse of render.ts, so the replay can run the flow as
 * the org received it (after Terraform and the provider's `{{key}}` substitution) rather than the
 * model it was rendered from. Reads exactly the grammar the renderer writes plus the forms Archy
 * accepts for the same constructs (absent `successOutputs`/`failureOutputs`/`outputs` paths, durations
 * in minutes or hours); anything else is an error naming the state/action path and the YAML line.
 *
 * Substitutions: the model holds placeholders (`Substitution`, `…Key` of references), not org names.
 * YAML after substitution holds the values instead; given the map the provider applied, a literal
 * that equals exactly one value is read back as that placeholder. So parse(substitute(render(m)))
 * equals m, and a value Terraform or the provider altered no longer matches its key: it stays a
 * literal (in expressions) or fails to resolve (names), and the difference shows.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from "yaml";
import type { DataActionSpec } from "../data-actions/spec";
import type { DataTableDefinition } from "../tables/definitions";
import { op } from "./expressions";
import {
  ExpressionSyntaxError,
  PLACEHOLDER,
  ambiguousSubstitution,
  parseExpression,
  stringLiteral,
  substitutionKeysOf,
} from "./expression-parser";
import {
  ACTION_PATHS,
  CALL_DATA_FAILURE_OUTPUTS,
  type Action,
  type ActionKind,
  type ActionList,
  type Expression,
  type Substitution,
  type VariableDeclaration,
  type VariableRef,
  type VariableScope,
  type VariableType,
  type WorkflowDefinition,
  type WorkflowState,
} from "./model";
import { contractOutputNames } from "./render";

/** A data action as a Call Data Action names it: category (integration name) and action name, as the YAML has them. */
export interface NamedDataAction {
  readonly category: string;
  readonly name: string;
  readonly spec: DataActionSpec;
}

/** A data table as a Data Table Lookup names it, as the YAML has it. */
export interface NamedDataTable {
  readonly name: string;
  readonly definition: DataTableDefinition;
}

/** What the YAML does not say: which objects its names stand for, and how the workflow is started. */
export interface WorkflowParseContext {
  /** The model's stable id (file names, docs): not in the YAML. */
  readonly id: string;
  /** The event the trigger delivers and its data format: on the trigger, not in the YAML. */
  readonly trigger: WorkflowDefinition["trigger"];
  /** Data actions by the names the YAML uses: `{{key}}` placeholders before substitution, org names after. */
  readonly dataActions: readonly NamedDataAction[];
  readonly tables: readonly NamedDataTable[];
  /** `{{key}}` → value as the provider applied them; absent for YAML that still holds placeholders. */
  readonly substitutions?: Readonly<Record<string, string>>;
  /** Named in errors (a file path). @default "workflow YAML" */
  readonly source?: string;
}

/** An unreadable construct: where (source, line, column, model path) and why. */
export class WorkflowParseError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${source}:${line}:${column}: ${path}: ${reason}`);
    this.name = "WorkflowParseError";
  }
}

/** Every variable type, checked complete against the model's union. */
const VARIABLE_TYPES: Readonly<Record<VariableType, true>> = {
  string: true,
  integer: true,
  decimal: true,
  boolean: true,
  dateTime: true,
  duration: true,
  json: true,
};
const isVariableType = (name: string): name is VariableType => Object.hasOwn(VARIABLE_TYPES, name);

const DURATION_UNITS: Readonly<Record<string, number>> = { seconds: 1, minutes: 60, hours: 3600 };
const STATE_REF = /^\/workflow\/states\/state\[([^\]]+)\]$/;

/** A node and the model path that leads to it. */
interface At {
  readonly node: Node | null;
  readonly path: string;
}

export function parseWorkflowYaml(yaml: string, context: WorkflowParseContext): WorkflowDefinition {
  return new WorkflowReader(yaml, context).workflow();
}

class WorkflowReader {
  private readonly lines = new LineCounter();
  private readonly source: string;
  private readonly substitutions: Readonly<Record<string, string>>;
  private readonly root: Node | null;
  private flowVariables: readonly VariableDeclaration[] = [];
  private stateVariables: readonly VariableDeclaration[] = [];

  constructor(
    private readonly yaml: string,
    private readonly context: WorkflowParseContext,
  ) {
    this.source = context.source ?? "workflow YAML";
    this.substitutions = context.substitutions ?? {};
    // Version 1.1 as the renderer writes (it quotes what 1.1 would read as booleans, e.g. "yes").
    const document = parseDocument(yaml, { version: "1.1", lineCounter: this.lines, prettyErrors: false });
    const [error] = document.errors;
    if (error) {
      const { line, col } = this.lines.linePos(error.pos[0]);
      throw new WorkflowParseError(this.source, line, col, "(document)", `not valid YAML: ${error.message.split("\n")[0]}`);
    }
    this.root = document.contents;
  }

  workflow(): WorkflowDefinition {
    const top = this.fields({ node: this.root, path: "" }, ["workflow"]);
    const fields = this.fields(top.workflow, [
      "name",
      "description",
      "division",
      "startUpRef",
      "defaultLanguage",
      "supportedLanguages",
      "variables",
      "settingsErrorHandling",
      "states",
    ]);
    const defaultLanguage = this.text(fields.defaultLanguage);
    if (defaultLanguage !== "en-us") this.fail(fields.defaultLanguage, `default language ${defaultLanguage} is not en-us`);
    this.exactly(fields.supportedLanguages, { "en-us": { none: true } });
    this.exactly(fields.settingsErrorHandling, { errorHandling: { endWorkflow: { none: true } } });
    this.flowVariables = this.declarations(fields.variables, "Flow");
    const states = this.items(fields.states).map((item) => this.state(item));
    const startUpRef = this.text(fields.startUpRef);
    const start = STATE_REF.exec(startUpRef);
    if (!start || !states.some((state) => state.refId === start[1])) {
      this.fail(fields.startUpRef, `${startUpRef} is not /workflow/states/state[<refId>] of a state in this workflow`);
    }
    return {
      id: this.context.id,
      name: this.placeholder(fields.name),
      description: this.text(fields.description),
      division: this.placeholder(fields.division),
      defaultLanguage: "en-us",
      variables: this.flowVariables,
      states,
      startStateRefId: start[1],
      trigger: this.context.trigger,
    };
  }

  private state(item: At): WorkflowState {
    const { state } = this.fields(item, ["state"]);
    const fields = this.fields(state, ["name", "refId", "actions"], ["variables"]);
    const name = this.text(fields.name);
    const path = `${item.path} "${name}"`;
    this.stateVariables = fields.variables ? this.declarations(fields.variables, "State") : [];
    return {
      name,
      refId: this.text(fields.refId),
      variables: this.stateVariables,
      actions: this.actions({ node: fields.actions.node, path: `${path}.actions` }),
    };
  }

  private declarations(list: At, scope: VariableScope): VariableDeclaration[] {
    return this.items(list).map((item) => {
      const [typeKey, body] = this.single(item);
      const type = typeKey.replace(/Variable$/, "");
      if (!typeKey.endsWith("Variable") || !isVariableType(type)) this.fail(item, `unknown variable kind ${typeKey}`);
      const fields = this.fields(body, ["name"], ["initialValue", "isInput", "isOutput"]);
      const fullName = this.text(fields.name);
      const [declaredScope, name, ...rest] = fullName.split(".");
      if (declaredScope !== scope || !name || rest.length > 0) this.fail(fields.name, `${fullName} is not a ${scope}.<name> variable here`);
      if (fields.initialValue) this.exactly(fields.initialValue, { noValue: true });
      const isInput = fields.isInput ? this.boolean(fields.isInput) : false;
      const isOutput = fields.isOutput ? this.boolean(fields.isOutput) : false;
      if (scope === "State" && (isInput || isOutput)) this.fail(body, `state variable ${fullName} cannot be an input or output`);
      return { scope, name, type, isInput, isOutput };
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  private actions(list: At): ActionList {
    return this.items(list).map((item) => this.action(item));
  }

  private action(item: At): Action {
    const [kind, body] = this.single(item);
    const name = isMap(body.node) && isScalar(body.node.get("name", true)) ? String(body.node.get("name")) : undefined;
    const at: At = { node: body.node, path: `${item.path} ${kind}${name === undefined ? "" : ` "${name}"`}` };
    if (!Object.hasOwn(this.actionReaders, kind)) {
      return this.fail(item, `unknown action kind ${kind} (this package reads ${Object.keys(this.actionReaders).join(", ")})`);
    }
    return this.actionReaders[kind as ActionKind](at);
  }

  /** The reader of each action kind the model has (the compiler requires one per kind). */
  private readonly actionReaders: Readonly<Record<ActionKind, (at: At) => Action>> = {
    updateData: (at) => this.updateData(at),
    decision: (at) => this.decision(at),
    callData: (at) => this.callData(at),
    dataTableLookup: (at) => this.dataTableLookup(at),
    wait: (at) => this.wait(at),
    endWorkflow: (at) => this.endWorkflow(at),
  };

  private updateData(at: At): Action {
    const fields = this.fields(at, ["name", "statements"]);
    return {
      kind: "updateData",
      name: this.text(fields.name),
      statements: this.items(fields.statements).map((item) => {
        const [type, body] = this.single(item);
        const statement = this.fields(body, ["variable", "value"]);
        const variable = this.variable(statement.variable);
        if (variable.type !== type)
          this.fail(item, `a ${type} statement assigns ${variable.scope}.${variable.name}, a ${variable.type} variable`);
        return { variable, value: this.value(statement.value) };
      }),
    };
  }

  /**
   * A decision in the model's normal form: the path that acts is `yes`. Public flows write "not
   * equal" as `==` with the paths swapped (no public flow uses `!=`), so a decision on a whole `==`
   * that only acts on `no` is read as the `!=` decision it stands for; both run the same way.
   */
  private decision(at: At): Action {
    const fields = this.fields(at, ["name", "condition"], ["outputs"]);
    const paths = this.outputs(fields.outputs, at, ACTION_PATHS.decision);
    const name = this.text(fields.name);
    const condition = this.value(fields.condition);
    if (condition.kind === "binary" && condition.operator === "==" && paths.yes.length === 0 && paths.no.length > 0) {
      return { kind: "decision", name, condition: op.ne(condition.left, condition.right), yes: paths.no, no: [] };
    }
    return { kind: "decision", name, condition, yes: paths.yes, no: paths.no };
  }

  private callData(at: At): Action {
    const fields = this.fields(at, ["name", "timeout", "category"], ["outputs"]);
    const [categoryName, categoryBody, categoryAt] = this.single(fields.category);
    const { dataAction } = this.fields(categoryBody, ["dataAction"]);
    const [actionName, actionBody, actionAt] = this.single(dataAction);
    const named = this.context.dataActions.find(
      (known) => this.names(categoryName).includes(known.category) && this.names(actionName).includes(known.name),
    );
    if (!named) {
      const known = this.context.dataActions.map((action) => `${action.category} / ${action.name}`).join("; ");
      this.fail(actionAt, `unknown data action ${actionName} in category ${categoryName} (known: ${known})`);
    }
    const { spec } = named;
    const binding = this.fields(actionBody, ["inputs"], ["successOutputs", "failureOutputs"]);
    const inputNames = Object.keys(spec.inputContract.properties);
    const inputs: Record<string, Expression> = {};
    for (const [input, value] of this.entries(binding.inputs)) {
      if (!inputNames.includes(input)) this.fail(value, `${spec.baseName} has no input ${input} (inputs: ${inputNames.join(", ")})`);
      inputs[input] = this.value(value);
    }
    const paths = this.outputs(fields.outputs, at, ACTION_PATHS.callData);
    return {
      kind: "callData",
      name: this.text(fields.name),
      dataAction: { spec, categoryKey: this.keyOf(categoryAt, categoryName), nameKey: this.keyOf(actionAt, actionName) },
      inputs,
      // Absent: no output bound (Archy accepts the list left out; the renderer omits it for an empty contract).
      successOutputs: binding.successOutputs ? this.bindings(binding.successOutputs, contractOutputNames(spec.outputContract)) : {},
      // Names checked against CALL_DATA_FAILURE_OUTPUTS by bindings().
      failureOutputs: binding.failureOutputs ? this.bindings(binding.failureOutputs, CALL_DATA_FAILURE_OUTPUTS) : {},
      timeoutSeconds: this.durationSeconds(fields.timeout),
      ...paths,
    };
  }

  private dataTableLookup(at: At): Action {
    const fields = this.fields(at, ["name", "lookupValue", "dataTable"], ["outputs"]);
    const [tableName, tableBody, tableAt] = this.single(fields.dataTable);
    const named = this.context.tables.find((known) => this.names(tableName).includes(known.name));
    if (!named) {
      this.fail(tableAt, `unknown data table ${tableName} (known: ${this.context.tables.map((table) => table.name).join(", ")})`);
    }
    const table = this.fields(tableBody, [], ["foundOutputs"]);
    const columns = named.definition.columns.map((column) => column.name);
    const paths = this.outputs(fields.outputs, at, ACTION_PATHS.dataTableLookup);
    return {
      kind: "dataTableLookup",
      name: this.text(fields.name),
      table: { definition: named.definition, nameKey: this.keyOf(tableAt, tableName) },
      lookupValue: this.value(fields.lookupValue),
      foundOutputs: table.foundOutputs ? this.bindings(table.foundOutputs, columns) : {},
      ...paths,
    };
  }

  private wait(at: At): Action {
    const fields = this.fields(at, ["name", "duration", "trimDurationNearMaxRunningTime"]);
    const trim = this.fields(fields.trimDurationNearMaxRunningTime, ["lit"]);
    return {
      kind: "wait",
      name: this.text(fields.name),
      duration: this.value(fields.duration),
      trimDurationNearMaxRunningTime: this.boolean(trim.lit),
    };
  }

  private endWorkflow(at: At): Action {
    const fields = this.fields(at, ["name", "exitReason"]);
    const exitReason = this.fields(fields.exitReason, ["lit"]);
    return { kind: "endWorkflow", name: this.text(fields.name), exitReason: this.text(exitReason.lit) };
  }

  /** `outputs:` paths by name; an absent path (or absent `outputs`) continues with the next action. */
  private outputs<Path extends string>(outputs: At | undefined, action: At, names: readonly Path[]): Record<Path, ActionList> {
    const given = outputs ? this.fields(outputs, [], names) : ({} as Partial<Record<Path, At>>);
    return Object.fromEntries(
      names.map((name) => {
        const path = given[name];
        if (!path) return [name, []];
        const { actions } = this.fields(path, ["actions"]);
        return [name, this.actions({ node: actions.node, path: `${action.path}.outputs.${name}.actions` })];
      }),
    ) as Record<Path, ActionList>;
  }

  /** Output name → variable; `noValue: true` leaves the output unbound. */
  private bindings(map: At, names: readonly string[]): Record<string, VariableRef> {
    const bound: Record<string, VariableRef> = {};
    for (const [name, value] of this.entries(map)) {
      if (!names.includes(name)) this.fail(value, `unknown output ${name} (outputs: ${names.join(", ")})`);
      const form = this.fields(value, [], ["var", "noValue"]);
      if (form.var && !form.noValue) bound[name] = this.variable(form.var);
      else if (!(form.noValue && !form.var && this.boolean(form.noValue))) this.fail(value, "expected var: <variable> or noValue: true");
    }
    return bound;
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  /** A `lit:` or `exp:` value. */
  private value(at: At): Expression {
    const form = this.fields(at, [], ["lit", "exp"]);
    if (form.lit && !form.exp) return this.literal(form.lit);
    if (form.exp && !form.lit) return this.expression(form.exp);
    return this.fail(at, "expected exactly one of lit: or exp:");
  }

  private literal(at: At): Expression {
    if (isMap(at.node)) return { kind: "duration", seconds: this.units(at) };
    if (!isScalar(at.node)) return this.fail(at, "expected a literal");
    const { value } = at.node;
    if (typeof value === "boolean") return { kind: "boolean", value };
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) this.fail(at, `${value} is not an integer (decimal literals are not in the workflow model)`);
      return { kind: "integer", value };
    }
    if (typeof value === "string") return this.guard(at, () => stringLiteral(value, this.substitutions));
    return this.fail(at, "expected a string, integer, boolean or duration literal");
  }

  private expression(at: At): Expression {
    // YAML reads `exp: 0` or `exp: true` as a number or boolean: its text is still the expression.
    const value = isScalar(at.node) ? at.node.value : undefined;
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
      return this.fail(at, "expected expression text");
    const text = String(value);
    return this.guard(at, () =>
      parseExpression(text, { variables: [...this.flowVariables, ...this.stateVariables], substitutions: this.substitutions }),
    );
  }

  /** Runs an expression-level read, reporting its errors at this node. */
  private guard(at: At, read: () => Expression): Expression {
    try {
      return read();
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) return this.fail(at, error.message);
      throw error;
    }
  }

  private durationSeconds(at: At): number {
    const { lit } = this.fields(at, ["lit"]);
    if (!isMap(lit.node)) return this.fail(lit, "expected a duration such as {seconds: 60}");
    return this.units(lit);
  }

  private units(at: At): number {
    let seconds = 0;
    for (const [unit, amount] of this.entries(at)) {
      const factor = DURATION_UNITS[unit];
      if (factor === undefined) this.fail(amount, `unknown duration unit ${unit} (${Object.keys(DURATION_UNITS).join(", ")})`);
      if (!isScalar(amount.node) || !Number.isSafeInteger(amount.node.value)) this.fail(amount, "expected a whole number");
      seconds += (amount.node.value as number) * factor;
    }
    return seconds;
  }

  /** A `Flow.x` / `State.x` name of a declared variable in scope. */
  private variable(at: At): VariableRef {
    const fullName = this.text(at);
    const variable = [...this.flowVariables, ...this.stateVariables].find((known) => `${known.scope}.${known.name}` === fullName);
    if (!variable) return this.fail(at, `variable ${fullName} is not declared`);
    return { scope: variable.scope, name: variable.name, type: variable.type };
  }

  // ---------------------------------------------------------------------------------------------
  // Names and substitutions

  /**
   * The names a YAML key may stand for: itself, a placeholder's applied value, and the placeholders
   * of the keys whose applied value it is (so a context may name objects either way).
   */
  private names(text: string): string[] {
    const placeholder = PLACEHOLDER.exec(text);
    const value = placeholder ? this.substitutions[placeholder[1]] : undefined;
    const placeholders = substitutionKeysOf(text, this.substitutions).map((key) => `{{${key}}}`);
    return [text, ...(value === undefined ? [] : [value]), ...placeholders];
  }

  /** The substitution key of a name: its placeholder, or the one key whose applied value it is. */
  private keyOf(at: At, text: string): string {
    const placeholder = PLACEHOLDER.exec(text);
    if (placeholder) return placeholder[1];
    const keys = substitutionKeysOf(text, this.substitutions);
    if (keys.length > 1) this.fail(at, ambiguousSubstitution(text, keys));
    if (keys.length === 0)
      this.fail(at, `${JSON.stringify(text)} is neither a {{key}} placeholder nor the applied value of a substitution`);
    return keys[0];
  }

  private placeholder(at: At): Substitution {
    return { kind: "substitution", key: this.keyOf(at, this.text(at)) };
  }

  // ---------------------------------------------------------------------------------------------
  // Structure

  /** A map's values by key: every required key present, no key outside required and optional. */
  private fields<Required extends string, Optional extends string = never>(
    at: At,
    required: readonly Required[],
    optional: readonly Optional[] = [],
  ): Record<Required, At> & Partial<Record<Optional, At>> {
    if (!isMap(at.node)) return this.fail(at, `expected a map with ${[...required, ...optional].join(", ")}`);
    const known: readonly string[] = [...required, ...optional];
    const found: Record<string, At> = {};
    for (const [key, value] of this.entries(at)) {
      if (!known.includes(key)) this.fail(value, `unknown key ${key} (expected ${known.join(", ") || "none"})`);
      found[key] = value;
    }
    const missing = required.filter((key) => !(key in found));
    if (missing.length > 0) this.fail(at, `missing ${missing.join(", ")}`);
    return found as Record<Required, At> & Partial<Record<Optional, At>>;
  }

  /** A map's entries, keys as text, each value with its path. */
  private entries(at: At): [string, At][] {
    if (!isMap(at.node)) return this.fail(at, "expected a map");
    return at.node.items.map((pair: Pair) => {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== "string") this.fail({ node: pair.key as Node, path: at.path }, "expected a text key (quote yes/no)");
      return [key, { node: (pair.value as Node | null) ?? (pair.key as Node), path: at.path ? `${at.path}.${key}` : key }];
    });
  }

  /** A map with exactly one key (an action, a statement, a declaration, a named object). */
  private single(at: At): [string, At, At] {
    const entries = this.entries(at);
    if (entries.length !== 1) this.fail(at, `expected exactly one key, found ${entries.length}`);
    const [key, value] = entries[0];
    const keyNode = (at.node as { items: Pair[] }).items[0].key as Node;
    return [key, value, { node: keyNode, path: value.path }];
  }

  private items(at: At): At[] {
    if (!isSeq(at.node)) return this.fail(at, "expected a list");
    return at.node.items.map((item, index) => ({ node: item as Node, path: `${at.path}[${index}]` }));
  }

  private text(at: At): string {
    if (!isScalar(at.node) || typeof at.node.value !== "string") return this.fail(at, "expected text");
    return at.node.value;
  }

  private boolean(at: At): boolean {
    if (!isScalar(at.node) || typeof at.node.value !== "boolean") return this.fail(at, "expected true or false");
    return at.node.value;
  }

  /** A construct the model has no field for: only the one form the renderer writes is read. */
  private exactly(at: At, expected: unknown): void {
    const actual: unknown = at.node && "toJSON" in at.node ? at.node.toJSON() : undefined;
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      this.fail(at, `expected ${JSON.stringify(expected)} (nothing else is in the model)`);
  }

  private fail(at: At, reason: string): never {
    const offset = at.node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(Math.min(offset, this.yaml.length));
    throw new WorkflowParseError(this.source, line, col, at.path || "(document)", reason);
  }
}
