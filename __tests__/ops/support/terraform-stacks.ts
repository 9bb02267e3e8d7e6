import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** A stand-in for `cdktf.out`: a manifest and stacks of built-in terraform_data resources, local state. */
export interface FakeSynthOutput {
  readonly outDir: string;
  stackDir(stackId: string): string;
  /** Writes stacks/<id>/cdk.tf.json with a local backend whose state lives in the temp dir. */
  writeStack(stackId: string, config: Record<string, unknown>): void;
  /** Runs terraform in the stack's directory for test setup; throws on failure. */
  terraform(stackId: string, args: readonly string[], input?: string): string;
  pullState(stackId: string): TerraformState;
  pushState(stackId: string, state: TerraformState): void;
}

export interface TerraformState {
  serial: number;
  outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>;
  resources: { type: string; name: string; instances: { attributes: Record<string, { value: unknown; type: unknown } | unknown> }[] }[];
}

const quietEnv = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };

export function fakeSynthOutput(stackIds: readonly string[]): FakeSynthOutput {
  const root = mkdtempSync(join(tmpdir(), "ops-tf-"));
  const outDir = join(root, "cdktf.out");
  const stacks = Object.fromEntries(
    stackIds.map((id) => [
      id,
      { name: id, constructPath: id, workingDirectory: `stacks/${id}`, synthesizedStackPath: `stacks/${id}/cdk.tf.json`, dependencies: [] },
    ]),
  );
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks }));
  const stackDir = (id: string) => join(outDir, "stacks", id);
  const terraform = (id: string, args: readonly string[], input?: string) =>
    execFileSync("terraform", [`-chdir=${stackDir(id)}`, ...args], {
      env: quietEnv,
      input,
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
    });
  return {
    outDir,
    stackDir,
    writeStack(id, config) {
      mkdirSync(stackDir(id), { recursive: true });
      const backend = { local: { path: resolve(root, "terraform-state", `${id}.tfstate`) } };
      const { terraform: settings, ...rest } = config as { terraform?: Record<string, unknown> };
      writeFileSync(join(stackDir(id), "cdk.tf.json"), JSON.stringify({ terraform: { backend, ...settings }, ...rest }, null, 2));
    },
    terraform,
    pullState: (id) => JSON.parse(terraform(id, ["state", "pull"])) as TerraformState,
    pushState(id, state) {
      const file = join(stackDir(id), "edited.tfstate.json");
      writeFileSync(file, JSON.stringify(state));
      terraform(id, ["state", "push", "-force", file]);
    },
  };
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one of the cli/*.ts entry files the way the npm scripts do. */
export function runCli(script: "plan-report" | "plan" | "apply" | "drift", args: readonly string[]): CliResult {
  const result = spawnSync(
    process.execPath,
    [require.resolve("ts-node/dist/bin.js"), "--transpile-only", resolve(__dirname, "../../../cli", `${script}.ts`), ...args],
    { env: quietEnv, encoding: "utf8" },
  );
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}
