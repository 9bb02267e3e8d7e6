/** Exit statuses of the ops commands; CI branches on them (documented in docs/operations.md). */
export const ExitCode = {
  /** Plan report / plan / apply: done, nothing risky. Drift: no drift. */
  OK: 0,
  /** Bad input (unreadable or invalid plan JSON) or a Terraform command failed. */
  FAILURE: 1,
  /** Wrong command-line usage (plan-report, plan, apply); drift detected (drift). */
  USAGE_OR_DRIFT: 2,
  /** Plan report / plan: the plan contains risky changes. */
  RISKY: 3,
  /** Plan with --reviewed: the risk findings differ from the ones reviewed on the pull request; review again. */
  REVIEW_AGAIN: 4,
} as const;
