import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { InputError } from "../../errors";

/**
 * The replay's input: a JSON Lines file, one entry per line, in time order.
 *
 * - a notification as Genesys delivers it: `{"topicName": "v2.detail.events.conversation.<id>.user.end", "eventBody": {...}}`;
 *   its time is `eventBody.eventTime` (epoch ms);
 * - a disposition the dialer records on a contact (what the agent's wrap-up does to the contact's call record):
 *   `{"disposition": {"at": <epoch ms or ISO>, "contactListId", "contactId", "wrapupCode", "phoneColumn"?}}`;
 * - a fault to inject into the next calls of one data action:
 *   `{"fault": {"action": "<data action id>", "outcome": "failure" | "timeout", "times"?: 1}}`.
 */

const time = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .datetime({ offset: true })
    .transform((iso) => Date.parse(iso)),
]);

const notificationLine = z
  .object({
    topicName: z
      .string()
      .regex(/^v2\.[A-Za-z0-9.{}_-]+$/, "must be a notification topic such as v2.detail.events.conversation.<id>.user.end"),
    eventBody: z.looseObject({ eventTime: z.number({ error: "eventBody.eventTime (epoch milliseconds) is required" }).int() }),
  })
  .strict();

const dispositionLine = z
  .object({
    disposition: z
      .object({
        at: time,
        contactListId: z.string().min(1),
        contactId: z.string().min(1),
        wrapupCode: z.string().min(1),
        phoneColumn: z.string().min(1).optional(),
      })
      .strict(),
  })
  .strict();

const faultLine = z
  .object({
    fault: z
      .object({
        action: z.string().min(1),
        outcome: z.enum(["failure", "timeout"]),
        times: z.number().int().positive().default(1),
      })
      .strict(),
  })
  .strict();

export type Notification = {
  readonly kind: "notification";
  readonly at: number;
  readonly topicName: string;
  readonly eventBody: Record<string, unknown>;
};
export type Disposition = { readonly kind: "disposition"; readonly at: number } & Omit<
  z.output<typeof dispositionLine>["disposition"],
  "at"
>;
export type FaultInjection = { readonly kind: "fault" } & z.output<typeof faultLine>["fault"];
export type ReplayEntry = Notification | Disposition | FaultInjection;

/** An input file (events, org snapshot) is invalid: the message names the file, the line when known, and the reason. */
export class ReplayInputError extends InputError {
  override name = "ReplayInputError";
  constructor(file: string, line: number | undefined, reason: string) {
    super(`${file}${line === undefined ? "" : `:${line}`}`, reason);
  }
}

/** One line of the input: its entry, or undefined for a blank or `//` comment line. */
export function parseReplayLine(raw: string, file: string, lineNumber: number): ReplayEntry | undefined {
  const line = raw.trim();
  if (line === "" || line.startsWith("//")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new ReplayInputError(file, lineNumber, `not JSON (${(error as Error).message})`);
  }
  return parseEntry(value, file, lineNumber);
}

export function parseReplayEntries(text: string, file = "<events>"): ReplayEntry[] {
  const entries: ReplayEntry[] = [];
  text.split("\n").forEach((raw, index) => {
    const entry = parseReplayLine(raw, file, index + 1);
    if (entry) entries.push(entry);
  });
  return entries;
}

export function readReplayEntries(file: string): ReplayEntry[] {
  return parseReplayEntries(readFileSync(file, "utf8"), file);
}

/** An entry and the line it is on. */
export interface NumberedEntry {
  readonly entry: ReplayEntry;
  readonly line: number;
}

/** The entries of a file, read line by line (the file is never held in memory). */
export async function* streamReplayEntries(file: string): AsyncGenerator<NumberedEntry> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const entry = parseReplayLine(raw, file, lineNumber);
      if (entry) yield { entry, line: lineNumber };
    }
  } finally {
    lines.close();
  }
}

function parseEntry(value: unknown, file: string, line: number): ReplayEntry {
  const fail = (error: z.ZodError): never => {
    const issue = error.issues[0];
    throw new ReplayInputError(file, line, `${issue.path.join(".") || "entry"}: ${issue.message}`);
  };
  const has = (key: string) => typeof value === "object" && value !== null && key in value;
  if (has("topicName")) {
    const result = notificationLine.safeParse(value);
    if (!result.success) return fail(result.error);
    return {
      kind: "notification",
      at: result.data.eventBody.eventTime,
      topicName: result.data.topicName,
      eventBody: result.data.eventBody,
    };
  }
  if (has("disposition")) {
    const result = dispositionLine.safeParse(value);
    if (!result.success) return fail(result.error);
    return { kind: "disposition", ...result.data.disposition };
  }
  if (has("fault")) {
    const result = faultLine.safeParse(value);
    if (!result.success) return fail(result.error);
    return { kind: "fault", ...result.data.fault };
  }
  throw new ReplayInputError(file, line, "expected a notification {topicName, eventBody}, a {disposition} or a {fault}");
}
