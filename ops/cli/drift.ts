import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildDriftReport, type DriftStatus, type StackDrift } from "../drift-report";
import { detectDrift } from "../stack-operations";
import { parseStackArguments } from "./arguments";

const USAGE = "npm run drift -- [--stack <id>]... [--out-dir cdktf.out] [--report <file.md>]";

/** Same meaning as terraform's -detailed-exitcode, over all selected stacks. */
const EXIT_CODES: Readonly<Record<DriftStatus, number>> = { none: 0, error: 1, drift: 2 };

async function main(): Promise<number> {
  const { outDir, stacks, report: reportFile } = parseStackArguments(USAGE);
  const results: StackDrift[] = [];
  for (const stack of stacks) {
    console.error(`checking ${stack.id} for drift`);
    results.push(await detectDrift(stack, { echo: true }));
  }
  const report = buildDriftReport(results);
  writeFileSync(reportFile ?? join(outDir, "drift-report.md"), report.markdown);
  process.stdout.write(report.markdown + "\n");
  return EXIT_CODES[report.status];
}

main().then(
  (exitCode) => (process.exitCode = exitCode),
  (error: unknown) => {
    // Usage errors too: for drift, 2 means "drift found", so anything that stops the check is 1.
    console.error(`error: ${(error as Error).message}`);
    process.exitCode = EXIT_CODES.error;
  },
);
