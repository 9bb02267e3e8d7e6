import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Testing } from "../../constructs/cdk";
import { PreviewRetriesStack } from "../../constructs/preview-retries-stack";
import { WORKFLOW_KEYS } from "../../deployment/names";
import { planDeployment, type DeploymentPlan } from "../../deployment/plan";
import { matchCriteriaText } from "../../genesys/process-automation";
import { renderWorkflowYaml } from "../../workflows/render";
import { environment, type TerraformJson } from "../support/synth";

/** Synthesizes a plan's stack to disk, as `cdktf synth` does: the JSON and the YAML files the flows point at. */
function synthesize(deployment: DeploymentPlan) {
  const stack = new PreviewRetriesStack(Testing.app(), { deployment });
  const outdir = Testing.fullSynth(stack);
  const stackDirectory = path.join(outdir, "stacks", deployment.stackId);
  const json = JSON.parse(readFileSync(path.join(stackDirectory, "cdk.tf.json"), "utf8")) as TerraformJson;
  const resources = (type: string) => Object.values(json.resource[type] ?? {}) as Record<string, unknown>[];
  const flowYaml = (flow: Record<string, unknown>) => readFileSync(path.join(stackDirectory, flow.filepath as string), "utf8");
  return { json, resources, flowYaml };
}

describe("the stack renders exactly the deployment description", () => {
  describe.each([
    ["the defaults", {}],
    [
      "every option that changes a workflow, trigger or row",
      {
        correlationKey: "conversationId" as const,
        campaignIds: ["campaign-1"],
        queueIds: ["queue-1", "queue-2"],
        endTriggerDelaySeconds: 600,
        workflowDivisionName: "Outbound",
        triggers: { enabled: false, accepted: { dataFormat: "TopLevelPrimitives" as const } },
        wrapupPolicies: [
          { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 },
          { wrapupCode: "Busy", waitTimeSeconds: 900, maxAttempts: 1 },
        ],
      },
    ],
  ])("GIVEN %s", (_, overrides) => {
    const deployment = planDeployment(environment(overrides));
    const { resources, flowYaml } = synthesize(deployment);

    it("THEN each flow's YAML file is the description's workflow rendered, with exactly its substitution keys", () => {
      const flows = resources("genesyscloud_flow");
      for (const key of WORKFLOW_KEYS) {
        const workflow = deployment.workflows[key];
        const flow = flows.find((candidate) => (candidate.substitutions as Record<string, string>).flow_name === workflow.name);
        expect(flow, workflow.name).toBeDefined();
        expect(flowYaml(flow!)).toBe(renderWorkflowYaml(workflow.definition));
        expect(Object.keys(flow!.substitutions as object).sort()).toEqual(Object.keys(workflow.substitutions).sort());
      }
    });

    it("THEN each trigger carries the description's name, topic, criteria, data format, delay and enabled flag", () => {
      const triggers = resources("genesyscloud_processautomation_trigger");
      for (const key of WORKFLOW_KEYS) {
        const plan = deployment.triggers[key];
        const trigger = triggers.find((candidate) => candidate.name === plan.name);
        expect(trigger).toMatchObject({
          topic_name: plan.definition.topicName,
          match_criteria: matchCriteriaText(plan.definition.matchCriteria),
          enabled: plan.enabled,
          target: { workflow_target_settings: { data_format: plan.definition.dataFormat } },
        });
        expect(trigger?.delay_by_seconds).toBe(plan.definition.delayBySeconds);
      }
    });

    it("THEN the policy rows are the description's rows, every column written", () => {
      const byKey = (left: { key: unknown }, right: { key: unknown }) => String(left.key).localeCompare(String(right.key));
      const rows = resources("genesyscloud_architect_datatable_row").map((row) => ({
        key: row.key_value,
        columns: JSON.parse(row.properties_json as string) as unknown,
      }));
      expect(rows.sort(byKey)).toEqual(deployment.tables.policy.rows.map((row) => ({ key: row.key, columns: row.columns })).sort(byKey));
    });
  });
});
