import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { fakeSynthOutput, runCli, type FakeSynthOutput } from "./support/terraform-stacks";

/**
 * The apply workflow's two jobs on one runner each: the plan job plans, packs and encrypts the stack
 * directory (without .terraform) with apply.yml's own step; the apply job, after approval, decrypts it
 * elsewhere with apply.yml's step and applies that saved plan. Real terraform on terraform_data, with a
 * local state both "jobs" share.
 */

const STACK = "preview-retries-artifact";

function config(input: string): Record<string, unknown> {
  return { resource: { terraform_data: { row: { input } } } };
}

interface Step {
  name?: string;
  run?: string;
}

/** The `run:` of a step of apply.yml, executed as GitHub runs it (bash -eo pipefail) in `cwd`. */
function runStep(job: "plan" | "apply", name: string, cwd: string, env: Record<string, string>) {
  const wf = parseYaml(readFileSync(resolve(__dirname, "../../.github/workflows/apply.yml"), "utf8")) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  const script = wf.jobs[job].steps.find((step) => step.name === name)?.run;
  if (!script) throw new Error(`apply.yml: no run step "${name}" in job ${job}`);
  return spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

const KEY = "test-only-artifact-key";

/** The plan job packs and encrypts; the artifact moves to another runner; the apply job decrypts there. */
function downloadArtifact(synth: FakeSynthOutput): string {
  const planJob = dirname(synth.outDir);
  const packed = runStep("plan", "Pack and encrypt the saved plan", planJob, { STACK, PLAN_ARTIFACT_KEY: KEY });
  expect(packed.status, packed.stderr + packed.stdout).toBe(0);
  const encrypted = readFileSync(join(planJob, "saved-plan.tar.gz.enc"));
  // Encrypted: nothing of the configuration or the plan can be read from the artifact.
  expect(encrypted.includes(Buffer.from("terraform_data"))).toBe(false);
  const applyJob = mkdtempSync(join(tmpdir(), "apply-job-"));
  writeFileSync(join(applyJob, "saved-plan.tar.gz.enc"), encrypted);
  const unpacked = runStep("apply", "Decrypt the reviewed plan", applyJob, { PLAN_ARTIFACT_KEY: KEY });
  expect(unpacked.status, unpacked.stderr).toBe(0);
  expect(existsSync(join(applyJob, "cdktf.out", "stacks", STACK, ".terraform"))).toBe(false);
  expect(existsSync(join(applyJob, "cdktf.out", "stacks", STACK, `${STACK}.plan.json`))).toBe(false);
  return join(applyJob, "cdktf.out");
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

  it("GIVEN no PLAN_ARTIFACT_KEY THEN the plan job refuses to pack the saved plan in clear; a wrong key cannot decrypt it", () => {
    const synth = fakeSynthOutput([STACK]);
    synth.writeStack(STACK, config("v1"));
    expect(runCli("plan", ["--out-dir", synth.outDir]).status).toBe(0);
    const planJob = dirname(synth.outDir);
    const refused = runStep("plan", "Pack and encrypt the saved plan", planJob, { STACK, PLAN_ARTIFACT_KEY: "" });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain("a saved plan is never uploaded in clear");
    expect(existsSync(join(planJob, "saved-plan.tar.gz.enc"))).toBe(false);

    expect(runStep("plan", "Pack and encrypt the saved plan", planJob, { STACK, PLAN_ARTIFACT_KEY: KEY }).status).toBe(0);
    const wrongKey = runStep("apply", "Decrypt the reviewed plan", planJob, { PLAN_ARTIFACT_KEY: "another-key" });
    expect(wrongKey.status).not.toBe(0);
  });
});
