/**
 * The two data tables of the design, as typed data: the one place their columns are named.
 * Constructs create them from here; workflows and data actions reference the same columns.
 */

export type ColumnType = "string" | "integer" | "number" | "boolean";

export interface DataTableColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly title: string;
  /** Value the platform stores when a write leaves the column out (the provider's `default`, as a string). */
  readonly default: string;
}

export interface DataTableDefinition {
  /** Name in the org before the environment's prefix is added. */
  readonly baseName: string;
  readonly description: string;
  /** Display title of the string `key` column. */
  readonly keyTitle: string;
  readonly columns: readonly DataTableColumn[];
}

/** Runtime state written by the workflows, one row per tracked preview. Never managed row by row in Terraform. */
export const RETRIES_TABLE = {
  baseName: "preview_contact_retries",
  description:
    "Runtime state of preview retries, written by the preview-retries workflows. Key: correlation key (E.164 phone number or conversation id), or contact:<listId>:<contactId> for an attempt count carried between conversations. Managed by Terraform; rows are not.",
  keyTitle: "correlationKey",
  columns: [
    { name: "contactId", type: "string", title: "contactId", default: "" },
    { name: "contactListId", type: "string", title: "contactListId", default: "" },
    { name: "conversationId", type: "string", title: "conversationId", default: "" },
    { name: "attempts", type: "integer", title: "attempts", default: "0" },
    { name: "updatedAt", type: "string", title: "updatedAt", default: "" },
  ],
} as const satisfies DataTableDefinition;

/** Which wrap-up codes are retried, after how long, how often. Rows come from the environment config. */
export const POLICY_TABLE = {
  baseName: "preview_retries_wrap_policy",
  description: "Wrap-up codes whose preview contacts are retried: wait time in seconds and attempt cap. Rows managed by Terraform.",
  keyTitle: "pkWrapupString",
  columns: [
    { name: "waitTime", type: "integer", title: "waitTime", default: "0" },
    { name: "maxAttempts", type: "integer", title: "maxAttempts", default: "1" },
  ],
} as const satisfies DataTableDefinition;

/** What identifies a tracked preview in the retries table: the conversation id, or the E.164 phone number (the seed design). */
export const CORRELATION_KEYS = ["conversationId", "phoneNumber"] as const;
export type CorrelationKey = (typeof CORRELATION_KEYS)[number];

export type RetriesColumn = (typeof RETRIES_TABLE.columns)[number]["name"];
