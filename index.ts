/**
 * The construct library: add preview retries to any cdktf stack.
 *
 * ```ts
 * import { GenesyscloudProvider, PreviewRetries, planDeployment, validateEnvironment } from "preview-retries-as-code";
 *
 * new GenesyscloudProvider(stack, "genesyscloud", { awsRegion: "eu-west-1" });
 * new PreviewRetries(stack, "preview-retries", {
 *   deployment: planDeployment(validateEnvironment({ name: "prod", region: "eu-west-1", wrapupPolicies: [...] })),
 * });
 * ```
 *
 * The generated provider bindings ship compiled with the package (the pinned provider version), so
 * a consumer needs neither `cdktf get` nor the provider schema.
 */
import { validateEnvironments } from "./config/validate";
import type { EnvironmentConfig, EnvironmentInput } from "./config/schema";

export { PreviewRetries, type PreviewRetriesProps } from "./constructs/preview-retries";
export { PreviewRetriesStack, type PreviewRetriesStackProps } from "./constructs/preview-retries-stack";
export { createApp, validationErrors } from "./constructs/app";
export {
  planDeployment,
  type DataActionPlan,
  type DeploymentPlan,
  type IntegrationPlan,
  type PolicyRowPlan,
  type StateBackendPlan,
  type TablePlan,
  type TriggerPlan,
  type WorkflowPlan,
} from "./deployment/plan";
export { OUTPUT_NAMES, WORKFLOW_KEYS, orgNames, stackIdFor, type OrgNames, type WorkflowKey } from "./deployment/names";
export { DATA_ACTION_KEYS, type DataActionKey } from "./data-actions";
export { ConfigError, validateEnvironments } from "./config/validate";
export type { BackendConfig, EnvironmentConfig, EnvironmentInput, MatchCriterionConfig, WrapupPolicy } from "./config/schema";
export { GenesyscloudProvider, type GenesyscloudProviderConfig } from "./.gen/providers/genesyscloud/provider";

/**
 * One environment validated with every default applied, for `planDeployment`. Throws ConfigError
 * naming each invalid field. `region` and `backend` are used only by PreviewRetriesStack: in your
 * own stack, your provider and backend apply.
 */
export function validateEnvironment(input: EnvironmentInput): EnvironmentConfig {
  return validateEnvironments([input])[0];
}
