/**
 * How other commands select a twin: `PREVIEW_RETRIES_TWIN=<twin dir>`. Only path facts and the
 * terraform environment live here, so ops/ can use them without loading the stand-in.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const TWIN_VARIABLE = "PREVIEW_RETRIES_TWIN";

export interface TwinPaths {
  readonly directory: string;
  readonly orgFile: string;
  readonly cliConfig: string;
  readonly mirror: string;
  readonly tls: string;
  /** Where the twin's stacks are synthesized; ops commands default to it when the twin is selected. */
  readonly outDir: string;
  readonly stateDirectory: string;
}

export function twinPaths(directory: string): TwinPaths {
  const root = resolve(directory);
  return {
    directory: root,
    orgFile: join(root, "org.json"),
    cliConfig: join(root, "terraformrc"),
    mirror: join(root, "provider-mirror"),
    tls: join(root, "tls"),
    outDir: join(root, "cdktf.out"),
    stateDirectory: join(root, "state"),
  };
}

/** The twin selected by $PREVIEW_RETRIES_TWIN, or undefined. */
export function selectedTwin(env: NodeJS.ProcessEnv = process.env): TwinPaths | undefined {
  const directory = env[TWIN_VARIABLE];
  return directory ? twinPaths(directory) : undefined;
}

/** The environment terraform runs in for the selected twin (unchanged when none is selected). */
export function terraformEnvironmentFor(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const twin = selectedTwin(env);
  if (!twin) return env;
  if (!existsSync(twin.cliConfig)) {
    throw new Error(`${TWIN_VARIABLE}=${env[TWIN_VARIABLE]}: ${twin.cliConfig} not found; create the twin with \`npm run twin -- deploy\``);
  }
  return { ...env, TF_CLI_CONFIG_FILE: twin.cliConfig };
}
