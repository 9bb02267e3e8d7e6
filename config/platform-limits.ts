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

/**
 * Genesys Cloud regions as the provider's `aws_region` accepts them (the provider's region map,
 * MyPureCloud/terraform-provider-genesyscloud v1.84.1).
 */
export const GENESYS_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-central-1",
  "eu-central-2",
  "ap-south-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "me-central-1",
] as const;

export type GenesysRegion = (typeof GENESYS_REGIONS)[number];
