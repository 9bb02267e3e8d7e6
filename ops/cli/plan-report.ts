import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { ExitCode } from "../exit-codes";
import { parsePlanJson, PlanInputError } from "../plan-json";
import { buildPlanReport, type StackPlan } from "../plan-report";
import { parseArguments, UsageError } from "./arguments";
import type { CliOutput } from "./plan";

const USAGE = "npm run plan-report -- [--out <report.md>] <plan.json> [<plan.json>...]";

const processOutput: CliOutput = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

/** Stack id from the file name: `<stack>.plan.json` (what `npm run plan` writes) or `<stack>.json`. */
export function stackNameOf(file: string): string {
  return basename(file).replace(/(\.plan)?\.json$/, "");
}

/** The plan report of existing `terraform show -json` files. Exit: 0 no risk, 3 risky, 1 bad input, 2 usage. */
export function runPlanReportCli(argv: readonly string[], _env: NodeJS.ProcessEnv = process.env, output = processOutput): number {
  try {
    const { values, positionals } = parseArguments(
      { args: [...argv], options: { out: { type: "string" } }, allowPositionals: true },
      USAGE,
    );
    if (positionals.length === 0) throw new UsageError(`no plan JSON file given\nusage: ${USAGE}`);
    const plans: StackPlan[] = positionals.map((file) => {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (error) {
        throw new PlanInputError(file, `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      return { stack: stackNameOf(file), plan: parsePlanJson(text, file) };
    });
    const report = buildPlanReport(plans);
    if (values.out) {
      try {
        writeFileSync(values.out, report.markdown);
      } catch (error) {
        throw new UsageError(
          `--out ${values.out}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\nusage: ${USAGE}`,
        );
      }
    }
    output.stdout(report.markdown + "\n");
    return report.risky ? ExitCode.RISKY : ExitCode.OK;
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(error.message + "\n");
      return ExitCode.USAGE_OR_DRIFT;
    }
    if (error instanceof PlanInputError) {
      output.stderr(`error: ${error.message}\n`);
      return ExitCode.FAILURE;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = runPlanReportCli(process.argv.slice(2));
}
