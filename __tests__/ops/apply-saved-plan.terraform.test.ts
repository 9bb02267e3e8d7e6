import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeSynthOutput, runCli, type FakeSynthOutput } from "./support/terraform-stacks";

/**
 * The apply workflow's two jobs on one runner each: the plan job plans and uploads the stack directory
 * (without .terraform) as an artifact; the apply job, after approval, downloads it elsewhere and applies
 * that saved plan. Real terraform on terraform_data, with a local state both "jobs" share.
 */

const STACK = "preview-retries-artifact";

function config(input: string): Record<string, unknown> {
  return { resource: { terraform_data: { row: { input } } } };
}

/** What the plan job uploads: the manifest and the stack directory, as apply.yml lists them. */
function downloadArtifact(synth: FakeSynthOutput): string {
  const applyJobOut = join(mkdtempSync(join(tmpdir(), "apply-job-")), "cdktf.out");
  mkdirSync(join(applyJobOut, "stacks"), { recursive: true });
  cpSync(join(synth.outDir, "manifest.json"), join(applyJobOut, "manifest.json"));
  cpSync(synth.stackDir(STACK), join(applyJobOut, "stacks", STACK), {
    recursive: true,
    filter: (source) => !source.includes(`${STACK}/.terraform/`) && !source.endsWith("/.terraform") && !source.endsWith(".plan.json"),
  });
  return applyJobOut;
}

function stateInputs(synth: FakeSynthOutput): unknown[] {
  return synth
    .pullState(STACK)
    .resources.map((resource) => (resource.instances[0].attributes as { input: { value: unknown } }).input.value);
}

describe("applying the saved plan of the plan job in another job", () => {
  it("GIVEN the reviewed plan artifact WHEN the apply job applies it THEN the state holds exactly the planned change", () => {
    const synth = fakeSynthOutput([STACK]);
    synth.writeStack(STACK, config("v1"));
    synth.terraform(STACK, ["init", "-input=false"]);
    synth.terraform(STACK, ["apply", "-auto-approve", "-input=false"]);
    synth.writeStack(STACK, config("v2"));
    expect(runCli("plan", ["--out-dir", synth.outDir, "--lock-timeout", "30s"]).status).toBe(0);

    const applyJobOut = downloadArtifact(synth);
    const applied = runCli("apply", ["--out-dir", applyJobOut, "--lock-timeout", "30s"]);
    expect(applied.status, applied.stderr).toBe(0);
    expect(stateInputs(synth)).toEqual(["v2"]);
  });

  it("GIVEN the state changed after the plan WHEN the apply job applies the old plan THEN terraform refuses it as stale and nothing changes", () => {
    const synth = fakeSynthOutput([STACK]);
    synth.writeStack(STACK, config("v1"));
    synth.terraform(STACK, ["init", "-input=false"]);
    synth.terraform(STACK, ["apply", "-auto-approve", "-input=false"]);
    synth.writeStack(STACK, config("v2"));
    expect(runCli("plan", ["--out-dir", synth.outDir]).status).toBe(0);
    const applyJobOut = downloadArtifact(synth);

    // Someone applies another change to the same state between review and approval.
    synth.writeStack(STACK, config("hotfix"));
    synth.terraform(STACK, ["apply", "-auto-approve", "-input=false"]);

    const refused = runCli("apply", ["--out-dir", applyJobOut]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Saved plan is stale");
    expect(stateInputs(synth)).toEqual(["hotfix"]);
  });
});
