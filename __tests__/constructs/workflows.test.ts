import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TerraformStack, Testing } from "../../constructs/cdk";
import { PreviewRetriesWorkflows } from "../../constructs/workflows";
import { dataActionSpecs } from "../../data-actions";
import type { DataActionSpec } from "../../data-actions/spec";
import { WorkflowLintError } from "../../workflows/lint";
import { resourcesOf, synthStack } from "../support/synth";

const flowsOf = (json: ReturnType<typeof synthStack>["json"]) => json.resource.genesyscloud_flow as Record<string, Record<string, unknown>>;

describe("PreviewRetriesWorkflows in the stack", () => {
  describe("GIVEN the default environment", () => {
    const { stack, json } = synthStack();
    const flows = flowsOf(json);
    const deployed = [stack.workflows.accepted, stack.workflows.ended];

    it("THEN there are two flows, each with a YAML asset path relative to the stack and no file_content_hash", () => {
      expect(Object.keys(flows)).toHaveLength(2);
      for (const flow of Object.values(flows)) {
        expect(flow.filepath).toMatch(
          /^assets\/workflows_preview-(accepted|ended)-yaml_[0-9A-F]+\/[0-9A-F]+\/preview-(accepted|ended)\.yaml$/,
        );
        expect(flow).not.toHaveProperty("file_content_hash");
      }
    });

    it("THEN the asset file holds the rendered YAML and every {{key}} in it has a substitution", () => {
      for (const workflow of deployed) {
        const file = readFileSync(workflow.sourceFile, "utf8");
        expect(file).toBe(workflow.yaml);
        const keys = [...new Set([...file.matchAll(/\{\{([a-z_]+)\}\}/g)].map((match) => match[1]))];
        expect(keys.filter((key) => !(key in workflow.substitutions))).toEqual([]);
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
      expect(substitutions.data_action_category).toBe(stack.dataActionsIntegration.integrationName);
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
        id: `\${genesyscloud_flow.${stack.workflows.ended.flow.friendlyUniqueId}.id}`,
        workflow_target_settings: { data_format: "Json" },
      });
      expect(accepted.target).toMatchObject({ id: `\${genesyscloud_flow.${stack.workflows.accepted.flow.friendlyUniqueId}.id}` });
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
    it("THEN constructing the workflows throws the linter's finding (synth stops)", () => {
      const specs = dataActionSpecs({ timeoutSeconds: 15, resubmit: { priority: true, clearSystemData: false } });
      const outputs = Object.fromEntries(
        Object.entries(specs.getContact.outputContract.properties).filter(([name]) => name !== "contactDataJson"),
      );
      const brokenGetContact: DataActionSpec = {
        ...specs.getContact,
        outputContract: { ...specs.getContact.outputContract, properties: outputs },
      };
      const build = () =>
        new PreviewRetriesWorkflows(new TerraformStack(Testing.app(), "stack"), "workflows", {
          namePrefix: "t_",
          correlationKey: "phoneNumber",
          acceptedDataFormat: "Json",
          dataActionSpecs: { ...specs, getContact: brokenGetContact },
          dataActionCategory: "cat",
          dataActionNames: { insertRow: "i", updateRow: "u", deleteRow: "d", getContact: "g", resubmitContact: "r" },
          retriesTable: { name: "retries", id: "retries-id" },
          policyTable: { name: "policy", id: "policy-id" },
          divisionName: "Home",
        });
      expect(build).toThrow(WorkflowLintError);
      expect(build).toThrow(
        'workflow "preview-ended" > state "Handle preview end" > action "Get contact": output "contactDataJson" is not in the output contract of data action get-contact',
      );
    });
  });
});
