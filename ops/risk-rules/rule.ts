import type { ResourceChange } from "../plan-json";

/** One risky change found by a rule, in words a reviewer can act on. */
export interface RiskFinding {
  readonly ruleId: string;
  readonly address: string;
  readonly message: string;
}

/** A pure check over a stack's resource changes (like a cdk-nag rule). */
export interface RiskRule {
  /** Stable kebab-case id, also the rule's file name. */
  readonly id: string;
  /** Heading of the rule's findings in the report. */
  readonly title: string;
  check(changes: readonly ResourceChange[]): RiskFinding[];
}

export function finding(rule: Pick<RiskRule, "id">, change: ResourceChange, message: string): RiskFinding {
  return { ruleId: rule.id, address: change.address, message };
}
