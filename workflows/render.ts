/**
 * Renders a workflow model to Archy YAML in the block style Archy exports: every value is
 * lit/exp/var/noValue, every data action and table output is listed, decision outputs are quoted
 * "yes"/"no" (the yaml library quotes YAML 1.1 booleans when asked for 1.1, as Archy exports do).
 *
 * Where Archy offers a choice, the syntax is the one public flow files use (GenesysCloudBlueprints
 * workflows and call flows): no `successOutputs` for an action whose output contract is empty (no
 * real file has an empty one), "not equal" as `==` with the decision's paths swapped (no real file
 * uses `!=`). What has no public precedent at all is in UNVERIFIED_ARCHY_SYNTAX, and only there.
 */
import { stringify } from "yaml";
import type { JsonSchema } from "../data-actions/spec";
import {
  actionBranches,
  CALL_DATA_FAILURE_OUTPUTS,
  type Action,
  type ActionList,
  type ActionPath,
  type Expression,
  type VariableDeclaration,
  type VariableRef,
  type WorkflowDefinition,
} from "./model";

type Yaml = string | number | boolean | null | readonly Yaml[] | { readonly [key: string]: Yaml };

/**
 * UNVERIFIED: Archy syntax with no public flow file showing it (checked against the published
 * GenesysCloudBlueprints flows). Each entry is on the sandbox checklist in docs/workflows.md
 * ("Archy syntax to confirm in a sandbox"), which a test keeps in step with this object.
 */
export const UNVERIFIED_ARCHY_SYNTAX = {
  dataTableLookupInWorkflow: {
    what: "Data Table Lookup in a workflow (the only public one is in an inbound call flow)",
    render: (lookup: Yaml): Yaml => ({ dataTableLookup: lookup }),
  },
  dataTableLookupFailurePath: {
    what: "Data Table Lookup's failure path under `outputs`, key `failure` (the Scripting SDK has outputFailure; no YAML shows the key)",
    key: "failure",
  },
  waitDurationExpression: {
    what: "Wait duration from an expression (`exp: MakeDuration(0, 0, 0, State.waitTime)`); public files only use literal durations",
    render: (duration: Expression): Yaml => renderValue(duration),
  },
} as const;

export function renderWorkflowYaml(workflow: WorkflowDefinition): string {
  return stringify(workflowDocument(workflow), { version: "1.1", lineWidth: 0 });
}

function workflowDocument(workflow: WorkflowDefinition): Yaml {
  return {
    workflow: {
      name: placeholder(workflow.name.key),
      description: workflow.description,
      division: placeholder(workflow.division.key),
      startUpRef: stateRef(workflow.startStateRefId),
      defaultLanguage: workflow.defaultLanguage,
      supportedLanguages: { [workflow.defaultLanguage]: { none: true } },
      variables: workflow.variables.map(renderDeclaration),
      settingsErrorHandling: { errorHandling: { endWorkflow: { none: true } } },
      states: workflow.states.map((state) => ({
        state: {
          name: state.name,
          refId: state.refId,
          variables: state.variables.map(renderDeclaration),
          actions: renderActions(state.actions),
        },
      })),
    },
  };
}

const stateRef = (refId: string): string => `/workflow/states/state[${refId}]`;
export const placeholder = (key: string): string => `{{${key}}}`;
export const variableName = (variable: VariableRef): string => `${variable.scope}.${variable.name}`;

function renderDeclaration(declaration: VariableDeclaration): Yaml {
  return {
    [`${declaration.type}Variable`]: {
      name: variableName(declaration),
      initialValue: { noValue: true },
      isInput: declaration.isInput,
      isOutput: declaration.isOutput,
    },
  };
}

function renderActions(actions: ActionList): Yaml[] {
  return actions.map(renderAction);
}

/** `outputs:` with the non-empty paths only (an omitted path continues with the next action), each under its key in Archy. */
function renderOutputs(paths: Readonly<Partial<Record<ActionPath, ActionList>>>, keys: Partial<Record<ActionPath, string>> = {}): Yaml {
  const outputs: Record<string, Yaml> = {};
  for (const [path, actions] of Object.entries(paths) as [ActionPath, ActionList][]) {
    if (actions.length > 0) outputs[keys[path] ?? path] = { actions: renderActions(actions) };
  }
  return outputs;
}

function bindings(names: readonly string[], bound: Readonly<Record<string, VariableRef | undefined>>): Yaml {
  return Object.fromEntries(
    names.map((name): [string, Yaml] => {
      const variable = bound[name];
      return [name, variable ? { var: variableName(variable) } : { noValue: true }];
    }),
  );
}

function renderAction(action: Action): Yaml {
  switch (action.kind) {
    case "updateData":
      return {
        updateData: {
          name: action.name,
          statements: action.statements.map((statement) => ({
            [statement.variable.type]: { variable: variableName(statement.variable), value: renderValue(statement.value) },
          })),
        },
      };
    case "decision": {
      // "not equal" the way public flows write it: the equality, with yes and no swapped.
      const { condition, yes, no } = action;
      const notEqual = condition.kind === "binary" && condition.operator === "!=";
      return {
        decision: {
          name: action.name,
          condition: renderValue(notEqual ? { ...condition, operator: "==" } : condition),
          outputs: renderOutputs(notEqual ? { yes: no, no: yes } : { yes, no }),
        },
      };
    }
    case "callData":
      return {
        callData: {
          name: action.name,
          timeout: { lit: { seconds: action.timeoutSeconds } },
          category: {
            [placeholder(action.dataAction.categoryKey)]: {
              dataAction: {
                [placeholder(action.dataAction.nameKey)]: {
                  inputs: Object.fromEntries(Object.entries(action.inputs).map(([name, value]) => [name, renderValue(value)])),
                  ...successOutputs(action),
                  failureOutputs: bindings(CALL_DATA_FAILURE_OUTPUTS, action.failureOutputs),
                },
              },
            },
          },
          outputs: renderOutputs(actionBranches(action)),
        },
      };
    case "dataTableLookup":
      return UNVERIFIED_ARCHY_SYNTAX.dataTableLookupInWorkflow.render({
        name: action.name,
        lookupValue: renderValue(action.lookupValue),
        dataTable: {
          [placeholder(action.table.nameKey)]: {
            foundOutputs: bindings(
              action.table.definition.columns.map((column) => column.name),
              action.foundOutputs,
            ),
          },
        },
        outputs: renderOutputs(actionBranches(action), { failure: UNVERIFIED_ARCHY_SYNTAX.dataTableLookupFailurePath.key }),
      });
    case "wait":
      return {
        wait: {
          name: action.name,
          trimDurationNearMaxRunningTime: { lit: action.trimDurationNearMaxRunningTime },
          duration: UNVERIFIED_ARCHY_SYNTAX.waitDurationExpression.render(action.duration),
        },
      };
    case "endWorkflow":
      return { endWorkflow: { name: action.name, exitReason: { lit: action.exitReason } } };
  }
}

/** `successOutputs` with every output of the contract, or nothing when the contract has none. */
function successOutputs(action: Extract<Action, { kind: "callData" }>): { successOutputs?: Yaml } {
  const names = contractOutputNames(action.dataAction.spec.outputContract);
  return names.length === 0 ? {} : { successOutputs: bindings(names, action.successOutputs) };
}

/**
 * Output names of a data action as Architect's Call Data Action lists them: the output contract's
 * properties, nested objects flattened with dots.
 */
export function contractOutputNames(schema: JsonSchema, prefix = ""): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
    property.type === "object" && property.properties ? contractOutputNames(property, `${prefix}${name}.`) : [`${prefix}${name}`],
  );
}

/** The JSON schema of one output name (dotted path), or undefined. */
export function contractOutput(schema: JsonSchema, dottedName: string): JsonSchema | undefined {
  return dottedName.split(".").reduce<JsonSchema | undefined>((current, part) => current?.properties?.[part], schema);
}

/** A value in the lit/exp form Archy expects. */
export function renderValue(value: Expression): Yaml {
  switch (value.kind) {
    case "string":
    case "integer":
    case "boolean":
      return { lit: value.value };
    case "duration":
      return { lit: { seconds: value.seconds } };
    case "substitution":
      return { lit: placeholder(value.key) };
    default:
      return { exp: renderExpression(value) };
  }
}

/** Architect expression text of an expression tree, as it goes into the YAML. */
export function renderExpression(expression: Expression): string {
  return expressionText(expression, false);
}

/** Expression text for people (diagrams): also writes `!=`, which the YAML never holds. */
export function describeExpression(expression: Expression): string {
  return expressionText(expression, true);
}

function expressionText(expression: Expression, allowNotEqual: boolean): string {
  const operand = (inner: Expression): string =>
    inner.kind === "binary" ? `(${expressionText(inner, allowNotEqual)})` : expressionText(inner, allowNotEqual);
  switch (expression.kind) {
    case "string":
      return `"${expression.value}"`;
    case "substitution":
      return `"${placeholder(expression.key)}"`;
    case "integer":
      return String(expression.value);
    case "boolean":
      return String(expression.value);
    case "duration":
      throw new Error(`a duration literal (${expression.seconds} s) can only be a whole value, not part of an expression`);
    case "variable":
      return variableName(expression.variable);
    case "call":
      return `${expression.fn}(${expression.args.map((arg) => expressionText(arg, allowNotEqual)).join(", ")})`;
    case "binary":
      if (expression.operator === "!=" && !allowNotEqual) {
        throw new Error(
          "`!=` has no precedent in public flow files: use it only as a whole decision condition (rendered as == with the paths swapped)",
        );
      }
      return `${operand(expression.left)} ${expression.operator} ${operand(expression.right)}`;
    case "property":
      return `${operand(expression.of)}.${expression.property}`;
  }
}
