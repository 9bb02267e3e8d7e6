import type { JsonSchema } from "./spec";

/** What the specifications take from the environment. */
export interface DataActionSpecOptions {
  /** Execution timeout of every action, in seconds (1–60). @default 15 */
  readonly timeoutSeconds: number;
  /** Query parameters of the re-submit call (POST .../contacts). */
  readonly resubmit: {
    /** Put the re-submitted contact at the front of the dialing queue. @default true */
    readonly priority: boolean;
    /** Clear the contact's system data (attempt counts, callable flags). @default false */
    readonly clearSystemData: boolean;
  };
}

/** The defaults of DataActionSpecOptions (the configuration applies them). */
export const DATA_ACTION_DEFAULTS = {
  timeoutSeconds: 15,
  resubmit: { priority: true, clearSystemData: false },
} as const satisfies DataActionSpecOptions;

export const JSON_SCHEMA_DRAFT_04 = "http://json-schema.org/draft-04/schema#" as const;

/** Request header of every action that sends a JSON body. */
export const JSON_BODY_HEADERS = { "Content-Type": "application/json" } as const;

/** A Genesys object id in an input: letters, digits and dashes only (no `/`, `.`, `..`, `%`). */
export const ID_PATTERN = "^[A-Za-z0-9-]+$";
/** An input holding a Genesys object id: required, never empty, letters, digits and dashes only. */
export function idInputSchema(description: string): JsonSchema {
  return { type: "string", minLength: 1, pattern: ID_PATTERN, description };
}

/** The same, or empty. */
export const OPTIONAL_ID_PATTERN = "^[A-Za-z0-9-]*$";

const JSON_WHITESPACE = String.raw`[ \t\n\r]*`;
const JSON_STRING = String.raw`"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4}))*"`;
const JSON_PRIMITIVE = String.raw`(?:${JSON_STRING}|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)`;
const JSON_MEMBER = `${JSON_WHITESPACE}${JSON_STRING}${JSON_WHITESPACE}:${JSON_WHITESPACE}${JSON_PRIMITIVE}${JSON_WHITESPACE}`;
/**
 * JSON text of one flat object (string keys, primitive values): a contact's data map. Nothing else
 * matches — not "null", not an array, not two objects, not an object followed by `}, {` — so the text
 * can go verbatim into a JSON body without adding anything to it. Both Java's and JavaScript's regex
 * engines read it the same way (character classes, groups, \u escapes only).
 */
export const FLAT_JSON_OBJECT_PATTERN = `^\\{(?:${JSON_MEMBER}(?:,${JSON_MEMBER})*|${JSON_WHITESPACE})\\}$`;
