/**
 * `npm run plan-report -- [--out <report.md>] <plan.json>...`: the plan report of existing
 * `terraform show -json` files. Exit: 0 nothing risky; 3 risky; 2 wrong usage or an unreadable or invalid plan file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { ExitCode, InputError, UsageError } from "../errors";
import { parsePlanJson } from "../ops/plan-json";
import { buildPlanReport, type StackPlan } from "../ops/plan-report";
import { command, main, runProgram, type CommandIo } from "./program";

/** Stack id from the file name: `<stack>.plan.json` (what `npm run plan` writes) or `<stack>.json`. */
function stackNameOf(file: string): string {
  return basename(file).replace(/(\.plan)?\.json$/, "");
}

export function runPlanReportCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("plan-report", "Report the risky changes of saved plans (terraform show -json output).", io)
    .argument("<plan.json...>", "plan JSON files, one per stack (<stack>.plan.json or <stack>.json)")
    .option("--out <report.md>", "also write the report to this file");
  return runProgram(program, argv, io, () => {
    const { out } = program.opts<{ out?: string }>();
    const plans: StackPlan[] = program.args.map((file) => {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (error) {
        throw new InputError(file, `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      return { stack: stackNameOf(file), plan: parsePlanJson(text, file) };
    });
    const report = buildPlanReport(plans);
    if (out) {
      try {
        writeFileSync(out, report.markdown);
      } catch (error) {
        throw new UsageError(
          `--out ${out}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        );
      }
    }
    io.out(report.markdown + "\n");
    return report.risky ? ExitCode.FINDINGS : ExitCode.OK;
  });
}

if (require.main === module) main(runPlanReportCli);
