import { describe, expect, it } from "vitest";
import { parsePlanJson, type JsonValue } from "../../ops/plan-json";
import { buildPlanReport } from "../../ops/plan-report";

/**
 * Values of the Genesys resources as the provider's schema shapes them (provider/schema): policy rows'
 * properties_json and the trigger's match_criteria are JSON strings, config_request is a list block
 * with a headers map, the flow's substitutions a map.
 */

const PROVIDER = "registry.terraform.io/mypurecloud/genesyscloud";

function resourceChange(type: string, name: string, actions: string[], before: JsonValue, after: JsonValue, importing?: { id: string }) {
  return {
    address: `${type}.${name}`,
    mode: "managed",
    type,
    name,
    provider_name: PROVIDER,
    change: { actions, before, after, importing },
  };
}

const table = { name: "preview_contact_retries", properties: JSON.stringify({ properties: { key: { title: "Contact" } } }) };
const row = (waitTime: number) => ({
  key_value: "ININ-OUTBOUND-PREVIEW-SKIPPED",
  properties_json: JSON.stringify({ waitTime, maxAttempts: 3 }),
});
const trigger = (delay: number, values: string[]) => ({
  name: "Preview ended",
  delay_by_seconds: delay,
  match_criteria: JSON.stringify([{ jsonPath: "disposition", operator: "In", values }]),
});
const action = (token: string) => ({
  name: "Resubmit preview",
  config_request: [{ request_type: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" } }],
});
const flow = (name: string) => ({ substitutions: { flow_name: name, retry_table_id: "tbl-1" } });

const plan = parsePlanJson(
  JSON.stringify({
    format_version: "1.2",
    resource_changes: [
      resourceChange("genesyscloud_architect_datatable", "retries", ["no-op"], table, table, { id: "tbl-1" }),
      resourceChange("genesyscloud_architect_datatable_row", "policy", ["update"], row(240), row(300), {
        id: "tbl-2/ININ-OUTBOUND-PREVIEW-SKIPPED",
      }),
      resourceChange("genesyscloud_processautomation_trigger", "ended", ["update"], trigger(60, ["A"]), trigger(120, ["A", "B"])),
      resourceChange("genesyscloud_integration_action", "resubmit", ["update"], action("PLANTED-old-token"), action("PLANTED-new-token")),
      resourceChange("genesyscloud_flow", "ended", ["update"], flow("Preview ended"), flow("Preview ended v2")),
    ],
  }),
  "genesys.plan.json",
);

describe("plan report of Genesys-shaped changes", () => {
  const { markdown } = buildPlanReport([{ stack: "preview-retries-prod", plan }]);

  it("counts and lists the imports, a plain import and an import with an update", () => {
    expect(markdown).toContain("**2 to import, 0 to create, 4 to update, 0 to replace, 0 to delete**");
    expect(markdown).toContain("- `genesyscloud_architect_datatable.retries` from id `tbl-1` (import only, no change)");
    expect(markdown).toContain(
      "- `genesyscloud_architect_datatable_row.policy` from id `tbl-2/ININ-OUTBOUND-PREVIEW-SKIPPED` (📥 import + ✏️ update)",
    );
  });

  it("shows policy values, trigger delay and criteria and flow substitutions before → after", () => {
    expect(markdown).toContain("- `properties_json › waitTime: 240 → 300`");
    expect(markdown).toContain("- `delay_by_seconds: 60 → 120`");
    expect(markdown).toContain('- `match_criteria › [0].values[1]: (absent) → "B"`');
    expect(markdown).toContain('- `substitutions.flow_name: "Preview ended" → "Preview ended v2"`');
  });

  it("masks the Authorization header and shows the rest of the request", () => {
    expect(markdown).toContain("- `config_request[0].headers.Authorization: (sensitive) → (sensitive)`");
    expect(markdown).not.toContain("PLANTED");
  });

  it("flags the flow rename as a risk", () => {
    expect(markdown.split("\n")[0]).toBe("## ⚠️ Terraform plan: risky changes in `preview-retries-prod`");
    expect(markdown).toContain('The flow "Preview ended" will be renamed to "Preview ended v2"');
  });
});
