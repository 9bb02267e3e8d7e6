/**
 * Renders a workflow model to Archy YAML in the block style Archy exports: every value is
 * lit/exp/var/noValue, every data action and table output is listed, decision outputs are quoted
 * "yes"/"no" (the yaml library quotes YAML 1.1 booleans when asked for 1.1, as Archy exports do).
 */
import { stringify } from "yaml";
import type { JsonSchema } from "../data-actions/spec";
import {
  CALL_DATA_FAILURE_OUTPUTS,
  type Action,
  type ActionList,
  type Expression,
  type VariableDeclaration,
  type VariableRef,
  type WorkflowDefinition,
} from "./model";

type Yaml = string | number | boolean | null | readonly Yaml[] | { readonly [key: string]: Yaml };

export function renderWorkflowYaml(workflow: WorkflowDefinition): string {
  return stringify(workflowDocument(workflow), { version: "1.1", lineWidth: 0 });
}

export function workflowDocument(workflow: WorkflowDefinition): Yaml {
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

export const stateRef = (refId: string): string => `/workflow/states/state[${refId}]`;
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

/** `outputs:` with the non-empty paths only: an omitted path continues with the next action. */
function renderOutputs(paths: Record<string, ActionList>): Yaml {
  const outputs: Record<string, Yaml> = {};
  for (const [path, actions] of Object.entries(paths)) {
    if (actions.length > 0) outputs[path] = { actions: renderActions(actions) };
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
    case "decision":
      return {
        decision: {
          name: action.name,
          condition: renderValue(action.condition),
          outputs: renderOutputs({ yes: action.yes, no: action.no }),
        },
      };
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
                  successOutputs: bindings(contractOutputNames(action.dataAction.spec.outputContract), action.successOutputs),
                  failureOutputs: bindings(CALL_DATA_FAILURE_OUTPUTS, action.failureOutputs),
                },
              },
            },
          },
          outputs: renderOutputs({ success: action.success, failure: action.failure, timeout: action.timeout }),
        },
      };
    case "dataTableLookup":
      return {
        dataTableLookup: {
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
          outputs: renderOutputs({ found: action.found, notFound: action.notFound, failure: action.failure }),
        },
      };
    case "wait":
      return {
        wait: {
          name: action.name,
          trimDurationNearMaxRunningTime: { lit: action.trimDurationNearMaxRunningTime },
          duration: renderValue(action.duration),
        },
      };
    case "endWorkflow":
      return { endWorkflow: { name: action.name, exitReason: { lit: action.exitReason } } };
  }
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

/** Architect expression text of an expression tree. */
export function renderExpression(expression: Expression): string {
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
      return `${expression.fn}(${expression.args.map(renderExpression).join(", ")})`;
    case "binary":
      return `${operand(expression.left)} ${expression.operator} ${operand(expression.right)}`;
    case "property":
      return `${operand(expression.of)}.${expression.property}`;
  }
}

const operand = (expression: Expression): string =>
  expression.kind === "binary" ? `(${renderExpression(expression)})` : renderExpression(expression);
