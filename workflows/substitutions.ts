/**
 * `{{key}}` placeholders of the workflow YAML. The deployment description says what each stands for
 * (deployment/plan.ts); the flow resource fills them with Terraform values, the replay with its own.
 */
import type { DataActionKey } from "../data-actions";

export const SUBSTITUTION_KEYS = {
  flowName: "flow_name",
  division: "division_name",
  /** Category of the data actions = the Data Actions integration's name. */
  dataActionCategory: "data_action_category",
  retriesTableName: "retries_table_name",
  policyTableName: "policy_table_name",
} as const;

/** Substitution key of a data action's name. */
export function dataActionNameKey(action: DataActionKey): string {
  return `data_action_${action.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;
}
