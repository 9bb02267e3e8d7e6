/**
 * npm run replay -- --env <name> --events <file.jsonl> [--org <state.json>]
 *
 * Prints the timeline of what the environment's triggers and workflows would do with the events.
 * Exit codes: 0 every run took a designed path; 1 an unexpected failure (interpreter or flow error,
 * a data action whose request or response breaks its contract); 2 invalid arguments, configuration
 * or input files.
 */
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadEnvironments } from "../config/load";
import { ConfigError } from "../config/validate";
import { ReplayInputError, readReplayEntries } from "./events";
import type { OrgSnapshot } from "./org";
import { ReplayEntryError, replay } from "./replay";
import { formatTimeline } from "./timeline";

export const USAGE = "usage: npm run replay -- --env <name> --events <file.jsonl> [--org <state.json>]";

export class UsageError extends Error {}

const cell = z.union([z.string(), z.number(), z.boolean()]);
const snapshotSchema = z
  .object({
    tables: z.record(z.string(), z.record(z.string(), z.record(z.string(), cell))).optional(),
    contactLists: z
      .record(
        z.string(),
        z.array(z.looseObject({ id: z.string().min(1), contactListId: z.string().min(1), data: z.record(z.string(), z.string()) })),
      )
      .optional(),
  })
  .strict();

/** Reads an org snapshot (the --org file): tables by name → rows by key; contact lists by id → contacts. */
export function readOrgSnapshot(file: string): OrgSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  const result = snapshotSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  for (const [listId, contacts] of Object.entries(result.data.contactLists ?? {})) {
    for (const contact of contacts) {
      if (contact.contactListId !== listId)
        throw new UsageError(`${file}: contact ${contact.id} is in list ${listId} but says ${contact.contactListId}`);
    }
  }
  return result.data as OrgSnapshot;
}

/** The file itself, or a UsageError naming it: the fs error of a missing file or a directory does not say which file. */
function assertReadableFile(file: string, option: string): string {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!stats.isFile()) throw new UsageError(`${option} ${file}: is a directory, expected a file`);
  return file;
}

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export function runReplayCli(argv: readonly string[], env: NodeJS.ProcessEnv, output: CliOutput): number {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { env: { type: "string" }, events: { type: "string" }, org: { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    if (!values.env || !values.events) throw new UsageError(USAGE);
    const environment = loadEnvironments(env).find((candidate) => candidate.name === values.env);
    if (!environment) throw new UsageError(`no environment named "${values.env}" in the configuration`);
    const entries = readReplayEntries(assertReadableFile(values.events, "--events"));
    const snapshot = values.org ? readOrgSnapshot(assertReadableFile(values.org, "--org")) : undefined;
    const result = replay({ environment, entries, snapshot });
    output.out(formatTimeline(result));
    return result.unexpected.length === 0 ? 0 : 1;
  } catch (error) {
    const invalidInput =
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof ReplayInputError ||
      error instanceof ReplayEntryError ||
      (error as NodeJS.ErrnoException).code === "ENOENT" ||
      (error as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION";
    if (invalidInput) {
      output.err(`${(error as Error).message}\n`);
      return 2;
    }
    output.err(`replay failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = runReplayCli(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
