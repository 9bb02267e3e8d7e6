import { parseArgs, type ParseArgsConfig } from "node:util";

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
