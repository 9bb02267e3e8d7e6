/**
 * `{{key}}` placeholders of the workflow YAML. The flow resource fills them with Terraform values
 * (constructs/workflows.ts), so names and ids come from the constructs that create the objects.
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

/** What the two workflows' shared placeholders stand for (Terraform references when deployed, literals in a replay). */
export interface WorkflowObjectNames {
  readonly divisionName: string;
  readonly dataActionCategory: string;
  readonly dataActionNames: Readonly<Record<DataActionKey, string>>;
  readonly retriesTableName: string;
  readonly policyTableName: string;
}

/** The substitutions both workflows share; each flow adds its own name under SUBSTITUTION_KEYS.flowName. */
export function sharedSubstitutions(names: WorkflowObjectNames): Record<string, string> {
  return {
    [SUBSTITUTION_KEYS.division]: names.divisionName,
    [SUBSTITUTION_KEYS.dataActionCategory]: names.dataActionCategory,
    [SUBSTITUTION_KEYS.retriesTableName]: names.retriesTableName,
    [SUBSTITUTION_KEYS.policyTableName]: names.policyTableName,
    ...Object.fromEntries(
      (Object.keys(names.dataActionNames) as DataActionKey[]).map((key) => [dataActionNameKey(key), names.dataActionNames[key]]),
    ),
  };
}
