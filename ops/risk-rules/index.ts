import type { ResourceChange } from "../plan-json";
import { accessChanged } from "./access-changed";
import { dataActionReplaced } from "./data-action-replaced";
import { flowRenamed } from "./flow-renamed";
import { resourceDestroyed } from "./resource-destroyed";
import type { RiskFinding, RiskRule } from "./rule";
import { runtimeTableReplaced } from "./runtime-table-replaced";
import { triggerReplaced } from "./trigger-replaced";

export type { RiskFinding, RiskRule } from "./rule";

/** Every rule, most specific first (the report lists them in this order). */
export const RISK_RULES: readonly RiskRule[] = [
  runtimeTableReplaced,
  dataActionReplaced,
  flowRenamed,
  triggerReplaced,
  accessChanged,
  resourceDestroyed,
];

export function findRisks(changes: readonly ResourceChange[], rules: readonly RiskRule[] = RISK_RULES): RiskFinding[] {
  return rules.flatMap((rule) => rule.check(changes));
}
