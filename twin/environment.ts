/**
 * How other commands select a twin: `PREVIEW_RETRIES_TWIN=<twin dir>`. Only path facts and the
 * terraform environment live here, so ops/ can use them without loading the stand-in.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";

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

const isInside = (directory: string, path: string) => {
  const relation = relative(directory, resolve(path));
  return relation === "" || (!relation.startsWith("..") && !isAbsolute(relation));
};

/**
 * Why `directory` must not be used with the twin, or undefined: terraform would record the
 * stand-in's hash in a lock file outside the twin, one a real deployment could pick up.
 */
export function outsideTwinProblem(twin: TwinPaths, directory: string): string | undefined {
  if (isInside(twin.directory, directory)) return undefined;
  return `${TWIN_VARIABLE} is set but ${resolve(directory)} is outside the twin ${twin.directory}; synthesize into the twin (npm run twin -- synth, or npx cdktf … --output ${join(twin.directory, "cdktf.out")})`;
}

/**
 * The environment terraform runs in, in `workingDirectory`, for the selected twin (unchanged when
 * none is selected). Throws when the directory is outside the twin.
 */
export function terraformEnvironmentFor(env: NodeJS.ProcessEnv, workingDirectory: string): NodeJS.ProcessEnv {
  const twin = selectedTwin(env);
  if (!twin) return env;
  const problem = outsideTwinProblem(twin, workingDirectory);
  if (problem) throw new Error(problem);
  if (!existsSync(twin.cliConfig)) {
    throw new Error(`${TWIN_VARIABLE}=${env[TWIN_VARIABLE]}: ${twin.cliConfig} not found; create the twin with \`npm run twin -- deploy\``);
  }
  return { ...env, TF_CLI_CONFIG_FILE: twin.cliConfig };
}
