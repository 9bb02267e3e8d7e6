import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp, validationErrors } from "../../constructs/app";
import { Testing } from "../../constructs/cdk";
import type { DataActionSpec } from "../../data-actions/spec";
import { planDeployment } from "../../deployment/plan";
import { environment, resourcesOf, synthStack } from "../support/synth";

const flowsOf = (json: ReturnType<typeof synthStack>["json"]) => json.resource.genesyscloud_flow as Record<string, Record<string, unknown>>;

describe("PreviewRetriesWorkflows in the stack", () => {
  describe("GIVEN the default environment", () => {
    const { stack, json } = synthStack();
    const flows = flowsOf(json);

    it("THEN there are two flows, each with a YAML asset path relative to the stack and no file_content_hash", () => {
      expect(Object.keys(flows)).toHaveLength(2);
      for (const flow of Object.values(flows)) {
        expect(flow.filepath).toMatch(
          /^assets\/workflows_preview-(accepted|ended)-yaml_[0-9A-F]+\/[0-9A-F]+\/preview-(accepted|ended)\.yaml$/,
        );
        expect(flow).not.toHaveProperty("file_content_hash");
      }
    });

    it("THEN the YAML file in the stack's output holds the rendered YAML and every {{key}} in it has a substitution", () => {
      const outdir = Testing.fullSynth(stack);
      const rendered = Object.values(stack.previewRetries.workflowYaml);
      for (const flow of Object.values(flows)) {
        const file = readFileSync(path.join(outdir, "stacks", stack.node.id, flow.filepath as string), "utf8");
        expect(rendered).toContain(file);
        const keys = [...new Set([...file.matchAll(/\{\{([a-z_]+)\}\}/g)].map((match) => match[1]))];
        expect(keys.filter((key) => !(key in (flow.substitutions as Record<string, string>)))).toEqual([]);
        expect(() => parse(file)).not.toThrow();
      }
    });

    it("THEN names and ids reach the flows as Terraform references to the tables and actions", () => {
      const accepted = Object.values(flows).find(
        (flow) => (flow.substitutions as Record<string, string>).flow_name === "t_Preview Retries - Preview Accepted",
      );
      const substitutions = accepted?.substitutions as Record<string, string>;
      expect(substitutions.retries_table_name).toMatch(/^\$\{genesyscloud_architect_datatable\.retries-table_[0-9A-F]+\.name\}$/);
      expect(substitutions).not.toHaveProperty("retries_table_id");
      expect(substitutions.policy_table_name).toMatch(/^\$\{genesyscloud_architect_datatable\.wrap-policy-table_[0-9A-F]+\.name\}$/);
      expect(substitutions.data_action_insert_row).toMatch(
        /^\$\{genesyscloud_integration_action\.data-action-insert-row_action_[0-9A-F]+\.name\}$/,
      );
      expect(substitutions.data_action_category).toBe(stack.previewRetries.dataActionsIntegrationName);
      expect(substitutions.division_name).toMatch(/^\$\{data\.genesyscloud_auth_division_home\.[\w-]+\.name\}$/);
    });

    it("THEN each flow depends on both tables and all five data actions", () => {
      for (const flow of Object.values(flows)) {
        const dependencies = flow.depends_on as string[];
        expect(dependencies.filter((dependency) => dependency.startsWith("genesyscloud_architect_datatable."))).toHaveLength(2);
        expect(dependencies.filter((dependency) => dependency.startsWith("genesyscloud_integration_action."))).toHaveLength(5);
      }
    });

    it("THEN the triggers target the flows with their topics, data formats, delay and criteria text", () => {
      const triggers = resourcesOf(json, "genesyscloud_processautomation_trigger");
      const byTopic = Object.fromEntries(triggers.map((trigger) => [trigger.topic_name as string, trigger]));
      const ended = byTopic["v2.detail.events.conversation.{id}.user.end"];
      const accepted = byTopic["v2.detail.events.conversation.{id}.outbound"];
      expect(ended.target).toEqual({
        type: "Workflow",
        id: expect.stringMatching(/^\$\{genesyscloud_flow\.workflows_preview-ended_[0-9A-F]+\.id\}$/),
        workflow_target_settings: { data_format: "Json" },
      });
      expect(accepted.target).toMatchObject({
        id: expect.stringMatching(/^\$\{genesyscloud_flow\.workflows_preview-accepted_[0-9A-F]+\.id\}$/),
      });
      expect(ended.delay_by_seconds).toBe(60);
      expect(accepted).not.toHaveProperty("delay_by_seconds");
      expect(ended.match_criteria).toBe(
        '[{"jsonPath":"disconnectType","operator":"Equal","value":"CLIENT"},{"jsonPath":"mediaType","operator":"Equal","value":"CALLBACK"},' +
          '{"jsonPath":"provider","operator":"Equal","value":"PureCloud Callback"},{"jsonPath":"direction","operator":"Equal","value":"OUTBOUND"}]',
      );
      expect(accepted.match_criteria).toBe('[{"jsonPath":"mediaType","operator":"Equal","value":"CALLBACK"}]');
      expect(triggers.every((trigger) => trigger.enabled === true)).toBe(true);
    });
  });

  describe("GIVEN scoping, a TopLevelPrimitives accepted trigger, a workflow division and disabled triggers", () => {
    const { json } = synthStack({
      campaignIds: ["camp-1"],
      queueIds: ["queue-1"],
      endTriggerDelaySeconds: 300,
      workflowDivisionName: "Outbound",
      triggers: { enabled: false, accepted: { dataFormat: "TopLevelPrimitives" } },
    });
    const triggers = resourcesOf(json, "genesyscloud_processautomation_trigger");
    const byTopic = Object.fromEntries(triggers.map((trigger) => [trigger.topic_name as string, trigger]));

    it("THEN the scopes are In criteria, the delay and format follow the config, and both triggers are disabled", () => {
      expect(byTopic["v2.detail.events.conversation.{id}.outbound"].match_criteria).toBe(
        '[{"jsonPath":"mediaType","operator":"Equal","value":"CALLBACK"},{"jsonPath":"outboundCampaignId","operator":"In","values":["camp-1"]}]',
      );
      expect(byTopic["v2.detail.events.conversation.{id}.user.end"].match_criteria).toMatch(
        /,\{"jsonPath":"queueId","operator":"In","values":\["queue-1"\]\}\]$/,
      );
      expect(byTopic["v2.detail.events.conversation.{id}.user.end"].delay_by_seconds).toBe(300);
      expect(byTopic["v2.detail.events.conversation.{id}.outbound"].target).toMatchObject({
        workflow_target_settings: { data_format: "TopLevelPrimitives" },
      });
      expect(triggers.map((trigger) => trigger.enabled)).toEqual([false, false]);
    });

    it("THEN the workflows use the named division and no home-division lookup exists", () => {
      for (const flow of Object.values(flowsOf(json)))
        expect((flow.substitutions as Record<string, string>).division_name).toBe("Outbound");
      expect(json.data?.genesyscloud_auth_division_home).toBeUndefined();
    });
  });

  describe("GIVEN a data action whose contract no longer fits the workflow", () => {
    it("THEN the app's validation names the construct, the workflow and the finding (synth writes nothing)", () => {
      const deployment = planDeployment(environment());
      const { getContact } = deployment.specs;
      const outputs = Object.fromEntries(
        Object.entries(getContact.outputContract.properties).filter(([name]) => name !== "contactDataJson"),
      );
      const brokenGetContact: DataActionSpec = { ...getContact, outputContract: { ...getContact.outputContract, properties: outputs } };
      const ended = deployment.workflows.ended;
      const brokenEnded = { ...ended, definition: { ...ended.definition } };
      const broken = planDeployment(environment());
      const app = createApp([
        {
          ...broken,
          workflows: {
            ...broken.workflows,
            ended: { ...brokenEnded, definition: withGetContact(brokenEnded.definition, brokenGetContact) },
          },
        },
      ]);
      expect(validationErrors(app)).toEqual([
        '[preview-retries-test/preview-retries/workflows] workflow "t_Preview Retries - Preview Ended": workflow "preview-ended" > state "Handle preview end" > action "Get contact": output "contactDataJson" is not in the output contract of data action get-contact',
      ]);
    });
  });
});

/** The workflow with every Call Data Action of Get Contact pointed at another specification. */
function withGetContact<T>(value: T, spec: DataActionSpec): T {
  if (Array.isArray(value)) return value.map((item) => withGetContact(item, spec)) as T;
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record.kind === "callData" && (record.dataAction as { spec: DataActionSpec }).spec.id === spec.id) {
    return {
      ...Object.fromEntries(Object.entries(record).map(([key, item]) => [key, withGetContact(item, spec)])),
      dataAction: { ...(record.dataAction as object), spec },
    } as T;
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, withGetContact(item, spec)])) as T;
}
