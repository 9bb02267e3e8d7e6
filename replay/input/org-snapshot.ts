/** The replay's --org file: the org's rows and contacts before the first entry. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { OrgSnapshot } from "../platform/org";
import { ReplayInputError } from "./events";

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
    throw new ReplayInputError(file, undefined, (error as Error).message);
  }
  const result = snapshotSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ReplayInputError(file, undefined, `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  for (const [listId, contacts] of Object.entries(result.data.contactLists ?? {})) {
    for (const contact of contacts) {
      if (contact.contactListId !== listId)
        throw new ReplayInputError(file, undefined, `contact ${contact.id} is in list ${listId} but says ${contact.contactListId}`);
    }
  }
  return result.data as OrgSnapshot;
}
