/**
 * The org twin: every object the stand-in provider manages, in one JSON file `<twin dir>/org.json`
 * that tests and people edit (see docs/twin.md for the format). Objects are stored in the form the
 * Genesys API holds them (parsed JSON where the provider sends JSON, the flow YAML after
 * substitution), not in Terraform's state form; the read-back form is computed by twin/resources.ts.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { UserError } from "../errors";

/** Environment variable with extra faults (a JSON array of Fault), added to those in org.json. */
export const FAULTS_VARIABLE = "PREVIEW_RETRIES_TWIN_FAULTS";

export type OrgObject = Record<string, unknown>;

const faultSchema = z.object({
  /** Resource type, e.g. genesyscloud_processautomation_trigger. */
  type: z.string(),
  /** The object's id, or its name (for create, where no id exists yet). At least one. */
  id: z.string().optional(),
  name: z.string().optional(),
  operation: z.enum(["create", "update", "read", "delete"]),
  /** fail: the API answers an error; timeout: no answer until the provider gives up after delayMs. */
  effect: z.enum(["fail", "timeout"]),
  delayMs: z.number().int().nonnegative().optional(),
  message: z.string().optional(),
});
export type Fault = z.infer<typeof faultSchema>;

const orgSchema = z.object({
  "//": z.string().optional(),
  objects: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
  faults: z.array(faultSchema).default([]),
});
export type OrgDocument = z.infer<typeof orgSchema>;

const ORG_COMMENT =
  "Org twin of the stand-in Genesys provider. objects: <resource type> -> <id> -> object as the API holds it. Edit freely (see docs/twin.md).";

/** The home division every new twin has (the auth_division_home data source reads it). */
export const HOME_DIVISION_ID = "00000000-0000-4000-8000-000000000001";

export function emptyOrg(): OrgDocument {
  return {
    "//": ORG_COMMENT,
    objects: { genesyscloud_auth_division: { [HOME_DIVISION_ID]: { name: "Home", description: "Home division", homeDivision: true } } },
    faults: [],
  };
}

/** org.json is not what the twin expects: the one-line reason names the file and the field. */
export class OrgFileError extends UserError {
  override name = "OrgFileError";
}

export function readOrg(file: string): OrgDocument {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new OrgFileError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OrgFileError(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = orgSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OrgFileError(`${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

/** Writes the whole file atomically (a reader never sees half of it). */
export function writeOrg(file: string, org: OrgDocument): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(org, null, 2) + "\n");
  renameSync(temporary, file);
}

const LOCK_STALE_MS = 30_000;

/**
 * Read-modify-write of org.json under a lock file: several provider processes (parallel stacks)
 * share one twin.
 */
export function updateOrg<T>(file: string, change: (org: OrgDocument) => T): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) unlinkSync(lock);
      if (Date.now() > deadline) throw new Error(`${lock}: held for more than ${LOCK_STALE_MS / 1000} s`, { cause: error });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15);
    }
  }
  try {
    const org = readOrg(file);
    const result = change(org);
    writeOrg(file, org);
    return result;
  } finally {
    unlinkSync(lock);
  }
}

export function objectsOf(org: OrgDocument, type: string): Record<string, OrgObject> {
  return (org.objects[type] ??= {});
}

export function newObjectId(): string {
  return randomUUID();
}

/** Faults from org.json plus those in $PREVIEW_RETRIES_TWIN_FAULTS. */
export function faultsOf(org: OrgDocument, env: NodeJS.ProcessEnv = process.env): Fault[] {
  const text = env[FAULTS_VARIABLE];
  if (!text) return org.faults;
  const parsed = z.array(faultSchema).safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new OrgFileError(`$${FAULTS_VARIABLE}: ${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
  return [...org.faults, ...parsed.data];
}

export function matchingFault(
  faults: readonly Fault[],
  type: string,
  operation: Fault["operation"],
  target: { id?: string; name?: unknown },
): Fault | undefined {
  return faults.find(
    (fault) =>
      fault.type === type &&
      fault.operation === operation &&
      ((fault.id !== undefined && fault.id === target.id) || (fault.name !== undefined && fault.name === target.name)),
  );
}
