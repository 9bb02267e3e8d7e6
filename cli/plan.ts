/**
 * `npm run plan`: plans every selected stack (after `npm run synth`), prints the Markdown report and
 * writes it to --report, the comment-sized version to --comment and the risk fingerprints to
 * --fingerprints. Exit: 0 nothing risky; 3 risky changes; 4 the risk findings differ from --reviewed
 * (review again); 1 a stack could not be planned (its risks are unknown); 2 wrong usage.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ExitCode, UsageError } from "../errors";
import { buildPlanReport } from "../ops/plan-report";
import { planStack } from "../ops/stack-operations";
import { DEFAULT_LOCK_TIMEOUT, type StateLock } from "../ops/terraform";
import { command, main, runProgram, type CommandIo } from "./program";
import { addStackOptions, eachStack, lockTimeoutOption, parallelOption, selectedStacks, type StackOptions } from "./stack-options";

interface PlanOptions extends StackOptions {
  readonly report?: string;
  readonly comment?: string;
  readonly fingerprints?: string;
  readonly reviewed?: string;
  readonly lockTimeout?: string;
  readonly lock: boolean;
  readonly parallel: number;
}

export function runPlanCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = addStackOptions(command("plan", "Plan every synthesized stack (or the selected ones) and report the risky changes.", io))
    .option("--report <file.md>", "write the report here (default: <out-dir>/plan-report.md)")
    .option("--comment <file.md>", "write the pull-request-comment-sized report here (default: <out-dir>/plan-comment.md)")
    .option("--fingerprints <file.json>", "write the risk fingerprints here (default: <out-dir>/risk-fingerprints.json)")
    .option("--reviewed <file.json>", "fingerprints reviewed on the pull request: exit 4 when the findings differ")
    .addOption(lockTimeoutOption(`hold the state lock, waiting at most this long (default: ${DEFAULT_LOCK_TIMEOUT})`).conflicts("lock"))
    .option("--no-lock", "plan without the state lock (a plan only for review)")
    .addOption(parallelOption());
  return runProgram(program, argv, io, async () => {
    const options = program.opts<PlanOptions>();
    const lock: StateLock = options.lock ? { hold: true, timeout: options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT } : { hold: false };
    const reviewedFingerprints = options.reviewed === undefined ? undefined : readFingerprints(options.reviewed);
    const { outDir, stacks } = selectedStacks(options, io.env);
    // Each stack's terraform output is kept apart and printed whole, in manifest order.
    const plans = await eachStack(
      stacks,
      options.parallel,
      io,
      (stack) => `planning ${stack.id} in ${stack.workingDirectory}`,
      (stack, echo) => planStack(stack, { echo, env: io.env, lock }),
    );
    const report = buildPlanReport(plans, { reviewedFingerprints });
    writeFileSync(options.report ?? join(outDir, "plan-report.md"), report.markdown);
    writeFileSync(options.comment ?? join(outDir, "plan-comment.md"), report.comment);
    writeFileSync(options.fingerprints ?? join(outDir, "risk-fingerprints.json"), JSON.stringify(report.riskFingerprints, null, 2) + "\n");
    io.out(report.markdown + "\n");
    if (report.failed.length > 0) return ExitCode.FAILURE;
    if (report.unreviewed.length > 0) return ExitCode.REVIEW_AGAIN;
    return report.risky ? ExitCode.FINDINGS : ExitCode.OK;
  });
}

/** `{ "<stack>": "<fingerprint>" }`, as --fingerprints writes it. */
function readFingerprints(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`--reviewed ${file}: cannot read JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== "string")) {
    throw new UsageError(`--reviewed ${file}: expected an object of stack id → fingerprint strings`);
  }
  return parsed as Record<string, string>;
}

if (require.main === module) main(runPlanCli);
