import { ExitCode } from "../exit-codes";
import { applyStack, assertPlanIsCurrent } from "../stack-operations";
import { defaultOutDir, selectStacks, StackSelectionError, synthesizedStacks } from "../stacks";
import { parseArguments, UsageError } from "./arguments";

const USAGE = "npm run apply -- [--stack <id>]... [--out-dir cdktf.out]";

/** Applies the reviewed <stack>.tfplan of each selected stack, in manifest order, stopping at the first failure. */
async function main(): Promise<number> {
  const { values } = parseArguments({ options: { stack: { type: "string", multiple: true }, "out-dir": { type: "string" } } }, USAGE);
  const stacks = selectStacks(synthesizedStacks(values["out-dir"] ?? defaultOutDir()), values.stack ?? []);
  // Every plan is checked before anything is applied, so a stale plan never leaves a half-applied set.
  stacks.forEach(assertPlanIsCurrent);
  for (const stack of stacks) {
    console.error(`applying the saved plan of ${stack.id}`);
    await applyStack(stack, { echo: true });
  }
  return ExitCode.OK;
}

main().then(
  (exitCode) => (process.exitCode = exitCode),
  (error: unknown) => {
    console.error(`error: ${(error as Error).message}`);
    process.exitCode = error instanceof UsageError || error instanceof StackSelectionError ? ExitCode.USAGE_OR_DRIFT : ExitCode.FAILURE;
  },
);
