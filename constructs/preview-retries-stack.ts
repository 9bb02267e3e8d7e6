import type { Construct, Node } from "constructs";
import { GenesyscloudProvider } from "../.gen/providers/genesyscloud/provider";
import { DATA_ACTION_KEYS } from "../data-actions";
import { OUTPUT_NAMES, WORKFLOW_KEYS } from "../deployment/names";
import type { DeploymentPlan } from "../deployment/plan";
import { TerraformElement, TerraformOutput, TerraformStack } from "./cdk";
import { PreviewRetries } from "./preview-retries";
import { addStateBackend } from "./state-backend";

export interface PreviewRetriesStackProps {
  /** What the stack deploys to its org: `planDeployment(environment)`. */
  readonly deployment: DeploymentPlan;
}

/** Id of the PreviewRetries construct in the stack; left out of logical ids (see allocateLogicalId). */
const CONTENT_ID = "preview-retries";

/** One environment: the provider for its org's region, its own state backend, PreviewRetries and its ids as outputs. */
export class PreviewRetriesStack extends TerraformStack {
  readonly previewRetries: PreviewRetries;

  constructor(scope: Construct, props: PreviewRetriesStackProps) {
    const { deployment } = props;
    super(scope, deployment.stackId);
    // Region only: credentials come from GENESYSCLOUD_OAUTHCLIENT_ID / _SECRET in the environment.
    new GenesyscloudProvider(this, "genesyscloud", { awsRegion: deployment.region });
    addStateBackend(this, deployment.backend, deployment.environmentName, deployment.stackId);
    const content = new PreviewRetries(this, CONTENT_ID, { deployment });
    this.previewRetries = content;

    const output = (id: string, value: string, description: string) =>
      new TerraformOutput(this, id, { value, description, staticId: true });
    const { names } = deployment;
    output(
      OUTPUT_NAMES.dataActionsIntegrationId,
      content.dataActionsIntegrationId,
      `Id of the Data Actions integration ${names.dataActionsIntegration}`,
    );
    for (const key of DATA_ACTION_KEYS) {
      output(OUTPUT_NAMES.dataActionId(key), content.dataActionIds[key], `Id of the data action ${names.dataActions[key]}`);
    }
    output(OUTPUT_NAMES.retriesTableId, content.retriesTableId, `Id of the data table ${names.retriesTable}`);
    output(OUTPUT_NAMES.policyTableId, content.policyTableId, `Id of the data table ${names.policyTable}`);
    for (const key of WORKFLOW_KEYS) {
      output(OUTPUT_NAMES.workflowId(key), content.workflowIds[key], `Id of the "preview ${key}" workflow`);
      output(OUTPUT_NAMES.triggerId(key), content.triggerIds[key], `Id of the "preview ${key}" trigger`);
    }
  }

  /**
   * Logical ids as if PreviewRetries' resources were direct children of the stack: the addresses
   * stacks had before the construct existed, so upgrading replaces nothing in state.
   */
  override allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const scopes = node.scopes.filter((scope) => !(scope instanceof PreviewRetries && scope.node.scope === this));
    return super.allocateLogicalId({ scopes } as unknown as Node);
  }
}
