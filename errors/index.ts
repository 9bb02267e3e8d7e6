/**
 * The errors a user can cause, and the one map from an error to a command's exit status. A user's
 * mistake (arguments, configuration, an input file) is printed as its message alone, never with a
 * stack trace; anything else is a failure of the command itself.
 */

/** Exit statuses of every command (docs/operations.md "Exit codes"); CI branches on them. */
export const ExitCode = {
  /** Done; nothing needs attention. */
  OK: 0,
  /** A step failed (terraform, a stack that could not be planned, an unexpected error): the outcome is unknown. */
  FAILURE: 1,
  /** The command was used wrongly: an unknown option, an invalid configuration, an unreadable or invalid input file. */
  USAGE: 2,
  /** Done, with findings that need a person: risky changes in a plan, drift in an org. */
  FINDINGS: 3,
  /** Plan with --reviewed: the risk findings differ from the ones reviewed on the pull request; review again. */
  REVIEW_AGAIN: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake of the user's: the message says what to fix. */
export class UserError extends Error {
  override name = "UserError";
}

/** Wrong command-line usage; the message names the option or argument. */
export class UsageError extends UserError {
  override name = "UsageError";
}

/** A file the user gave (or that a previous step should have written) cannot be used; the message names it. */
export class InputError extends UserError {
  override name = "InputError";
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * A step outside this code failed (terraform, the file system, a stale saved plan): not a bug, so
 * printed as its message alone; the outcome is unknown (exit 1).
 */
export class StepFailure extends Error {
  override name = "StepFailure";
}

/** The one map from an error to a command's exit status. */
export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof UserError ? ExitCode.USAGE : ExitCode.FAILURE;
}

/** What a command prints for an error: a user's mistake or a failed step as its message, anything else with its stack (a bug). */
export function describeError(error: unknown): string {
  if (error instanceof UserError || error instanceof StepFailure) return error.message;
  if (error instanceof Error) return `unexpected error: ${error.stack ?? error.message}`;
  return `unexpected error: ${String(error)}`;
}
