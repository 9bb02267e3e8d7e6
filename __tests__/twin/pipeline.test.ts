import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { ExitCode } from "../../errors";
import { parsePlanJson, type PlanJson } from "../../ops/plan-json";
import { stackFiles, type SynthesizedStack } from "../../ops/stacks";
import type { TwinPaths } from "../../twin/environment";
import { installTwin } from "../../twin/install";
import { objectsOf, readOrg } from "../../twin/org";
import { synthesizeIntoTwin } from "../../cli/twin-backends";
import { describeWithTerraform, editOrg, editStackConfig, resourceNamed, runScript, terraform, twinEnv } from "./support";

/** Actions of the resources the plan changes (no-ops left out). */
const actionsOf = (plan: PlanJson) =>
  (plan.resource_changes ?? []).map((change) => change.change.actions.join(",")).filter((actions) => actions !== "no-op");
const readPlan = (stack: SynthesizedStack) => parsePlanJson(readFileSync(stackFiles(stack).planJson, "utf8"), stackFiles(stack).planJson);

describeWithTerraform("the example stack through the real terraform and the twin", () => {
  let twin: TwinPaths;
  let stack: SynthesizedStack;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    twin = installTwin(mkdtempSync(join(tmpdir(), "twin-pipeline-")));
    [stack] = synthesizeIntoTwin(twin);
    env = twinEnv(twin);
  });

  it("GIVEN a fresh twin WHEN init, validate, plan, apply, plan THEN everything is created and the second plan has no changes", () => {
    const started = Date.now();
    expect(terraform(stack.workingDirectory, ["init", "-input=false", "-no-color"], env)).toMatchObject({ status: 0 });
    expect(terraform(stack.workingDirectory, ["validate", "-no-color"], env).stdout).toContain("The configuration is valid");

    const plan = runScript("cli/plan.ts", [], env);
    expect(plan.status, plan.stderr).toBe(ExitCode.OK);
    expect(actionsOf(readPlan(stack))).toEqual(Array(15).fill("create"));

    const apply = runScript("cli/apply.ts", [], env);
    expect(apply.status, apply.stderr).toBe(ExitCode.OK);
    const org = readOrg(twin.orgFile);
    expect(Object.keys(objectsOf(org, "genesyscloud_processautomation_trigger"))).toHaveLength(2);
    const flows = Object.values(objectsOf(org, "genesyscloud_flow"));
    // The YAML as Architect receives it: substituted, no {{key}} left.
    expect(flows.map((flow) => flow.name).sort()).toEqual([
      "example_Preview Retries - Preview Accepted",
      "example_Preview Retries - Preview Ended",
    ]);
    for (const flow of flows) expect(flow.yaml).not.toMatch(/\{\{\w+\}\}/);

    const again = terraform(stack.workingDirectory, ["plan", "-input=false", "-no-color", "-detailed-exitcode"], env);
    expect(again.status, again.stdout).toBe(0);
    console.log(`twin: init → validate → plan → apply → plan took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("GIVEN a hand edit and a deletion in org.json WHEN npm run drift THEN it exits with the drift code naming the trigger, the attribute and the deleted row", () => {
    editOrg(twin, (org) => {
      const triggers = objectsOf(org, "genesyscloud_processautomation_trigger");
      const ended = Object.values(triggers).find((trigger) => trigger.delay_by_seconds === 60)!;
      ended.delay_by_seconds = 120;
      const rows = objectsOf(org, "genesyscloud_architect_datatable_row");
      for (const id of Object.keys(rows)) delete rows[id];
    });
    const drift = runScript("cli/drift.ts", [], env);
    expect(drift.status).toBe(ExitCode.FINDINGS);
    expect(drift.stdout).toMatch(/genesyscloud_processautomation_trigger\.triggers_ended_trigger_\w+/);
    expect(drift.stdout).toMatch(/\| `delay_by_seconds` \| `60` \| `120` \|/);
    expect(drift.stdout).toMatch(/genesyscloud_architect_datatable_row\.[^\n]*\n\nDeleted outside Terraform/);
  });

  it("GIVEN the drift WHEN plan and apply THEN the twin is restored and drift is gone", () => {
    const plan = runScript("cli/plan.ts", [], env);
    expect(plan.status, plan.stderr).toBe(ExitCode.OK);
    expect(actionsOf(readPlan(stack)).sort()).toEqual(["create", "update"]);
    expect(runScript("cli/apply.ts", [], env).status).toBe(ExitCode.OK);
    const trigger = Object.values(objectsOf(readOrg(twin.orgFile), "genesyscloud_processautomation_trigger")).find(
      (t) => t.topic_name === "v2.detail.events.conversation.{id}.user.end",
    );
    expect(trigger?.delay_by_seconds).toBe(60);
    expect(runScript("cli/drift.ts", [], env).status).toBe(0);
  });

  it("GIVEN a topic change, a renamed flow and a changed contract WHEN npm run plan THEN the risk rules fire on the real replace plans", () => {
    editStackConfig(stack.workingDirectory, (config) => {
      resourceNamed(config, "genesyscloud_processautomation_trigger", "accepted").topic_name =
        "v2.detail.events.conversation.{id}.user.end";
      const flow = resourceNamed(config, "genesyscloud_flow", "preview-ended");
      (flow.substitutions as Record<string, string>).flow_name = "example_Preview Retries - Preview Ended v2";
      const action = resourceNamed(config, "genesyscloud_integration_action", "delete-row");
      const contract = JSON.parse(action.contract_output as string) as { properties: Record<string, unknown> };
      contract.properties.deleted = { type: "boolean" };
      action.contract_output = JSON.stringify(contract);
    });
    const plan = runScript("cli/plan.ts", [], env);
    expect(plan.status, plan.stderr).toBe(ExitCode.FINDINGS);
    const changes = readPlan(stack).resource_changes ?? [];
    const actions = (type: string) =>
      changes
        .filter((change) => change.type === type && change.change.actions.join() !== "no-op")
        .map((change) => change.change.actions.join());
    expect(actions("genesyscloud_processautomation_trigger")).toContain("delete,create");
    expect(actions("genesyscloud_integration_action")).toContain("delete,create");
    expect(actions("genesyscloud_flow")).toEqual(["update"]);
    for (const title of ["Trigger replaced", "Flow renamed", "Data action replaced"]) expect(plan.stdout).toContain(title);
  });

  it("GIVEN the applied stack WHEN terraform destroy THEN prevent_destroy on the retries table stops it and nothing is deleted", () => {
    const before = readOrg(twin.orgFile);
    const destroy = terraform(stack.workingDirectory, ["destroy", "-auto-approve", "-input=false", "-no-color"], env);
    expect(destroy.status).toBe(1);
    expect(destroy.stderr).toContain("Instance cannot be destroyed");
    expect(destroy.stderr).toMatch(/genesyscloud_architect_datatable\.retries-table/);
    expect(readOrg(twin.orgFile).objects).toEqual(before.objects);
  });
});
