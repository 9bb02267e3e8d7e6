/**
 * npm run replay -- --env <name> --events <file.jsonl> [--org <state.json>] [--twin <dir>] [--summary]
 *
 * With --twin the deployment is read from the org twin (replay/twin-deployment.ts): what Terraform
 * applied there, not what the code plans.
 * Prints the timeline of what the environment's triggers and workflows would do with the events,
 * as it happens (with --summary only the summary). Exit codes: 0 every run took a designed path;
 * 1 an unexpected failure (interpreter or flow error, a data action whose request or response
 * breaks its contract); 2 invalid arguments, configuration or input files (then nothing is printed
 * on stdout: the events file is checked in a first pass before the replay).
 */
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { loadEnvironments } from "../config/load";
import { ConfigError } from "../config/validate";
import { UserError } from "../errors";
import { deploymentOf, type ReplayDeployment } from "./deployment";
import { ReplayDriver, ReplayEntryError, entryProblem } from "./driver/replay";
import { ReplayInputError, streamReplayEntries } from "./input/events";
import { readOrgSnapshot } from "./input/org-snapshot";
import { EntryClock, inTimeOrderStreamed } from "./input/time-order";
import { TimelineWriter } from "./output/timeline";
import { deploymentFromTwin } from "./twin-deployment";

export const USAGE = "usage: npm run replay -- --env <name> --events <file.jsonl> [--org <state.json>] [--twin <dir>] [--summary]";

export class UsageError extends Error {}

function assertReadableFile(file: string, option: string): string {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!stats.isFile()) throw new UsageError(`${option} ${file}: is a directory, expected a file`);
  return file;
}

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** First pass over the events file: every line valid and replayable; how late its latest entry comes. */
async function checkEvents(file: string, deployment: ReplayDeployment): Promise<{ lateness: number }> {
  const clock = new EntryClock();
  for await (const { entry, line } of streamReplayEntries(file)) {
    const problem = entryProblem(deployment, entry);
    if (problem) throw new ReplayInputError(file, line, problem);
    clock.timeOf(entry);
  }
  return { lateness: clock.lateness };
}

async function* entriesOf(file: string) {
  for await (const { entry } of streamReplayEntries(file)) yield entry;
}

export async function runReplayCli(argv: readonly string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        env: { type: "string" },
        events: { type: "string" },
        org: { type: "string" },
        twin: { type: "string" },
        summary: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.env || !values.events) throw new UsageError(USAGE);
    const environment = loadEnvironments(env).find((candidate) => candidate.name === values.env);
    if (!environment) throw new UsageError(`no environment named "${values.env}" in the configuration`);
    const deployment = values.twin ? deploymentFromTwin(values.twin, environment) : deploymentOf(environment);
    const { lateness } = await checkEvents(assertReadableFile(values.events, "--events"), deployment);
    const snapshot = values.org ? readOrgSnapshot(assertReadableFile(values.org, "--org")) : undefined;
    // The writer holds its first lines until there is more to write: an invalid snapshot prints nothing.
    const writer = new TimelineWriter(deployment, (text) => output.out(text), values.summary ?? false);
    const driver = new ReplayDriver({ deployment, snapshot, listener: writer.listener });
    for await (const entry of inTimeOrderStreamed(entriesOf(values.events), lateness)) driver.add(entry);
    driver.finish();
    writer.end(driver.org);
    return writer.unexpectedCount === 0 ? 0 : 1;
  } catch (error) {
    const invalidInput =
      error instanceof UsageError ||
      error instanceof UserError ||
      error instanceof ConfigError ||
      error instanceof ReplayInputError ||
      error instanceof ReplayEntryError ||
      (error as NodeJS.ErrnoException).code === "ENOENT" ||
      (error as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION";
    if (invalidInput) {
      output.err(`${(error as Error).message}\n`);
      return 2;
    }
    output.err(`replay failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  // See scale-report.ts: keeps peak memory near what is live in long replays.
  setFlagsFromString("--heap-growing-percent=30");
  void runReplayCli(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  }).then((code) => (process.exitCode = code));
}
