import { rmSync } from "node:fs";
import * as path from "node:path";
import { loadEnvironments } from "../config/load";
import { SYNTH_OUTPUT_DIRECTORY, type EnvironmentConfig } from "../config/schema";
import { ConfigError } from "../config/validate";
import { describeError, ExitCode, exitCodeOf, UserError } from "../errors";
import { createApp, validationErrors } from "../constructs/app";
import { localStateFile } from "../constructs/state-backend";
import { stackIdFor } from "../deployment/names";
import { planDeployment } from "../deployment/plan";
import { outsideTwinProblem, selectedTwin } from "../twin/environment";
import { pointBackendsAtTwin } from "./twin-backends";
import { prepareStaging, publishSynth, readManifestText, removeOutputOfFailedSynth } from "./synth-output";

/**
 * The cdktf app run (`cdktf synth` runs it with CDKTF_OUTDIR): validates the configuration, builds
 * every stack in a staging folder and publishes it; on a user's mistake prints one line per problem
 * and returns its exit status (2, errors/), after removing the earlier output this synth would have replaced.
 */
export function runSynth(env: NodeJS.ProcessEnv = process.env, stderr: Pick<NodeJS.WriteStream, "write"> = process.stderr): number {
  const outdir = path.resolve(env.CDKTF_OUTDIR ?? SYNTH_OUTPUT_DIRECTORY);
  // A rehearsal against the org twin never touches a real state or output folder (twin/environment.ts).
  const twin = selectedTwin(env);
  const outsideTwin = twin && outsideTwinProblem(twin, outdir);
  if (outsideTwin) {
    stderr.write(`${outsideTwin}\n`);
    return ExitCode.USAGE;
  }
  let manifestAtStart: string | undefined;
  let staging: string | undefined;
  try {
    manifestAtStart = readManifestText(outdir);
    // The configuration is validated before a single construct exists, the constructs before anything is written.
    const environments = loadEnvironments(env);
    assertStateOutsideOutput(environments, outdir);
    staging = prepareStaging(outdir);
    const app = createApp(environments.map(planDeployment), { outdir: staging });
    const errors = validationErrors(app);
    if (errors.length > 0) throw new ConfigError(errors, "Invalid preview-retries deployment");
    app.synth();
    // Rewritten before publishing: the output folder never holds a twin stack with a real backend.
    if (twin) pointBackendsAtTwin(twin, staging);
    publishSynth(staging, outdir);
    return 0;
  } catch (error) {
    // Whatever stopped the synth, the earlier output must not survive it: it could be planned and applied by mistake.
    try {
      removeOutputOfFailedSynth(outdir, manifestAtStart);
    } catch (cleanupError) {
      stderr.write(`${outdir}: could not remove the earlier synth output (${(cleanupError as Error).message})\n`);
    }
    if (!(error instanceof UserError)) throw error;
    stderr.write(`${describeError(error)}\n`);
    return exitCodeOf(error);
  } finally {
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true });
  }
}

/** A local state file inside the output folder would be deleted by the next synth. */
function assertStateOutsideOutput(environments: readonly EnvironmentConfig[], outdir: string): void {
  const problems: string[] = [];
  for (const environment of environments) {
    if (environment.backend.type !== "local") continue;
    const stackDirectory = path.join(outdir, "stacks", stackIdFor(environment.name));
    const stateFile = path.resolve(stackDirectory, localStateFile(environment.backend, environment.name, stackIdFor(environment.name)));
    if (stateFile.startsWith(outdir + path.sep)) {
      problems.push(
        `environment ${JSON.stringify(environment.name)}: backend.directory: the state file ${stateFile} would be inside the synth output folder ${outdir}, which every synth replaces`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
