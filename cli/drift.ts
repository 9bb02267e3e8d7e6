/**
 * `npm run drift`: checks every selected stack for drift (a refresh-only plan), prints the report and
 * writes it to --report. A refresh-only plan writes no state, so by default it takes no state lock (an
 * apply is never blocked by it, nor it by an apply); --lock-timeout makes it hold the lock and wait that long.
 * Exit: 0 no drift; 3 drift detected; 1 a stack could not be checked; 2 wrong usage.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ExitCode } from "../errors";
import { buildDriftReport, type DriftStatus } from "../ops/drift-report";
import { detectDrift } from "../ops/stack-operations";
import type { StateLock } from "../ops/terraform";
import { command, main, runProgram, type CommandIo } from "./program";
import { addStackOptions, eachStack, lockTimeoutOption, parallelOption, selectedStacks, type StackOptions } from "./stack-options";

/** The report's status over all selected stacks as the exit status (drift.yml branches on it). */
const EXIT_CODES: Readonly<Record<DriftStatus, ExitCode>> = { none: ExitCode.OK, error: ExitCode.FAILURE, drift: ExitCode.FINDINGS };

interface DriftOptions extends StackOptions {
  readonly report?: string;
  readonly lockTimeout?: string;
  readonly parallel: number;
}

export function runDriftCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = addStackOptions(command("drift", "Check every synthesized stack (or the selected ones) for drift and report it.", io))
    .option("--report <file.md>", "write the report here (default: <out-dir>/drift-report.md)")
    .addOption(lockTimeoutOption("hold the state lock, waiting at most this long (default: no lock)"))
    .addOption(parallelOption());
  return runProgram(program, argv, io, async () => {
    const options = program.opts<DriftOptions>();
    const lock: StateLock = options.lockTimeout ? { hold: true, timeout: options.lockTimeout } : { hold: false };
    const { outDir, stacks } = selectedStacks(options, io.env);
    const drifts = await eachStack(
      stacks,
      options.parallel,
      io,
      (stack) => `checking ${stack.id} for drift`,
      (stack, echo) => detectDrift(stack, { echo, env: io.env, lock }),
    );
    const report = buildDriftReport(drifts);
    writeFileSync(options.report ?? join(outDir, "drift-report.md"), report.markdown);
    io.out(report.markdown + "\n");
    return EXIT_CODES[report.status];
  });
}

if (require.main === module) main(runDriftCli);
