/**
 * `npm run replay:scale [-- --env example --previews 10000 --skip-rate 0.3 --previews-per-minute 100 --seed 1]`:
 * replays a synthetic day of previews through the environment's real triggers, workflows and data
 * actions and reports the load and the headroom against the org limits (replay/scale-report.ts).
 * Exit: 0 no unexpected failure; 1 unexpected failures; 2 wrong usage or configuration.
 */
import { setFlagsFromString } from "node:v8";
import { InvalidArgumentError } from "commander";
import { loadEnvironments } from "../config/load";
import { ExitCode, UsageError } from "../errors";
import { scaleReport, type ScaleOptions } from "../replay/scale-report";
import { command, main, numberBetween, runProgram, wholeNumber, type CommandIo } from "./program";

function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError("expected a number above 0");
  return number;
}

export function runScaleCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("replay:scale", "Replay a synthetic day of previews and report the load against the org limits.", io)
    .option("--env <name>", "the environment (a name from the configuration)", "example")
    .option("--previews <n>", "fresh previews offered", wholeNumber(0), 10_000)
    .option("--skip-rate <rate>", "share of offers an agent skips", numberBetween(0, 1), 0.3)
    .option("--previews-per-minute <n>", "rate of fresh offers", positiveNumber, 100)
    .option("--seed <n>", "seed of the generator: the same arguments give the same report", wholeNumber(0), 1);
  return runProgram(program, argv, io, () => {
    const { env: name, ...options } = program.opts<ScaleOptions & { env: string }>();
    const environment = loadEnvironments(io.env).find((candidate) => candidate.name === name);
    if (!environment) throw new UsageError(`--env ${name}: no environment of that name in the configuration`);
    let shown = false;
    const progress = io.progress;
    const report = scaleReport(
      environment,
      options,
      progress &&
        ((stage, done, entries) => {
          shown = true;
          progress(`\r\x1b[Kreplaying ${stage}: ${done.toLocaleString("en-US")} of ${entries.toLocaleString("en-US")} entries`);
        }),
    );
    if (shown) progress?.("\r\x1b[K");
    io.out(report.text);
    return report.unexpected === 0 ? ExitCode.OK : ExitCode.FAILURE;
  });
}

if (require.main === module) {
  // The replay makes much garbage that lives a few virtual minutes (runs waiting); V8's default heap
  // growth lets it pile up to several times what is live. A smaller growth step keeps the peak near
  // what is live (npm run bench: a third less peak memory at 10,000 previews, no more CPU time).
  setFlagsFromString("--heap-growing-percent=30");
  main(runScaleCli);
}
