import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ExitCode } from "../exit-codes";
import { buildPlanReport, type StackPlanResult } from "../plan-report";
import { planStack } from "../stack-operations";
import { defaultOutDir, selectStacks, StackSelectionError, synthesizedStacks } from "../stacks";
import { DEFAULT_LOCK_TIMEOUT, parseLockTimeout, type StateLock } from "../terraform";
import { parseArguments, UsageError } from "./arguments";

const USAGE =
  "npm run plan -- [--stack <id>]... [--out-dir cdktf.out] [--report <file.md>] [--comment <file.md>] " +
  "[--fingerprints <file.json>] [--reviewed <file.json>] [--lock-timeout 5m | --no-lock]";

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: CliOutput = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

/**
 * Plans every selected stack (after `npm run synth`), prints the Markdown report and writes it to
 * --report, the comment-sized version to --comment and the risk fingerprints to --fingerprints.
 * With --reviewed (fingerprints shown on the pull request), findings that differ exit 4.
 * Exit: 1 a stack could not be planned (its risks are unknown), 4 risks differ from the reviewed, 3 risky, 0 otherwise.
 */
export async function runPlanCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, output = processOutput): Promise<number> {
  try {
    const { values } = parseArguments(
      {
        args: [...argv],
        options: {
          stack: { type: "string", multiple: true },
          "out-dir": { type: "string" },
          report: { type: "string" },
          comment: { type: "string" },
          fingerprints: { type: "string" },
          reviewed: { type: "string" },
          "lock-timeout": { type: "string" },
          "no-lock": { type: "boolean" },
        },
      },
      USAGE,
    );
    if (values["no-lock"] && values["lock-timeout"])
      throw new UsageError(`--no-lock and --lock-timeout exclude each other\nusage: ${USAGE}`);
    let lock: StateLock;
    try {
      lock = values["no-lock"]
        ? { hold: false }
        : { hold: true, timeout: parseLockTimeout(values["lock-timeout"] ?? DEFAULT_LOCK_TIMEOUT) };
    } catch (error) {
      throw new UsageError(`--lock-timeout: ${(error as Error).message}\nusage: ${USAGE}`);
    }
    const reviewedFingerprints = values.reviewed === undefined ? undefined : readFingerprints(values.reviewed);
    const outDir = values["out-dir"] ?? defaultOutDir(env);
    const stacks = selectStacks(synthesizedStacks(outDir), values.stack ?? []);
    const results: StackPlanResult[] = [];
    for (const stack of stacks) {
      output.stderr(`planning ${stack.id} in ${stack.workingDirectory}\n`);
      results.push(await planStack(stack, { echo: true, env, lock }));
    }
    const report = buildPlanReport(results, { reviewedFingerprints });
    writeFileSync(values.report ?? join(outDir, "plan-report.md"), report.markdown);
    writeFileSync(values.comment ?? join(outDir, "plan-comment.md"), report.comment);
    writeFileSync(values.fingerprints ?? join(outDir, "risk-fingerprints.json"), JSON.stringify(report.riskFingerprints, null, 2) + "\n");
    output.stdout(report.markdown + "\n");
    if (report.failed.length > 0) return ExitCode.FAILURE;
    if (report.unreviewed.length > 0) return ExitCode.REVIEW_AGAIN;
    return report.risky ? ExitCode.RISKY : ExitCode.OK;
  } catch (error) {
    output.stderr(`error: ${(error as Error).message}\n`);
    return error instanceof UsageError || error instanceof StackSelectionError ? ExitCode.USAGE_OR_DRIFT : ExitCode.FAILURE;
  }
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

if (require.main === module) {
  void runPlanCli(process.argv.slice(2)).then((exitCode) => (process.exitCode = exitCode));
}
