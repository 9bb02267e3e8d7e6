/** Options the stack commands (plan, apply, drift) share. */
import { Option, type Command } from "commander";
import { parseLockTimeout } from "../ops/terraform";
import { collect, parsedBy, wholeNumber } from "./program";

export const DEFAULT_PARALLEL_STACKS = 4;

export interface StackOptions {
  readonly stack: string[];
  readonly outDir?: string;
}

export function addStackOptions(program: Command): Command {
  return program
    .option("--stack <id>", "only this stack (repeat for more; default: every synthesized stack)", collect, [])
    .option("--out-dir <directory>", "cdktf output folder (default: $CDKTF_OUTDIR, the selected twin's, else cdktf.out)");
}

export function parallelOption(): Option {
  return new Option("--parallel <n>", "stacks run at once").argParser(wholeNumber(1)).default(DEFAULT_PARALLEL_STACKS);
}

export function lockTimeoutOption(description: string): Option {
  return new Option("--lock-timeout <duration>", description).argParser(parsedBy(parseLockTimeout));
}
