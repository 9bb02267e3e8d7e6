/**
 * Every name and identity of what preview retries puts in an org or a Terraform stack, derived from
 * the environment's name and `namePrefix`. Nothing else spells these strings: the deployment
 * description, the constructs, the replay and the ops reports all read them from here.
 */
import { DATA_ACTION_KEYS, dataActionSpecs, type DataActionKey } from "../data-actions";
import { DATA_ACTION_DEFAULTS } from "../data-actions/options";
import { POLICY_TABLE, RETRIES_TABLE } from "../tables/definitions";
import { SUBSTITUTION_KEYS, dataActionNameKey } from "../workflows/substitutions";

/** The two workflows, and the trigger that starts each of them. */
export const WORKFLOW_KEYS = ["accepted", "ended"] as const;
export type WorkflowKey = (typeof WORKFLOW_KEYS)[number];

/** Stack ids start with this; the environment name follows. */
const STACK_ID_PREFIX = "preview-retries-";

/** Stack id of an environment: also its Terraform working directory (cdktf.out/stacks/<id>) and part of its state key. */
export function stackIdFor(environmentName: string): string {
  return `${STACK_ID_PREFIX}${environmentName}`;
}

/** Name in the org of each workflow; the trigger that starts a workflow carries the same name. */
const WORKFLOW_BASE_NAMES: Readonly<Record<WorkflowKey, string>> = {
  accepted: "Preview Retries - Preview Accepted",
  ended: "Preview Retries - Preview Ended",
};

const DATA_ACTIONS_INTEGRATION_BASE_NAME = "Preview Retries Data Actions";

/** The names of one environment's objects in its org. */
export interface OrgNames {
  readonly retriesTable: string;
  readonly policyTable: string;
  /** The Data Actions integration, its role and OAuth client, and the actions' category when the integration is created. */
  readonly dataActionsIntegration: string;
  /** The OAuth client's integration credential. */
  readonly integrationCredential: string;
  readonly dataActions: Readonly<Record<DataActionKey, string>>;
  readonly workflows: Readonly<Record<WorkflowKey, string>>;
  readonly triggers: Readonly<Record<WorkflowKey, string>>;
}

const BASE_NAMES_OF_ACTIONS = dataActionSpecs(DATA_ACTION_DEFAULTS);

export function orgNames(namePrefix: string): OrgNames {
  const prefixed = (name: string) => `${namePrefix}${name}`;
  const workflows = { accepted: prefixed(WORKFLOW_BASE_NAMES.accepted), ended: prefixed(WORKFLOW_BASE_NAMES.ended) };
  const dataActionsIntegration = prefixed(DATA_ACTIONS_INTEGRATION_BASE_NAME);
  return {
    retriesTable: prefixed(RETRIES_TABLE.baseName),
    policyTable: prefixed(POLICY_TABLE.baseName),
    dataActionsIntegration,
    integrationCredential: `${dataActionsIntegration} Credential`,
    dataActions: Object.fromEntries(DATA_ACTION_KEYS.map((key) => [key, prefixed(BASE_NAMES_OF_ACTIONS[key].baseName)])) as Record<
      DataActionKey,
      string
    >,
    workflows,
    triggers: workflows,
  };
}

/** Whether a data table name is the runtime retries table's, whatever the environment's prefix. */
export function isRetriesTableName(name: string): boolean {
  return name.endsWith(RETRIES_TABLE.baseName);
}

/** The flow substitution that carries a workflow's name into its YAML (Archy names the flow from it). */
export const FLOW_NAME_SUBSTITUTION = SUBSTITUTION_KEYS.flowName;

/** Terraform output names of a stack: ids a team needs after apply (scripts, the Genesys UI). */
export const OUTPUT_NAMES = {
  dataActionsIntegrationId: "data_actions_integration_id",
  retriesTableId: "retries_table_id",
  policyTableId: "wrap_policy_table_id",
  dataActionId: (key: DataActionKey) => `${dataActionNameKey(key)}_id`,
  workflowId: (key: WorkflowKey) => `workflow_${key}_id`,
  triggerId: (key: WorkflowKey) => `trigger_${key}_id`,
} as const;
