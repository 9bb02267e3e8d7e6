import { ExitCode } from "../exit-codes";
import { applyStack, assertPlanIsCurrent } from "../stack-operations";
import { defaultOutDir, selectStacks, StackSelectionError, synthesizedStacks } from "../stacks";
import { DEFAULT_LOCK_TIMEOUT, parseLockTimeout } from "../terraform";
import { parseArguments, UsageError } from "./arguments";
import type { CliOutput } from "./plan";

const USAGE = "npm run apply -- [--stack <id>]... [--out-dir cdktf.out] [--lock-timeout 5m]";

const processOutput: CliOutput = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

/** Applies the reviewed <stack>.tfplan of each selected stack, in manifest order, stopping at the first failure. */
export async function runApplyCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, output = processOutput): Promise<number> {
  try {
    const { values } = parseArguments(
      {
        args: [...argv],
        options: { stack: { type: "string", multiple: true }, "out-dir": { type: "string" }, "lock-timeout": { type: "string" } },
      },
      USAGE,
    );
    let timeout: string;
    try {
      timeout = parseLockTimeout(values["lock-timeout"] ?? DEFAULT_LOCK_TIMEOUT);
    } catch (error) {
      throw new UsageError(`--lock-timeout: ${(error as Error).message}\nusage: ${USAGE}`);
    }
    const stacks = selectStacks(synthesizedStacks(values["out-dir"] ?? defaultOutDir(env)), values.stack ?? []);
    // Every plan is checked before anything is applied, so a stale plan never leaves a half-applied set.
    stacks.forEach(assertPlanIsCurrent);
    for (const stack of stacks) {
      output.stderr(`applying the saved plan of ${stack.id}\n`);
      await applyStack(stack, { echo: true, env, lock: { hold: true, timeout } });
    }
    return ExitCode.OK;
  } catch (error) {
    output.stderr(`error: ${(error as Error).message}\n`);
    return error instanceof UsageError || error instanceof StackSelectionError ? ExitCode.USAGE_OR_DRIFT : ExitCode.FAILURE;
  }
}

if (require.main === module) {
  void runApplyCli(process.argv.slice(2)).then((exitCode) => (process.exitCode = exitCode));
}
