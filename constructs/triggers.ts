import { Construct } from "constructs";
import { ProcessautomationTrigger } from "../.gen/providers/genesyscloud/processautomation-trigger";
import type { TriggerPlan } from "../deployment/plan";
import { matchCriteriaText } from "../genesys/process-automation";
import { escapeForTerraform } from "./terraform-escape";

export interface WorkflowTriggerProps {
  readonly trigger: TriggerPlan;
  /** Id of the published workflow the trigger starts. */
  readonly workflowId: string;
}

/** A `genesyscloud_processautomation_trigger` that starts a workflow, its criteria in the provider's read-back form. */
export class WorkflowTrigger extends Construct {
  readonly triggerId: string;
  readonly triggerName: string;
  /** `match_criteria` as the provider receives and reads it back (after Terraform's unescaping). */
  readonly matchCriteria: string;

  constructor(scope: Construct, id: string, props: WorkflowTriggerProps) {
    super(scope, id);
    const { trigger } = props;
    const { definition } = trigger;
    this.matchCriteria = matchCriteriaText(definition.matchCriteria);
    this.node.addValidation({
      validate: () =>
        definition.matchCriteria.length === 0
          ? [
              `trigger "${trigger.name}": match criteria must not be empty (the trigger would fire for every event of ${definition.topicName})`,
            ]
          : [],
    });
    const resource = new ProcessautomationTrigger(this, "trigger", {
      name: trigger.name,
      description: trigger.description,
      topicName: definition.topicName,
      enabled: trigger.enabled,
      matchCriteria: escapeForTerraform(this.matchCriteria),
      delayBySeconds: definition.delayBySeconds,
      target: { type: "Workflow", id: props.workflowId, workflowTargetSettings: { dataFormat: definition.dataFormat } },
    });
    if (trigger.adoptId !== undefined) resource.importFrom(trigger.adoptId);
    this.triggerId = resource.id;
    this.triggerName = trigger.name;
  }
}
