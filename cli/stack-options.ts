/** Options the stack commands (plan, apply, drift) share. */
import { Option, type Command } from "commander";
import { defaultOutDir, selectStacks, synthesizedStacks, type SynthesizedStack } from "../ops/stacks";
import { parseLockTimeout } from "../ops/terraform";
import { collect, inParallel, parsedBy, wholeNumber, type CommandIo } from "./program";

const DEFAULT_PARALLEL_STACKS = 4;

export interface StackOptions {
  readonly stack: string[];
  readonly outDir?: string;
}

export function addStackOptions(program: Command): Command {
  return program
    .option("--stack <id>", "only this stack (repeat for more; default: every synthesized stack)", collect, [])
    .option("--out-dir <directory>", "cdktf output folder (default: $CDKTF_OUTDIR, the selected twin's, else cdktf.out)");
}

/** The synth output folder the options name (else the default one) and the selected stacks in it, in manifest order. */
export function selectedStacks(options: StackOptions, env: NodeJS.ProcessEnv): { outDir: string; stacks: SynthesizedStack[] } {
  const outDir = options.outDir ?? defaultOutDir(env);
  return { outDir, stacks: selectStacks(synthesizedStacks(outDir), options.stack) };
}

export function parallelOption(): Option {
  return new Option("--parallel <n>", "stacks run at once").argParser(wholeNumber(1)).default(DEFAULT_PARALLEL_STACKS);
}

export function lockTimeoutOption(description: string): Option {
  return new Option("--lock-timeout <duration>", description).argParser(parsedBy(parseLockTimeout));
}

/**
 * Runs `work` on every stack, `parallel` at a time; each stack's terraform output is collected and
 * printed whole on stderr, in the stacks' order, so parallel runs never interleave their logs.
 */
export async function eachStack<T>(
  stacks: readonly SynthesizedStack[],
  parallel: number,
  io: CommandIo,
  what: (stack: SynthesizedStack) => string,
  work: (stack: SynthesizedStack, echo: (text: string) => void) => Promise<T>,
): Promise<T[]> {
  const results = await inParallel(
    stacks,
    parallel,
    async (stack) => {
      io.progress?.(`started: ${what(stack)}\n`);
      let output = `${what(stack)}\n`;
      const result = await work(stack, (text) => (output += text));
      return { result, output };
    },
    ({ output }) => io.err(output),
  );
  return results.map(({ result }) => result);
}
