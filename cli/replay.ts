/**
 * `npm run replay -- --env <name> --events <file.jsonl> [--org <state.json>] [--twin <dir>] [--summary]`
 *
 * With --twin the deployment is read from the org twin (replay/twin-deployment.ts): what Terraform
 * delivered, not what the code plans.
 * Prints the timeline of what the environment's triggers and workflows would do with the events,
 * as it happens (with --summary only the summary). Exit codes: 0 every run took a designed path;
 * 1 an unexpected failure (interpreter or flow error, a data action whose request or response
 * breaks its contract); 2 invalid arguments, configuration or input files (then nothing is printed
 * on stdout: the events file is checked in a first pass before the replay).
 */
import { statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { loadEnvironments } from "../config/load";
import { ExitCode, InputError, UsageError } from "../errors";
import { deploymentOf, type ReplayDeployment } from "../replay/deployment";
import { ReplayDriver, entryProblem } from "../replay/driver/replay";
import { ReplayInputError, streamReplayEntries } from "../replay/input/events";
import { readOrgSnapshot } from "../replay/input/org-snapshot";
import { EntryClock, inTimeOrderStreamed } from "../replay/input/time-order";
import { TimelineWriter } from "../replay/output/timeline";
import { deploymentFromTwin } from "../replay/twin-deployment";
import { command, main, runProgram, type CommandIo } from "./program";

function assertReadableFile(file: string, option: string): string {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new InputError(`${option} ${file}`, `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!stats.isFile()) throw new InputError(`${option} ${file}`, "is a directory, expected a file");
  return file;
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

export function runReplayCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("replay", "Replay events through an environment's triggers, workflows and data actions, offline.", io)
    .requiredOption("--env <name>", "the environment (a name from the configuration)")
    .requiredOption("--events <file.jsonl>", "the events, one JSON entry per line")
    .option("--org <state.json>", "the org before the replay (contact lists, table rows)")
    .option("--twin <dir>", "run what the org twin received (npm run twin -- deploy) instead of the planned deployment")
    .option("--summary", "print only the summary, not the timeline");
  return runProgram(program, argv, io, async () => {
    const options = program.opts<{ env: string; events: string; org?: string; twin?: string; summary?: boolean }>();
    const environment = loadEnvironments(io.env).find((candidate) => candidate.name === options.env);
    if (!environment) throw new UsageError(`--env ${options.env}: no environment of that name in the configuration`);
    const deployment = options.twin ? deploymentFromTwin(options.twin, environment) : deploymentOf(environment);
    const { lateness } = await checkEvents(assertReadableFile(options.events, "--events"), deployment);
    const snapshot = options.org ? readOrgSnapshot(assertReadableFile(options.org, "--org")) : undefined;
    // The writer holds its first lines until there is more to write: an invalid snapshot prints nothing.
    const writer = new TimelineWriter(deployment, (text) => io.out(text), options.summary ?? false);
    const driver = new ReplayDriver({ deployment, snapshot, listener: writer.listener });
    for await (const entry of inTimeOrderStreamed(entriesOf(options.events), lateness)) driver.add(entry);
    driver.finish();
    writer.end(driver.org);
    return writer.unexpectedCount === 0 ? ExitCode.OK : ExitCode.FAILURE;
  });
}

if (require.main === module) {
  // See cli/replay-scale.ts: keeps peak memory near what is live in long replays.
  setFlagsFromString("--heap-growing-percent=30");
  main(runReplayCli);
}
