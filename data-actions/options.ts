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
