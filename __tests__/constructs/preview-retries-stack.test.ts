import { describe, expect, it } from "vitest";
import { readProviderTypes, committedSchemaPath, pinnedProviderVersion, readSchema } from "../../provider/schema-file";
import { resourcesOf, synthStack } from "../support/synth";

describe("PreviewRetriesStack", () => {
  describe("GIVEN the default environment", () => {
    const { json } = synthStack();

    it("THEN the provider is configured with the region only (credentials come from the environment)", () => {
      expect(json.provider.genesyscloud).toEqual([{ aws_region: "eu-west-1" }]);
    });

    it("THEN required_providers pins mypurecloud/genesyscloud to the schema's version", () => {
      const schema = readSchema(committedSchemaPath());
      expect(json.terraform.required_providers.genesyscloud).toEqual({
        source: "registry.terraform.io/mypurecloud/genesyscloud",
        version: pinnedProviderVersion(schema, readProviderTypes().provider),
      });
      expect(json.terraform.required_providers.genesyscloud.version).toBe("1.84.1");
    });

    it("THEN the runtime retries table has the key and the five runtime columns and cannot be destroyed", () => {
      const table = resourcesOf(json, "genesyscloud_architect_datatable").find((t) => t.name === "t_preview_contact_retries");
      expect(table).toBeDefined();
      expect(table?.lifecycle).toEqual({ prevent_destroy: true });
      expect((table?.properties as { name: string; type: string }[]).map((p) => `${p.name}:${p.type}`)).toEqual([
        "key:string",
        "contactId:string",
        "contactListId:string",
        "conversationId:string",
        "attempts:integer",
        "updatedAt:string",
      ]);
    });

    it("THEN the wrap-up policy table has the key, waitTime and maxAttempts", () => {
      const table = resourcesOf(json, "genesyscloud_architect_datatable").find((t) => t.name === "t_preview_retries_wrap_policy");
      expect((table?.properties as { name: string; type: string }[]).map((p) => `${p.name}:${p.type}`)).toEqual([
        "key:string",
        "waitTime:integer",
        "maxAttempts:integer",
      ]);
      expect(table?.lifecycle).toBeUndefined();
    });

    it("THEN outputs carry the ids of the workflows and triggers", () => {
      for (const which of ["accepted", "ended"]) {
        expect(json.output[`workflow_${which}_id`].value).toMatch(/^\$\{genesyscloud_flow\.[\w-]+\.id\}$/);
        expect(json.output[`trigger_${which}_id`].value).toMatch(/^\$\{genesyscloud_processautomation_trigger\.[\w-]+\.id\}$/);
      }
      expect(json.output.workflow_accepted_id.value).toContain("preview-accepted");
      expect(json.output.workflow_ended_id.value).toContain("preview-ended");
      expect(json.output.trigger_accepted_id.value).toContain("accepted");
      expect(json.output.trigger_ended_id.value).toContain("ended");
    });

    it("THEN outputs carry both table ids", () => {
      expect(json.output.retries_table_id.value).toMatch(/^\$\{genesyscloud_architect_datatable\.retries-table_[0-9A-F]+\.id\}$/);
      expect(json.output.wrap_policy_table_id.value).toMatch(/^\$\{genesyscloud_architect_datatable\.wrap-policy-table_[0-9A-F]+\.id\}$/);
    });
  });

  describe("GIVEN two wrap-up policies", () => {
    const { json } = synthStack({
      wrapupPolicies: [
        { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 },
        { wrapupCode: "Call back later/no answer", waitTimeSeconds: 3600, maxAttempts: 1 },
      ],
    });

    it("THEN there is one row per policy with every column written explicitly", () => {
      const rows = resourcesOf(json, "genesyscloud_architect_datatable_row");
      const byKey = Object.fromEntries(rows.map((row) => [row.key_value, JSON.parse(row.properties_json as string)]));
      expect(byKey).toEqual({
        "ININ-OUTBOUND-PREVIEW-SKIPPED": { waitTime: 240, maxAttempts: 3 },
        "Call back later/no answer": { waitTime: 3600, maxAttempts: 1 },
      });
      for (const row of rows) expect(row.datatable_id).toMatch(/^\$\{genesyscloud_architect_datatable\.wrap-policy-table_[0-9A-F]+\.id\}$/);
    });
  });

  describe("GIVEN a division id", () => {
    it("THEN both tables are created in that division", () => {
      const { json } = synthStack({ divisionId: "5b5ea0c1-7d70-4b39-a3c2-0f4e6c1b2a11" });
      const divisions = resourcesOf(json, "genesyscloud_architect_datatable").map((t) => t.division_id);
      expect(divisions).toEqual(["5b5ea0c1-7d70-4b39-a3c2-0f4e6c1b2a11", "5b5ea0c1-7d70-4b39-a3c2-0f4e6c1b2a11"]);
    });
  });

  describe("GIVEN Genesys credentials in the process environment", () => {
    it("THEN neither the client id nor the secret reaches the synthesized output", () => {
      const saved = { id: process.env.GENESYSCLOUD_OAUTHCLIENT_ID, secret: process.env.GENESYSCLOUD_OAUTHCLIENT_SECRET };
      process.env.GENESYSCLOUD_OAUTHCLIENT_ID = "client-id-sentinel-4f1c";
      process.env.GENESYSCLOUD_OAUTHCLIENT_SECRET = "client-secret-sentinel-9a7e";
      try {
        const text = JSON.stringify(synthStack().json);
        expect(text).not.toContain("client-id-sentinel-4f1c");
        expect(text).not.toContain("client-secret-sentinel-9a7e");
        expect(text).not.toMatch(/oauthclient_(id|secret)|client_secret|expose_client_secret/);
      } finally {
        restore("GENESYSCLOUD_OAUTHCLIENT_ID", saved.id);
        restore("GENESYSCLOUD_OAUTHCLIENT_SECRET", saved.secret);
      }
    });
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe("resource addresses across upgrades", () => {
  /** Every address the example environment's stack had in 0.1.0 (cdktf.out of that release), before PreviewRetries existed. */
  const ADDRESSES_OF_0_1 = [
    "genesyscloud_architect_datatable.retries-table_C7578C61",
    "genesyscloud_architect_datatable.wrap-policy-table_3E7109D7",
    "genesyscloud_architect_datatable_row.wrap-policy-table_row-ININ-OUTBOUND-PREVIEW-SKIPPED_800D1E53",
    "genesyscloud_auth_role.data-actions-integration_role_88BC538A",
    "genesyscloud_flow.workflows_preview-accepted_50BBB1D3",
    "genesyscloud_flow.workflows_preview-ended_316056C0",
    "genesyscloud_integration.data-actions-integration_821D6020",
    "genesyscloud_integration_action.data-action-delete-row_action_3EC8C634",
    "genesyscloud_integration_action.data-action-get-contact_action_098BD7CA",
    "genesyscloud_integration_action.data-action-insert-row_action_76F4622C",
    "genesyscloud_integration_action.data-action-resubmit-contact_action_A105A9E9",
    "genesyscloud_integration_action.data-action-update-row_action_F6DA6AFC",
    "genesyscloud_oauth_client.data-actions-integration_oauth-client_4E6681D4",
    "genesyscloud_processautomation_trigger.triggers_accepted_trigger_3CA68178",
    "genesyscloud_processautomation_trigger.triggers_ended_trigger_C4E2FB1F",
  ];

  it("GIVEN the example environment THEN every resource keeps the address 0.1 gave it (an upgrade moves nothing in state)", () => {
    const { json } = synthStack({ name: "example", namePrefix: "example_", region: "us-east-1" });
    const addresses = Object.entries(json.resource).flatMap(([type, resources]) => Object.keys(resources).map((name) => `${type}.${name}`));
    expect(addresses.sort()).toEqual(ADDRESSES_OF_0_1);
  });
});
