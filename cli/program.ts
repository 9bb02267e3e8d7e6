/**
 * What every command shares: commander programs that answer --help, name an unknown option in one
 * line, and map every error to its exit status through errors/ (ExitCode, exitCodeOf).
 */
import { Command, CommanderError } from "commander";
import { describeError, ExitCode, exitCodeOf, UsageError } from "../errors";

/** Where a command writes; tests pass their own. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** A commander program named `npm run <name>`, writing to io, throwing instead of exiting. */
export function command(name: string, description: string, io: CommandIo): Command {
  return new Command(`npm run ${name} --`)
    .description(description)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text), outputError: () => {} })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);
}

/**
 * Parses argv with the program and runs `action` with its result. --help and --version exit 0;
 * usage errors (unknown option, missing argument, invalid value) are one line and exit 2.
 */
export async function runProgram<T>(
  program: Command,
  argv: readonly string[],
  io: CommandIo,
  action: (parsed: Command) => Promise<T> | T,
): Promise<T | ExitCode> {
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help")
        return ExitCode.OK;
      io.err(`${error.message.replace(/^error: /, "")}\n`);
      return ExitCode.USAGE;
    }
    throw error;
  }
  return action(program);
}

/** Runs a command from its entry file: exit status per errors/, and the error printed per describeError. */
export function main(run: (argv: readonly string[], io: CommandIo) => Promise<number> | number): void {
  Promise.resolve()
    .then(() => run(process.argv.slice(2), processIo))
    .then(
      (exitCode) => {
        process.exitCode = exitCode;
      },
      (error: unknown) => {
        processIo.err(`${describeError(error)}\n`);
        process.exitCode = exitCodeOf(error);
      },
    );
}

/** A usage error from an option's value, naming the option. */
export function invalidOption(option: string, reason: string): UsageError {
  return new UsageError(`option '${option}': ${reason}`);
}
