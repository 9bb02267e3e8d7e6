import { parseArgs, type ParseArgsConfig } from "node:util";
import { defaultOutDir, selectStacks, synthesizedStacks, type SynthesizedStack } from "../stacks";

/** Wrong command-line usage; the message includes the command's usage line. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** node:util parseArgs with its errors turned into UsageError. */
export function parseArguments<T extends ParseArgsConfig>(config: T, usage: string) {
  try {
    return parseArgs({ ...config, args: config.args ?? process.argv.slice(2) });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: ${usage}`);
  }
}

/** `[--stack <id>]... [--out-dir cdktf.out] [--report <file.md>]`: the synthesized stacks a command works on. */
export function parseStackArguments(usage: string): {
  readonly outDir: string;
  readonly stacks: SynthesizedStack[];
  readonly report?: string;
} {
  const { values } = parseArguments(
    { options: { stack: { type: "string", multiple: true }, "out-dir": { type: "string" }, report: { type: "string" } } },
    usage,
  );
  const outDir = values["out-dir"] ?? defaultOutDir();
  return { outDir, stacks: selectStacks(synthesizedStacks(outDir), values.stack ?? []), report: values.report };
}
