import { Construct } from "constructs";
import { ProcessautomationTrigger } from "../.gen/providers/genesyscloud/processautomation-trigger";
import type { TriggersConfig } from "../config/schema";
import { escapeForTerraform } from "../data-actions/terraform-escape";
import {
  acceptedTriggerDefinition,
  configuredMatchCriterion,
  endTriggerDefinition,
  matchCriteriaText,
  type TriggerDefinition,
} from "../workflows/triggers";

export interface WorkflowTriggerProps {
  /** Trigger name in the org. */
  readonly name: string;
  readonly description: string;
  readonly definition: TriggerDefinition;
  /** Id of the published workflow the trigger starts. */
  readonly workflowId: string;
  /** @default true */
  readonly enabled?: boolean;
}

/** A `genesyscloud_processautomation_trigger` that starts a workflow, criteria in the provider's read-back form. */
export class WorkflowTrigger extends Construct {
  readonly trigger: ProcessautomationTrigger;
  readonly matchCriteria: string;

  constructor(scope: Construct, id: string, props: WorkflowTriggerProps) {
    super(scope, id);
    const { definition } = props;
    if (definition.matchCriteria.length === 0) {
      throw new Error(
        `trigger "${props.name}": match criteria must not be empty (the trigger would fire for every event of ${definition.topicName})`,
      );
    }
    this.matchCriteria = matchCriteriaText(definition.matchCriteria);
    this.trigger = new ProcessautomationTrigger(this, "trigger", {
      name: props.name,
      description: props.description,
      topicName: definition.topicName,
      enabled: props.enabled ?? true,
      matchCriteria: escapeForTerraform(this.matchCriteria),
      delayBySeconds: definition.delayBySeconds,
      target: { type: "Workflow", id: props.workflowId, workflowTargetSettings: { dataFormat: definition.dataFormat } },
    });
  }
}

/** Names of the two triggers in an environment's org. */
export function triggerNames(namePrefix: string): { readonly accepted: string; readonly ended: string } {
  return { accepted: `${namePrefix}Preview Retries - Preview Accepted`, ended: `${namePrefix}Preview Retries - Preview Ended` };
}

export interface PreviewRetriesTriggersProps {
  /** Prefix of the trigger names (the environment's `namePrefix`). */
  readonly namePrefix: string;
  readonly triggers: TriggersConfig;
  /** Only previews of these campaigns are tracked. @default [] (all) */
  readonly campaignIds?: readonly string[];
  /** Only callbacks ending in these queues are handled. @default [] (all) */
  readonly queueIds?: readonly string[];
  readonly endTriggerDelaySeconds: number;
  readonly acceptedWorkflowId: string;
  readonly endedWorkflowId: string;
}

/** The "preview accepted" and "callback/preview end" triggers, each pointed at its workflow. */
export class PreviewRetriesTriggers extends Construct {
  readonly accepted: WorkflowTrigger;
  readonly ended: WorkflowTrigger;

  constructor(scope: Construct, id: string, props: PreviewRetriesTriggersProps) {
    super(scope, id);
    const names = triggerNames(props.namePrefix);
    const { accepted } = props.triggers;
    this.accepted = new WorkflowTrigger(this, "accepted", {
      name: names.accepted,
      description: "Preview retries: records an accepted preview contact in the retries table. Managed by Terraform.",
      enabled: props.triggers.enabled,
      workflowId: props.acceptedWorkflowId,
      definition: acceptedTriggerDefinition({
        topicName: accepted.topicName,
        matchCriteria: accepted.matchCriteria?.map(configuredMatchCriterion),
        campaignIds: props.campaignIds,
        dataFormat: accepted.dataFormat,
      }),
    });
    this.ended = new WorkflowTrigger(this, "ended", {
      name: names.ended,
      description: "Preview retries: re-submits a closed or skipped preview contact per its wrap-up policy. Managed by Terraform.",
      enabled: props.triggers.enabled,
      workflowId: props.endedWorkflowId,
      definition: endTriggerDefinition({ queueIds: props.queueIds, delayBySeconds: props.endTriggerDelaySeconds }),
    });
  }
}
