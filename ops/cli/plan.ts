import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ExitCode } from "../exit-codes";
import { code } from "../markdown";
import { buildPlanReport, type StackPlan } from "../plan-report";
import { planStack } from "../stack-operations";
import { StackSelectionError } from "../stacks";
import { TerraformError } from "../terraform";
import { parseStackArguments, UsageError } from "./arguments";

const USAGE = "npm run plan -- [--stack <id>]... [--out-dir cdktf.out] [--report <file.md>]";

/** Plans every selected stack (after `npm run synth`), prints the Markdown report and writes it to --report. */
async function main(): Promise<number> {
  const { outDir, stacks, report: reportFile } = parseStackArguments(USAGE);
  const plans: StackPlan[] = [];
  const failures: string[] = [];
  for (const stack of stacks) {
    console.error(`planning ${stack.id} in ${stack.workingDirectory}`);
    try {
      plans.push(await planStack(stack, { echo: true }));
    } catch (error) {
      if (!(error instanceof TerraformError)) throw error;
      failures.push(`### Stack ${code(stack.id)}\n\n❌ \`terraform ${error.command}\` failed; see the job log.\n`);
    }
  }
  const report = buildPlanReport(plans);
  const markdown = [report.markdown, ...failures].join("\n");
  writeFileSync(reportFile ?? join(outDir, "plan-report.md"), markdown);
  process.stdout.write(markdown + "\n");
  if (failures.length > 0) return ExitCode.FAILURE;
  return report.risky ? ExitCode.RISKY : ExitCode.OK;
}

main().then(
  (exitCode) => (process.exitCode = exitCode),
  (error: unknown) => {
    console.error(`error: ${(error as Error).message}`);
    process.exitCode = error instanceof UsageError || error instanceof StackSelectionError ? ExitCode.USAGE_OR_DRIFT : ExitCode.FAILURE;
  },
);
