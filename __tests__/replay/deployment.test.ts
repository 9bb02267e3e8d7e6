/** The replay runs what the stack deploys: same triggers, same workflow YAML, same substitution values. */
import { describe, expect, it } from "vitest";
import { deploymentOf } from "../../replay/deployment";
import { renderWorkflowYaml } from "../../workflows/render";
import { matchCriteriaText } from "../../workflows/triggers";
import { environment, synthStack } from "../support/synth";

const overrides = {
  campaignIds: ["campaign-1"],
  queueIds: ["queue-1", "queue-2"],
  endTriggerDelaySeconds: 120,
  triggers: {
    accepted: {
      dataFormat: "TopLevelPrimitives" as const,
      matchCriteria: [{ jsonPath: "direction", operator: "In" as const, values: ["OUTBOUND"] }],
    },
  },
};

describe("replay deployment", () => {
  const { stack, json } = synthStack(overrides);
  const deployment = deploymentOf(environment(overrides));
  const resources = json.resource;

  it("has the synthesized triggers: topic, criteria text, delay, data format", () => {
    const synthesized = Object.values(resources.genesyscloud_processautomation_trigger);
    expect(deployment.triggers.map((trigger) => trigger.name).sort()).toEqual(synthesized.map((trigger) => trigger.name).sort());
    for (const trigger of deployment.triggers) {
      const resource = synthesized.find((candidate) => candidate.name === trigger.name);
      expect(resource).toMatchObject({
        topic_name: trigger.definition.topicName,
        match_criteria: matchCriteriaText(trigger.definition.matchCriteria),
        target: { workflow_target_settings: { data_format: trigger.definition.dataFormat } },
      });
      expect(resource?.delay_by_seconds).toEqual(trigger.definition.delayBySeconds);
    }
  });

  it("runs the workflow models the stack renders, with the names the stack gives the referenced objects", () => {
    const deployed = { accepted: stack.workflows.accepted, ended: stack.workflows.ended };
    const flows = Object.values(resources.genesyscloud_flow);
    for (const trigger of deployment.triggers) {
      expect(renderWorkflowYaml(trigger.workflow)).toBe(deployed[trigger.id].yaml);
      const workflow = flows.find((flow) => (flow.substitutions as Record<string, string>).flow_name === trigger.workflowName) as {
        substitutions: Record<string, string>;
      };
      expect(Object.keys(trigger.substitutions).sort()).toEqual(Object.keys(workflow.substitutions).sort());
      let namesCompared = 0;
      for (const [key, value] of Object.entries(workflow.substitutions)) {
        const reference = /^\$\{(genesyscloud_[a-z_]+)\.([\w-]+)\.name\}$/.exec(value);
        // Names are compared through the resource they reference; ids and the home division only exist after apply.
        if (reference) {
          expect([key, trigger.substitutions[key]]).toEqual([key, resources[reference[1]][reference[2]].name]);
          namesCompared++;
        } else if (!value.includes("${")) expect([key, trigger.substitutions[key]]).toEqual([key, value]);
      }
      // Two tables and five data actions are referenced by name.
      expect(namesCompared).toBe(7);
    }
  });
});

describe("replay deployment with an existing integration", () => {
  it("substitutes the integration's real name as the flows' data action category, as the stack does", () => {
    const existing = { dataActions: { existingIntegrationId: "i-1", existingIntegrationName: "PureCloud Data Actions" } };
    const deployment = deploymentOf(environment(existing));
    for (const trigger of deployment.triggers) expect(trigger.substitutions.data_action_category).toBe("PureCloud Data Actions");
  });
});
