import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runApplyCli } from "../../cli/apply";
import { runDriftCli } from "../../cli/drift";
import { runPlanCli } from "../../cli/plan";
import { recordingIo } from "../support/command-io";
import { initStack } from "../../ops/stack-operations";
import { fakeSynthOutput } from "./support/terraform-stacks";

/**
 * The arguments the ops commands give terraform, recorded by a stand-in binary (TERRAFORM_BINARY):
 * how each state-touching command treats the state lock, and when init pins the providers.
 */

const STACK = "preview-retries-args";

function recordingTerraform(): { env: NodeJS.ProcessEnv; calls: () => string[][] } {
  const dir = mkdtempSync(join(tmpdir(), "fake-terraform-"));
  const log = join(dir, "calls.log");
  const binary = join(dir, "terraform");
  writeFileSync(
    binary,
    [
      "#!/bin/sh",
      `printf '%s\\n' "$*" >> "${log}"`,
      // `show -json <plan>`: a minimal plan JSON; every other command succeeds silently.
      'case "$*" in *" show -json "*) echo \'{"format_version":"1.2","resource_changes":[]}\';; esac',
      'case "$*" in *" plan "*-detailed-exitcode*) exit 0;; esac',
      "exit 0",
    ].join("\n"),
  );
  chmodSync(binary, 0o755);
  return {
    env: { ...process.env, TERRAFORM_BINARY: binary },
    calls: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .trim()
            .split("\n")
            .map((line) => line.split(" ").slice(1))
        : [],
  };
}

function stackWithConfig() {
  const synth = fakeSynthOutput([STACK]);
  synth.writeStack(STACK, { resource: { terraform_data: { x: { input: 1 } } } });
  return synth;
}

const byCommand = (calls: string[][], command: string) => calls.filter((args) => args[0] === command);

describe("state locks on every state-touching terraform command", () => {
  it("plan holds the lock with a timeout by default, or takes none with --no-lock", async () => {
    const synth = stackWithConfig();
    const terraform = recordingTerraform();
    expect(await runPlanCli(["--out-dir", synth.outDir], recordingIo(terraform.env))).toBe(0);
    expect(await runPlanCli(["--out-dir", synth.outDir, "--lock-timeout", "90s"], recordingIo(terraform.env))).toBe(0);
    expect(await runPlanCli(["--out-dir", synth.outDir, "--no-lock"], recordingIo(terraform.env))).toBe(0);
    const plans = byCommand(terraform.calls(), "plan");
    expect(plans).toHaveLength(3);
    expect(plans[0]).toEqual(expect.arrayContaining(["-lock=true", "-lock-timeout=5m"]));
    expect(plans[1]).toEqual(expect.arrayContaining(["-lock=true", "-lock-timeout=90s"]));
    expect(plans[2]).toContain("-lock=false");
    expect(plans[2].some((arg) => arg.startsWith("-lock-timeout"))).toBe(false);
  });

  it("a lock timeout that is not a terraform duration is a usage error (exit 2)", async () => {
    const synth = stackWithConfig();
    const terraform = recordingTerraform();
    expect(await runPlanCli(["--out-dir", synth.outDir, "--lock-timeout", "5 minutes"], recordingIo(terraform.env))).toBe(2);
    expect(await runPlanCli(["--out-dir", synth.outDir, "--no-lock", "--lock-timeout", "5m"], recordingIo(terraform.env))).toBe(2);
    expect(terraform.calls()).toEqual([]);
  });

  it("apply waits for the lock; drift takes none unless given a timeout", async () => {
    const synth = stackWithConfig();
    const terraform = recordingTerraform();
    expect(await runPlanCli(["--out-dir", synth.outDir], recordingIo(terraform.env))).toBe(0);
    writeFileSync(join(synth.stackDir(STACK), `${STACK}.tfplan`), "saved plan");
    expect(await runApplyCli(["--out-dir", synth.outDir, "--lock-timeout", "10m"], recordingIo(terraform.env))).toBe(0);
    await runDriftCli(["--out-dir", synth.outDir], recordingIo(terraform.env));
    await runDriftCli(["--out-dir", synth.outDir, "--lock-timeout", "1m"], recordingIo(terraform.env));
    const calls = terraform.calls();
    expect(byCommand(calls, "apply")[0]).toEqual(
      expect.arrayContaining(["-lock=true", "-lock-timeout=10m", join(synth.stackDir(STACK), `${STACK}.tfplan`)]),
    );
    const drift = byCommand(calls, "plan").filter((args) => args.includes("-refresh-only"));
    expect(drift[0]).toContain("-lock=false");
    expect(drift[1]).toEqual(expect.arrayContaining(["-lock=true", "-lock-timeout=1m"]));
  });
});

describe("provider lock files", () => {
  it("GIVEN a committed lock file for the stack THEN init copies it and runs with -lockfile=readonly; without one, init records hashes", async () => {
    const synth = stackWithConfig();
    const terraform = recordingTerraform();
    const locks = mkdtempSync(join(tmpdir(), "provider-locks-"));
    const stack = { id: STACK, workingDirectory: synth.stackDir(STACK) };

    await initStack(stack, { env: terraform.env, providerLocksDir: locks });
    writeFileSync(join(locks, `${STACK}.terraform.lock.hcl`), "# committed\n");
    await initStack(stack, { env: terraform.env, providerLocksDir: locks });

    const inits = byCommand(terraform.calls(), "init");
    expect(inits[0]).not.toContain("-lockfile=readonly");
    expect(inits[1]).toContain("-lockfile=readonly");
    expect(readFileSync(join(synth.stackDir(STACK), ".terraform.lock.hcl"), "utf8")).toBe("# committed\n");
  });

  it("GIVEN a plan made elsewhere with its lock file THEN apply's init keeps that lock file read-only", async () => {
    const synth = stackWithConfig();
    const terraform = recordingTerraform();
    expect(await runPlanCli(["--out-dir", synth.outDir], recordingIo(terraform.env))).toBe(0);
    writeFileSync(join(synth.stackDir(STACK), `${STACK}.tfplan`), "saved plan");
    writeFileSync(join(synth.stackDir(STACK), ".terraform.lock.hcl"), "# from the plan job\n");
    expect(await runApplyCli(["--out-dir", synth.outDir], recordingIo(terraform.env))).toBe(0);
    expect(byCommand(terraform.calls(), "init").at(-1)).toContain("-lockfile=readonly");
  });
});
