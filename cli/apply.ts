/**
 * `npm run apply`: applies the reviewed <stack>.tfplan of each selected stack, in manifest order,
 * stopping at the first failure. Every plan is checked before anything is applied, so a stale plan
 * never leaves a half-applied set. Exit: 0 applied; 1 a plan is stale or terraform failed; 2 wrong usage.
 */
import { ExitCode } from "../errors";
import { applyStack, assertPlanIsCurrent } from "../ops/stack-operations";
import { DEFAULT_LOCK_TIMEOUT } from "../ops/terraform";
import { command, main, runProgram, type CommandIo } from "./program";
import { addStackOptions, lockTimeoutOption, selectedStacks, type StackOptions } from "./stack-options";

interface ApplyOptions extends StackOptions {
  readonly lockTimeout: string;
}

export function runApplyCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = addStackOptions(
    command("apply", "Apply the reviewed saved plan of every synthesized stack (or the selected ones).", io),
  ).addOption(lockTimeoutOption("wait at most this long for the state lock").default(DEFAULT_LOCK_TIMEOUT));
  return runProgram(program, argv, io, async () => {
    const options = program.opts<ApplyOptions>();
    const { stacks } = selectedStacks(options, io.env);
    stacks.forEach(assertPlanIsCurrent);
    for (const stack of stacks) {
      io.err(`applying the saved plan of ${stack.id}\n`);
      await applyStack(stack, { echo: (text) => io.err(text), env: io.env, lock: { hold: true, timeout: options.lockTimeout } });
    }
    return ExitCode.OK;
  });
}

if (require.main === module) main(runApplyCli);
