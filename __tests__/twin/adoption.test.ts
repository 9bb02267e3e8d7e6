import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ExitCode } from "../../errors";
import { parsePlanJson } from "../../ops/plan-json";
import { stackFiles } from "../../ops/stacks";
import { installTwin } from "../../twin/install";
import { objectsOf } from "../../twin/org";
import { synthesizeIntoTwin } from "../../cli/twin-backends";
import { describeWithTerraform, editOrg, runScript, twinEnv } from "./support";

describeWithTerraform("adoption of objects that already exist in the org", () => {
  it("GIVEN tables and a policy row pre-seeded in the twin and their ids in adopt.* WHEN npm run plan THEN the plan imports them", () => {
    const twin = installTwin(mkdtempSync(join(tmpdir(), "twin-adopt-")));
    const retriesTableId = "7d3e0a52-1c1b-4c4e-9a57-4c0f4b8f0001";
    const policyTableId = "7d3e0a52-1c1b-4c4e-9a57-4c0f4b8f0002";
    editOrg(twin, (org) => {
      objectsOf(org, "genesyscloud_architect_datatable")[retriesTableId] = {
        name: "example_preview_contact_retries",
        description: "built by hand",
        properties: [{ name: "key", type: "string", title: "correlationKey" }],
      };
      objectsOf(org, "genesyscloud_architect_datatable")[policyTableId] = {
        name: "example_preview_retries_wrap_policy",
        description: "built by hand",
        properties: [{ name: "key", type: "string", title: "pkWrapupString" }],
      };
      objectsOf(org, "genesyscloud_architect_datatable_row")[`${policyTableId}/ININ-OUTBOUND-PREVIEW-SKIPPED`] = {
        datatable_id: policyTableId,
        key_value: "ININ-OUTBOUND-PREVIEW-SKIPPED",
        properties: { key: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTime: 300, maxAttempts: 3 },
      };
    });
    const configDirectory = join(twin.directory, "config");
    mkdirSync(configDirectory);
    const configFile = join(configDirectory, "environments.json");
    writeFileSync(
      configFile,
      JSON.stringify([
        {
          name: "example",
          region: "us-east-1",
          namePrefix: "example_",
          wrapupPolicies: [{ wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 }],
          adopt: { retriesTableId, policyTableId },
        },
      ]),
    );
    const env = twinEnv(twin, { PREVIEW_RETRIES_CONFIG: configFile });
    const [stack] = synthesizeIntoTwin(twin, env);
    const plan = runScript("cli/plan.ts", [], env);
    expect(plan.status, plan.stderr).not.toBe(ExitCode.FAILURE);
    const changes = parsePlanJson(readFileSync(stackFiles(stack).planJson, "utf8"), stackFiles(stack).planJson).resource_changes ?? [];
    const imported = changes
      .filter((change) => (change.change as { importing?: unknown }).importing !== undefined)
      .map((change) => change.type);
    expect(imported.sort()).toEqual([
      "genesyscloud_architect_datatable",
      "genesyscloud_architect_datatable",
      "genesyscloud_architect_datatable_row",
    ]);
    // The imported row differs from the configured policy: the plan updates it in place (waitTime 300 → 240).
    const row = changes.find((change) => change.type === "genesyscloud_architect_datatable_row")!;
    expect(row.change.actions).toEqual(["update"]);
    expect(changes.filter((change) => change.change.actions.join() === "create")).toHaveLength(12);
    // What reviewers read: the imports counted and listed, the adopted row's value change shown.
    expect(plan.stdout).toContain("3 to import");
    expect(plan.stdout).toMatch(/import \+ .*update/);
    expect(plan.stdout).toContain("waitTime: 300 → 240");
  });
});
