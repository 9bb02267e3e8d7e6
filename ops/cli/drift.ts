import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildDriftReport, type DriftStatus, type StackDrift } from "../drift-report";
import { detectDrift } from "../stack-operations";
import { defaultOutDir, selectStacks, synthesizedStacks } from "../stacks";
import { parseLockTimeout, type StateLock } from "../terraform";
import { parseArguments } from "./arguments";
import type { CliOutput } from "./plan";

const USAGE = "npm run drift -- [--stack <id>]... [--out-dir cdktf.out] [--report <file.md>] [--lock-timeout <duration>]";

/** Same meaning as terraform's -detailed-exitcode, over all selected stacks. */
const EXIT_CODES: Readonly<Record<DriftStatus, number>> = { none: 0, error: 1, drift: 2 };

const processOutput: CliOutput = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

/**
 * Checks every selected stack for drift, prints the report and writes it to --report. A refresh-only
 * plan writes no state, so by default it takes no state lock (an apply is never blocked by it, nor it by
 * an apply); --lock-timeout makes it hold the lock and wait that long.
 */
export async function runDriftCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, output = processOutput): Promise<number> {
  try {
    const { values } = parseArguments(
      {
        args: [...argv],
        options: {
          stack: { type: "string", multiple: true },
          "out-dir": { type: "string" },
          report: { type: "string" },
          "lock-timeout": { type: "string" },
        },
      },
      USAGE,
    );
    const lock: StateLock = values["lock-timeout"] ? { hold: true, timeout: parseLockTimeout(values["lock-timeout"]) } : { hold: false };
    const outDir = values["out-dir"] ?? defaultOutDir(env);
    const stacks = selectStacks(synthesizedStacks(outDir), values.stack ?? []);
    const results: StackDrift[] = [];
    for (const stack of stacks) {
      output.stderr(`checking ${stack.id} for drift\n`);
      results.push(await detectDrift(stack, { echo: true, env, lock }));
    }
    const report = buildDriftReport(results);
    writeFileSync(values.report ?? join(outDir, "drift-report.md"), report.markdown);
    output.stdout(report.markdown + "\n");
    return EXIT_CODES[report.status];
  } catch (error) {
    // Usage errors too: for drift, 2 means "drift found", so anything that stops the check is 1.
    output.stderr(`error: ${(error as Error).message}\n`);
    return EXIT_CODES.error;
  }
}

if (require.main === module) {
  void runDriftCli(process.argv.slice(2)).then((exitCode) => (process.exitCode = exitCode));
}
