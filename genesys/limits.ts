/** Genesys Cloud platform limits the configuration is checked against (each with its public source). */
export const PLATFORM_LIMITS = {
  /** A Wait action in a workflow ends after 72 hours (help "Wait action"). */
  workflowWaitMaxSeconds: 72 * 60 * 60,
  /** Data table reference key: at most 256 characters (help "Work with data tables"). */
  dataTableKeyMaxLength: 256,
  dataTableMaxRows: 5_000,
  /** Process Automation trigger `delay_by_seconds` range (provider schema, trigger API). */
  triggerDelayMinSeconds: 60,
  triggerDelayMaxSeconds: 900,
  /** Org limits quoted by Genesys (subject to change; check the org's Limits page). */
  triggerInvocationsPerMinute: 6_000,
  dataActionExecutionsPerMinute: 2_500,
  /** Data action `config_timeout_seconds` range. */
  dataActionTimeoutMinSeconds: 1,
  dataActionTimeoutMaxSeconds: 60,
} as const;
