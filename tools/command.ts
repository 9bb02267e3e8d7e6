/**
 * What the tools' commands share: where they write, and commander set up the way every command of
 * this package answers (`--help` exit 0, a wrong option or argument one line naming it, exit 2).
 */
import { CommanderError, type Command } from "commander";
import { ExitCode } from "../ops/exit-codes";

/** Where a command writes and what environment it reads; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), env: process.env };
}

/**
 * Parses argv (the arguments after the command name) with the program. Returns the exit code when
 * the command is done already (help shown: 0; usage error: 2), undefined to go on.
 */
export function parseCommandLine(program: Command, argv: readonly string[], io: CliIo): number | undefined {
  program.exitOverride().configureOutput({ writeOut: (text) => io.out(text), writeErr: () => undefined, outputError: () => undefined });
  try {
    program.parse([...argv], { from: "user" });
    return undefined;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === "commander.helpDisplayed" || error.code === "commander.help") return ExitCode.OK;
    io.err(`${program.name()}: ${error.message.replace(/^error: /, "")} (see --help)\n`);
    return ExitCode.USAGE_OR_DRIFT;
  }
}
