/**
 * Synthesizes the app into a twin (`<twin>/cdktf.out`) and points every stack's state at the twin
 * (`<twin>/state/<stack>.tfstate`, local backend), whatever backend the environment configures:
 * a twin never reads or writes a real state, and its lock files stay in its own stack directories.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { stackFiles, synthesizedStacks, type SynthesizedStack } from "../ops/stacks";
import { TWIN_VARIABLE, type TwinPaths } from "../twin/environment";
import { StepFailure } from "../errors";

const REPOSITORY = resolve(__dirname, "..");

/** The app could not be synthesized (invalid config, workflow lint error): its one-line message. */
export class SynthError extends StepFailure {
  override name = "SynthError";
}

export function synthesizeIntoTwin(twin: TwinPaths, env: NodeJS.ProcessEnv = process.env): SynthesizedStack[] {
  // main.ts itself points the backends at the twin when PREVIEW_RETRIES_TWIN is set (pointBackendsAtTwin).
  const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", join(REPOSITORY, "main.ts")], {
    cwd: REPOSITORY,
    env: { ...env, CDKTF_OUTDIR: twin.outDir, [TWIN_VARIABLE]: twin.directory },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new SynthError(`synth failed: ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" ")}`);
  return synthesizedStacks(twin.outDir);
}

/** Rewrites the backend of every stack synthesized in `outDir` to a local state in the twin. */
export function pointBackendsAtTwin(twin: TwinPaths, outDir: string): void {
  mkdirSync(twin.stateDirectory, { recursive: true });
  for (const stack of synthesizedStacks(outDir)) {
    const file = stackFiles(stack).config;
    const config = JSON.parse(readFileSync(file, "utf8")) as { terraform: Record<string, unknown> };
    config.terraform.backend = { local: { path: join(twin.stateDirectory, `${stack.id}.tfstate`) } };
    delete config.terraform.cloud;
    writeFileSync(file, JSON.stringify(config, null, 2));
  }
}
