import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { changeKind, parsePlanJson, type PlanJson } from "../../ops/plan-json";
import { buildPlanReport, changedAttributes } from "../../ops/plan-report";
import { fakeSynthOutput, runCli, type FakeSynthOutput } from "./support/terraform-stacks";
import { describeWithTerraform } from "../support/terraform";

const STACK = "preview-retries-tfdata";
const SECRET_VALUE = "s3cr3t-value-never-printed";

/** Version 1 is applied; version 2 changes one input, one trigger, drops one resource and adds one. */
function stackConfig(version: 1 | 2): Record<string, unknown> {
  return {
    variable: { api_password: { type: "string", sensitive: true, default: SECRET_VALUE } },
    resource: {
      terraform_data: {
        unchanged: { input: "same" },
        changed: { input: version === 1 ? "first" : "second" },
        replaced: { input: "r", triggers_replace: version === 1 ? "topic-a" : "topic-b" },
        with_secret: { input: { password: "${var.api_password}", revision: version } },
        ...(version === 1 ? { removed: { input: "bye" } } : { added: { input: "hello" } }),
      },
    },
  };
}

describeWithTerraform("plan, report and apply on a real terraform plan of terraform_data resources", () => {
  let synth: FakeSynthOutput;
  let planRun: ReturnType<typeof runCli>;
  let plan: PlanJson;

  beforeAll(() => {
    synth = fakeSynthOutput([STACK]);
    synth.writeStack(STACK, stackConfig(1));
    synth.terraform(STACK, ["init", "-input=false"]);
    synth.terraform(STACK, ["apply", "-auto-approve", "-input=false"]);
    synth.writeStack(STACK, stackConfig(2));
    planRun = runCli("plan", ["--out-dir", synth.outDir]);
    plan = parsePlanJson(readFileSync(join(synth.stackDir(STACK), `${STACK}.plan.json`), "utf8"), "plan.json");
  });

  it("terraform reports each kind of change the way the report expects", () => {
    const kinds = Object.fromEntries((plan.resource_changes ?? []).map((rc) => [rc.address, changeKind(rc.change.actions)]));
    expect(kinds).toEqual({
      "terraform_data.unchanged": "no-op",
      "terraform_data.changed": "update",
      "terraform_data.replaced": "replace",
      "terraform_data.removed": "delete",
      "terraform_data.added": "create",
      "terraform_data.with_secret": "update",
    });
  });

  it("counts creates, updates, replaces and deletes per stack", () => {
    const [summary] = buildPlanReport([{ stack: STACK, plan }]).stacks;
    expect(summary.counts).toEqual({ import: 0, create: 1, update: 2, replace: 1, delete: 1 });
  });

  it("names the changed attributes and the one forcing replacement", () => {
    const byAddress = (address: string) => plan.resource_changes!.find((rc) => rc.address === address)!;
    expect(changedAttributes(byAddress("terraform_data.changed"))).toBe("input");
    expect(changedAttributes(byAddress("terraform_data.replaced"))).toBe("triggers_replace (forces replacement)");
  });

  it("flags the destroyed and the replaced resource as risky, and exits 3", () => {
    expect(planRun.status).toBe(3);
    const risky = buildPlanReport([{ stack: STACK, plan }]).stacks[0].findings.map((f) => `${f.ruleId} ${f.address}`);
    expect(risky.sort()).toEqual(["resource-destroyed terraform_data.removed", "resource-destroyed terraform_data.replaced"]);
  });

  it("writes the report to stdout and to cdktf.out/plan-report.md, with values but never the sensitive one", () => {
    const written = readFileSync(join(synth.outDir, "plan-report.md"), "utf8");
    expect(planRun.stdout.trim()).toBe(written.trim());
    expect(written).toContain("**1 to create, 2 to update, 1 to replace, 1 to delete**");
    expect(written).toContain("- terraform_data.removed will be destroyed.");
    // The plan JSON holds the sensitive value in clear; the report must not.
    expect(readFileSync(join(synth.stackDir(STACK), `${STACK}.plan.json`), "utf8")).toContain(SECRET_VALUE);
    expect(written).not.toContain(SECRET_VALUE);
    expect(planRun.stderr).not.toContain(SECRET_VALUE);
    expect(written).toContain('- `input: "first" → "second"`');
    expect(written).toContain('- `triggers_replace: "topic-a" → "topic-b"`');
    expect(written).toContain("- `input.revision: 1 → 2`");
  });

  it("plan-report reads the same plan JSON file and exits 3", () => {
    const result = runCli("plan-report", [join(synth.stackDir(STACK), `${STACK}.plan.json`)]);
    expect(result.status).toBe(3);
    expect(result.stdout).toContain(`### Stack \`${STACK}\``);
  });

  it("with the fingerprints reviewed on the pull request it exits 3 (risky, reviewed); with other findings it stops: exit 4", () => {
    const shownOnPullRequest = join(synth.outDir, "risk-fingerprints.json");
    const reviewed = readFileSync(shownOnPullRequest, "utf8");
    expect(Object.keys(JSON.parse(reviewed) as object)).toEqual([STACK]);
    const same = runCli("plan", [
      "--out-dir",
      synth.outDir,
      "--reviewed",
      shownOnPullRequest,
      "--fingerprints",
      join(synth.outDir, "again.json"),
    ]);
    expect(same.status).toBe(3);

    const otherFile = join(synth.outDir, "reviewed-other.json");
    writeFileSync(otherFile, JSON.stringify({ [STACK]: "0000000000000000" }));
    const other = runCli("plan", ["--out-dir", synth.outDir, "--reviewed", otherFile]);
    expect(other.status).toBe(4);
    expect(other.stdout.split("\n")[0]).toBe(`## ✋ Terraform plan: the risks differ from the reviewed ones in \`${STACK}\``);
    expect(other.stdout).toContain("nothing is applied until someone reviews this plan and confirms it");

    // No pull request showed these risks at all.
    writeFileSync(otherFile, "{}");
    expect(runCli("plan", ["--out-dir", synth.outDir, "--reviewed", otherFile]).status).toBe(4);
  });

  it("apply refuses a plan made from another synthesized configuration than the one now in the stack directory", () => {
    const configFile = join(synth.stackDir(STACK), "cdk.tf.json");
    const reviewed = readFileSync(configFile, "utf8");
    writeFileSync(configFile, reviewed.replace('"second"', '"third"'));
    const result = runCli("apply", ["--out-dir", synth.outDir, "--stack", STACK]);
    writeFileSync(configFile, reviewed);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("was made from another synthesized configuration");
    expect(synth.terraform(STACK, ["state", "list"])).toContain("terraform_data.removed");
  });

  it("apply applies exactly the saved plan; the next plan has no changes and no risk", () => {
    expect(runCli("plan", ["--out-dir", synth.outDir, "--stack", STACK]).status).toBe(3);
    const applied = runCli("apply", ["--out-dir", synth.outDir, "--stack", STACK]);
    expect(applied.status, applied.stderr).toBe(0);
    const state = synth.terraform(STACK, ["state", "list"]);
    expect(state).toContain("terraform_data.added");
    expect(state).not.toContain("terraform_data.removed");

    // Nothing reviewed (a push without a pull request): a plan without findings still goes ahead.
    const nothingReviewed = join(synth.outDir, "nothing-reviewed.json");
    writeFileSync(nothingReviewed, "{}");
    const replan = runCli("plan", ["--out-dir", synth.outDir, "--reviewed", nothingReviewed]);
    expect(replan.status).toBe(0);
    expect(replan.stdout).toContain("No changes.");
    expect(replan.stdout).toContain("No risky changes.");
  });

  it("apply refuses when there is no saved plan, and unknown stacks are usage errors", () => {
    const other = fakeSynthOutput(["preview-retries-unplanned"]);
    other.writeStack("preview-retries-unplanned", { resource: { terraform_data: { x: { input: 1 } } } });
    const missing = runCli("apply", ["--out-dir", other.outDir]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no saved plan");

    const unknown = runCli("plan", ["--out-dir", synth.outDir, "--stack", "preview-retries-nope"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`unknown stack preview-retries-nope; synthesized stacks: ${STACK}`);
  });
});
