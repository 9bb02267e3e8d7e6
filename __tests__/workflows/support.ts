import { dataActionSpecs, type DataActionKey } from "../../data-actions";
import type { TriggerDataFormat } from "../../genesys/process-automation";
import type { CorrelationKey } from "../../tables/definitions";
import { actionBranches, type Action, type ActionList, type WorkflowDefinition } from "../../workflows/model";
import { previewAcceptedWorkflow } from "../../workflows/preview-accepted";
import { previewEndedWorkflow } from "../../workflows/preview-ended";
import { SUBSTITUTION_KEYS, dataActionNameKey } from "../../workflows/substitutions";

export const specs = dataActionSpecs({ timeoutSeconds: 15, resubmit: { priority: true, clearSystemData: false } });

export const DATA_ACTION_KEYS: readonly DataActionKey[] = ["insertRow", "updateRow", "deleteRow", "getContact", "resubmitContact"];

/** Every key the flow construct substitutes. */
export const ALL_SUBSTITUTION_KEYS: ReadonlySet<string> = new Set([
  ...Object.values(SUBSTITUTION_KEYS),
  ...DATA_ACTION_KEYS.map(dataActionNameKey),
]);

export function accepted(correlationKey: CorrelationKey = "phoneNumber", dataFormat: TriggerDataFormat = "Json"): WorkflowDefinition {
  return previewAcceptedWorkflow({ correlationKey, dataActions: specs, dataFormat });
}

export function ended(correlationKey: CorrelationKey = "phoneNumber"): WorkflowDefinition {
  return previewEndedWorkflow({ correlationKey, dataActions: specs });
}

export const ALL_VARIANTS: readonly [string, () => WorkflowDefinition][] = [
  ["accepted, phone keys, Json", () => accepted("phoneNumber", "Json")],
  ["accepted, phone keys, TopLevelPrimitives", () => accepted("phoneNumber", "TopLevelPrimitives")],
  ["accepted, conversation keys, Json", () => accepted("conversationId", "Json")],
  ["ended, phone keys", () => ended("phoneNumber")],
  ["ended, conversation keys", () => ended("conversationId")],
];

/** Every action of a list, depth first, branches included. */
export function allActions(actions: ActionList): Action[] {
  return actions.flatMap((action) => [action, ...branchesOf(action).flatMap(([, branch]) => allActions(branch))]);
}

export function branchesOf(action: Action): [string, ActionList][] {
  return Object.entries(actionBranches(action));
}

/** One run through the actions: the names of the actions executed, with the branch each branching action took. */
export interface ExecutionPath {
  readonly steps: readonly string[];
  readonly exitReason: string | undefined;
}

/**
 * Every path through the actions, following Archy's semantics: a branch that does not end continues
 * with the action after the branching action. Each branching action is taken both ways.
 */
export function executionPaths(actions: ActionList, steps: readonly string[] = []): ExecutionPath[] {
  if (actions.length === 0) return [{ steps, exitReason: undefined }];
  const [action, ...rest] = actions;
  if (action.kind === "endWorkflow") return [{ steps: [...steps, action.name], exitReason: action.exitReason }];
  const branches = branchesOf(action);
  if (branches.length === 0) return executionPaths(rest, [...steps, action.name]);
  return branches.flatMap(([label, branch]) => {
    const inBranch = executionPaths(branch, [...steps, `${action.name} [${label}]`]);
    return inBranch.flatMap((path) => (path.exitReason === undefined ? executionPaths(rest, path.steps) : [path]));
  });
}
