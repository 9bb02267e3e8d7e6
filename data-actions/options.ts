import type { DataActionsConfig } from "../config/schema";

/** What the specifications take from the environment (config/schema.ts `dataActions`). */
export type DataActionSpecOptions = Pick<DataActionsConfig, "timeoutSeconds" | "resubmit">;

export const JSON_SCHEMA_DRAFT_04 = "http://json-schema.org/draft-04/schema#" as const;

/** Request header of every action that sends a JSON body. */
export const JSON_BODY_HEADERS = { "Content-Type": "application/json" } as const;
