import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe } from "vitest";
import { TWIN_VARIABLE, type TwinPaths } from "../../twin/environment";
import { readOrg, writeOrg, type OrgDocument } from "../../twin/org";

const REPOSITORY = resolve(__dirname, "../..");

/** describe() when terraform is on PATH (always in CI); otherwise skipped with one printed line. */
export function describeWithTerraform(name: string, body: () => void): void {
  const available = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
  if (!available && !process.env.CI) {
    console.log(`skipping ${name}: terraform is not on PATH (install terraform 1.11 or set CI=1 to require it)`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

export interface ProcessResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment every twin process runs in: the twin selected, no real CLI config. */
export function twinEnv(twin: TwinPaths, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    [TWIN_VARIABLE]: twin.directory,
    TF_CLI_CONFIG_FILE: twin.cliConfig,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

/** Runs one of the npm scripts' entry files as a real process, the way `npm run <script>` does. */
export function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv): ProcessResult {
  const result = spawnSync(
    process.execPath,
    [require.resolve("ts-node/dist/bin.js"), "--transpile-only", join(REPOSITORY, script), ...args],
    {
      cwd: REPOSITORY,
      env,
      encoding: "utf8",
    },
  );
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function terraform(directory: string, args: readonly string[], env: NodeJS.ProcessEnv): ProcessResult {
  const result = spawnSync("terraform", [`-chdir=${directory}`, ...args], { env, encoding: "utf8" });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function editOrg(twin: TwinPaths, edit: (org: OrgDocument) => void): void {
  const org = readOrg(twin.orgFile);
  edit(org);
  writeOrg(twin.orgFile, org);
}

/** Edits a synthesized stack's cdk.tf.json (a change as a code change would make it). */
export function editStackConfig(
  stackDirectory: string,
  edit: (config: { resource: Record<string, Record<string, Record<string, unknown>>> }) => void,
): void {
  const file = join(stackDirectory, "cdk.tf.json");
  const config = JSON.parse(readFileSync(file, "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  edit(config);
  writeFileSync(file, JSON.stringify(config, null, 2));
}

/** The one resource of a type whose logical name contains `part`. */
export function resourceNamed(config: { resource: Record<string, Record<string, Record<string, unknown>>> }, type: string, part: string) {
  const entries = Object.entries(config.resource[type] ?? {}).filter(([name]) => name.includes(part));
  if (entries.length !== 1) throw new Error(`expected one ${type} named *${part}*, found ${entries.length}`);
  return entries[0][1];
}
