/**
 * What every command shares: commander programs that answer --help, name an unknown option in one
 * line, and map every error to its exit status through errors/ (ExitCode, exitCodeOf).
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { describeError, ExitCode, exitCodeOf } from "../errors";

/** Where a command writes and what environment it reads; tests pass their own. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  readonly env: NodeJS.ProcessEnv;
  /** Progress for a person at a terminal (stderr a TTY, CI unset); absent: print no progress. */
  readonly progress?: (text: string) => void;
}

function processIo(env: NodeJS.ProcessEnv = process.env): CommandIo {
  const atTerminal = process.stderr.isTTY === true && !env.CI;
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env,
    progress: atTerminal ? (text) => process.stderr.write(text) : undefined,
  };
}

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
 * Parses argv with the program (running a subcommand's action, if any) and then `action`. --help
 * exits 0; a usage error (unknown option, missing argument, invalid value) is one line naming the
 * option, exit 2; any error the action throws is printed per describeError with its exitCodeOf.
 */
export async function runProgram(
  program: Command,
  argv: readonly string[],
  io: CommandIo,
  action: (parsed: Command) => Promise<number> | number = () => ExitCode.OK,
): Promise<number> {
  try {
    rejectUnknownOptionFirst(program, argv);
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) return failed(error, io);
    // --help: exit 0; the help shown for a missing subcommand (on stderr): a usage error.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help")
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    // A suggestion ("Did you mean --x?") comes on a line of its own: keep the error on one line.
    const message = error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ");
    io.err(`error: ${message} (see ${program.name()} --help)\n`);
    return ExitCode.USAGE;
  }
  try {
    return await action(program);
  } catch (error) {
    return failed(error, io);
  }
}

/**
 * commander reports a missing mandatory option before an unknown one, and a bare unknown option of a
 * program with subcommands as its whole help: an unknown option is named first, in one line.
 */
function rejectUnknownOptionFirst(program: Command, argv: readonly string[]): void {
  if (argv.some((arg) => arg === "--help" || arg === "-h")) return;
  // parseOptions sets option values; the parse after it starts again from the saved defaults.
  program.saveStateBeforeParse();
  const { operands, unknown } = program.parseOptions([...argv]);
  if (unknown.length === 0 || (program.commands.length > 0 && operands.length > 0)) return;
  // commander's own message (with its "Did you mean" suggestion); untyped, so the plain message is the fallback.
  const withSuggestion = (program as unknown as { unknownOption?: (flag: string) => never }).unknownOption;
  if (withSuggestion) withSuggestion.call(program, unknown[0]);
  program.error(`error: unknown option '${unknown[0]}'`, { code: "commander.unknownOption", exitCode: 1 });
}

function failed(error: unknown, io: CommandIo): number {
  io.err(`${describeError(error)}\n`);
  return exitCodeOf(error);
}

/** Runs a command from its entry file: exit status per errors/, and the error printed per describeError. */
export function main(run: (argv: readonly string[], io: CommandIo) => Promise<number> | number): void {
  const io = processIo();
  Promise.resolve()
    .then(() => run(process.argv.slice(2), io))
    .then(
      (exitCode) => {
        process.exitCode = exitCode;
      },
      (error: unknown) => {
        process.exitCode = failed(error, io);
      },
    );
}

/** commander parser of a whole number ≥ minimum; commander names the option in its error. */
export function wholeNumber(minimum = 0): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < minimum) throw new InvalidArgumentError(`expected a whole number ≥ ${minimum}`);
    return Number(value);
  };
}

/** commander parser of a finite number in [minimum, maximum]. */
export function numberBetween(minimum: number, maximum = Number.POSITIVE_INFINITY): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number) || number < minimum || number > maximum)
      throw new InvalidArgumentError(`expected a number from ${minimum}${Number.isFinite(maximum) ? ` to ${maximum}` : " up"}`);
    return number;
  };
}

/** commander parser from a function that throws on a bad value: its message becomes the option's error. */
export function parsedBy<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

/** Collects a repeatable option's values (`--stack a --stack b`). */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/**
 * Runs `work` on every item with at most `limit` at once, and hands each result to `inOrder` in the
 * items' order as soon as it and all before it are done (output stays in order while work overlaps).
 */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  inOrder: (result: R, index: number) => void = () => {},
): Promise<R[]> {
  const settled = items.map(() => {
    let resolve!: (result: R) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<R>((resolveWith, rejectWith) => ((resolve = resolveWith), (reject = rejectWith)));
    return { promise, resolve, reject };
  });
  // A later item's failure surfaces when its turn comes, not as an unhandled rejection before.
  for (const { promise } of settled) promise.catch(() => undefined);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        settled[index].resolve(await work(items[index], index));
      } catch (error) {
        settled[index].reject(error);
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  const results: R[] = [];
  for (const [index, { promise }] of settled.entries()) {
    results.push(await promise);
    inOrder(results[index], index);
  }
  await Promise.all(workers);
  return results;
}
