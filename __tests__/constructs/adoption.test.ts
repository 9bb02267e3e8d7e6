import { describe, expect, it } from "vitest";
import { ConfigError } from "../../config/validate";
import { environment, synthStack } from "../support/synth";

const TABLE_ID = "0b8f1e52-5d0a-4a43-9a8e-6d5e2f1c3b7a";
const POLICY_TABLE_ID = "7c1d9e40-2b6f-4f0e-8f3a-1e2d3c4b5a69";

describe("adopting objects built by hand", () => {
  it("GIVEN no adoption ids THEN the stack emits no import block", () => {
    expect(synthStack().json.import).toBeUndefined();
  });

  it("GIVEN both table ids THEN the tables and every configured policy row are imported (row id = <tableId>/<key>)", () => {
    const { json } = synthStack({
      wrapupPolicies: [
        { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 },
        { wrapupCode: "Busy", waitTimeSeconds: 600, maxAttempts: 2 },
      ],
      adopt: { retriesTableId: TABLE_ID, policyTableId: POLICY_TABLE_ID },
    });
    const imports = json.import ?? [];
    const byType = (type: string) => imports.filter((block) => block.to.startsWith(`${type}.`)).map((block) => block.id);
    expect(byType("genesyscloud_architect_datatable").sort()).toEqual([TABLE_ID, POLICY_TABLE_ID].sort());
    expect(byType("genesyscloud_architect_datatable_row").sort()).toEqual([
      `${POLICY_TABLE_ID}/Busy`,
      `${POLICY_TABLE_ID}/ININ-OUTBOUND-PREVIEW-SKIPPED`,
    ]);
    for (const block of imports) {
      const [type, name] = block.to.split(".");
      expect(json.resource[type][name], block.to).toBeDefined();
    }
  });

  it("GIVEN policyRowCodes THEN only those rows are imported and the others are created", () => {
    const { json } = synthStack({
      wrapupPolicies: [
        { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 },
        { wrapupCode: "Busy", waitTimeSeconds: 600, maxAttempts: 2 },
      ],
      adopt: { policyTableId: POLICY_TABLE_ID, policyRowCodes: ["ININ-OUTBOUND-PREVIEW-SKIPPED"] },
    });
    const rowImports = (json.import ?? []).filter((block) => block.to.startsWith("genesyscloud_architect_datatable_row."));
    expect(rowImports.map((block) => block.id)).toEqual([`${POLICY_TABLE_ID}/ININ-OUTBOUND-PREVIEW-SKIPPED`]);
  });

  it("rejects row codes that are not configured policies, and rows without their table", () => {
    expect(() => environment({ adopt: { policyTableId: POLICY_TABLE_ID, policyRowCodes: ["Nope"] } })).toThrow(
      'environment "test" (environments[0]): adopt.policyRowCodes[0]: "Nope" is not a configured wrap-up code (wrapupPolicies)',
    );
    expect(() => environment({ adopt: { policyRowCodes: ["ININ-OUTBOUND-PREVIEW-SKIPPED"] } })).toThrow(
      'environment "test" (environments[0]): adopt.policyRowCodes: needs adopt.policyTableId (rows can only be adopted with their table)',
    );
  });

  it("rejects an adoption id for a data action this package does not define", () => {
    expect(() => synthStack({ adopt: { dataActionIds: { "send-sms": "1234" } } })).toThrow(ConfigError);
    expect(() => synthStack({ adopt: { dataActionIds: { "send-sms": "1234" } } })).toThrow(
      /adopt\.dataActionIds\.send-sms: is not a data action of this package \(insert-row, update-row, delete-row, get-contact, resubmit-contact\)/,
    );
  });
});

describe("adopting the data actions' integration", () => {
  it("GIVEN role, OAuth client, integration and action ids THEN each gets an import block", () => {
    const { json } = synthStack({
      adopt: { roleId: "role-1", oauthClientId: "client-1", integrationId: "integration-1", dataActionIds: { "get-contact": "action-1" } },
    });
    const imported = Object.fromEntries((json.import ?? []).map((block) => [block.id, block.to.split(".")[0]]));
    expect(imported).toEqual({
      "role-1": "genesyscloud_auth_role",
      "client-1": "genesyscloud_oauth_client",
      "integration-1": "genesyscloud_integration",
      "action-1": "genesyscloud_integration_action",
    });
    const action = (json.import ?? []).find((block) => block.id === "action-1");
    const [type, name] = action!.to.split(".");
    expect(json.resource[type][name].name).toBe("t_Preview Retries - Get Contact");
  });

  it("rejects adopting the role while an existing integration is reused", () => {
    expect(() => environment({ dataActions: { existingIntegrationId: "integration-9" }, adopt: { roleId: "role-1" } })).toThrow(
      'environment "test" (environments[0]): adopt.roleId: cannot be adopted while dataActions.existingIntegrationId is set',
    );
  });
});
