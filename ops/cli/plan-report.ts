import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { ExitCode } from "../exit-codes";
import { parsePlanJson, PlanInputError } from "../plan-json";
import { buildPlanReport, type StackPlan } from "../plan-report";
import { parseArguments, UsageError } from "./arguments";

const USAGE = "npm run plan-report -- [--out <report.md>] <plan.json> [<plan.json>...]";

/** Stack id from the file name: `<stack>.plan.json` (what `npm run plan` writes) or `<stack>.json`. */
export function stackNameOf(file: string): string {
  return basename(file).replace(/(\.plan)?\.json$/, "");
}

function writeReport(file: string, markdown: string): void {
  try {
    writeFileSync(file, markdown);
  } catch (error) {
    throw new UsageError(
      `--out ${file}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? String(error)})\nusage: ${USAGE}`,
    );
  }
}

function main(): number {
  try {
    const { values, positionals } = parseArguments({ options: { out: { type: "string" } }, allowPositionals: true }, USAGE);
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
    if (values.out) writeReport(values.out, report.markdown);
    process.stdout.write(report.markdown + "\n");
    return report.risky ? ExitCode.RISKY : ExitCode.OK;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return ExitCode.USAGE_OR_DRIFT;
    }
    if (error instanceof PlanInputError) {
      console.error(`error: ${error.message}`);
      return ExitCode.FAILURE;
    }
    throw error;
  }
}

process.exitCode = main();
