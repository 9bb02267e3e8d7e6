/** `npm run bench [-- --runs N] [--replay-only]`: the benchmarks (scripts/bench.ts), a report, not a test. */
import { ExitCode } from "../errors";
import { runBench } from "../scripts/bench";
import { command, main, runProgram, wholeNumber, type CommandIo } from "./program";

export function runBenchCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("bench", "Measure the replay, synth and twin plan times and memory against their targets.", io)
    .option("--runs <n>", "runs of each synth measurement (the median is reported)", wholeNumber(1), 3)
    .option("--replay-only", "only the replay benchmarks", false);
  return runProgram(program, argv, io, async () => {
    await runBench(program.opts<{ runs: number; replayOnly: boolean }>());
    return ExitCode.OK;
  });
}

if (require.main === module) main(runBenchCli);
