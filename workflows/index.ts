/** The workflow model, its tools, and the two workflows of preview retries. */
export * from "./model";
export * from "./expressions";
export { ARCHITECT_FUNCTIONS, DOCUMENTED_JSON_FUNCTIONS, fn, type ArchitectFunctionName, type FunctionSignature } from "./functions";
export * from "./events";
export * from "./common";
export * from "./substitutions";
export { renderWorkflowYaml, renderExpression, renderValue, contractOutputNames, contractOutput, variableName, stateRef } from "./render";
export {
  lintWorkflow,
  assertValidWorkflow,
  alwaysEnds,
  formatFinding,
  WorkflowLintError,
  type LintFinding,
  type LintContext,
} from "./lint";
export { previewAcceptedWorkflow, ACCEPTED_EXITS, PREVIEW_ACCEPTED_ID, type PreviewAcceptedOptions } from "./preview-accepted";
export { previewEndedWorkflow, ENDED_EXITS, PREVIEW_ENDED_ID } from "./preview-ended";
