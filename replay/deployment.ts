/**
 * What an environment deploys, as the replay runs it: the two workflow models, the two trigger
 * definitions, the data action specifications, the tables, and the `{{key}}` substitution values.
 * Everything comes from the code the constructs use (workflows/, data-actions/, tables/, the naming
 * functions of constructs/); only ids that Terraform would know after apply get replay values.
 */
import type { EnvironmentConfig } from "../config/schema";
import { dataActionName, dataActionSpecs, type DataActionKey, type DataActionSpecs } from "../data-actions";
import { dataActionsIntegrationName } from "../constructs/data-actions";
import { policyRow } from "../constructs/data-tables";
import { triggerNames } from "../constructs/triggers";
import { workflowNames } from "../constructs/workflows";
import { POLICY_TABLE, RETRIES_TABLE, tableName } from "../tables/definitions";
import type { WorkflowDefinition } from "../workflows/model";
import { previewAcceptedWorkflow } from "../workflows/preview-accepted";
import { previewEndedWorkflow } from "../workflows/preview-ended";
import { SUBSTITUTION_KEYS, sharedSubstitutions } from "../workflows/substitutions";
import { acceptedTriggerDefinition, configuredMatchCriterion, endTriggerDefinition, type TriggerDefinition } from "../workflows/triggers";
import { InMemoryOrg } from "./platform/org";

/** Ids Terraform would read from the org after apply; fixed in replays so output is reproducible. */
export const REPLAY_IDS = {
  retriesTable: "replay-retries-table-id",
  policyTable: "replay-policy-table-id",
  division: "Home",
} as const;

/** A trigger and the workflow it starts. */
export interface DeployedTrigger {
  /** Which of the two triggers: also the run label in the timeline. */
  readonly id: "accepted" | "ended";
  /** Trigger name in the org. */
  readonly name: string;
  readonly definition: TriggerDefinition;
  readonly workflow: WorkflowDefinition;
  /** Flow name in the org. */
  readonly workflowName: string;
  readonly substitutions: Readonly<Record<string, string>>;
}

export interface ReplayDeployment {
  readonly environment: EnvironmentConfig;
  readonly specs: DataActionSpecs;
  readonly triggers: readonly DeployedTrigger[];
  readonly retriesTableName: string;
  readonly policyTableName: string;
}

export function deploymentOf(environment: EnvironmentConfig): ReplayDeployment {
  const specs = dataActionSpecs(environment.dataActions);
  const prefix = environment.namePrefix;
  const retriesTableName = tableName(RETRIES_TABLE, prefix);
  const policyTableName = tableName(POLICY_TABLE, prefix);
  const shared = sharedSubstitutions({
    divisionName: environment.workflowDivisionName ?? REPLAY_IDS.division,
    dataActionCategory: dataActionsIntegrationName(prefix),
    dataActionNames: Object.fromEntries(
      (Object.keys(specs) as DataActionKey[]).map((key) => [key, dataActionName(specs[key], prefix)]),
    ) as Record<DataActionKey, string>,
    retriesTableName,
    retriesTableId: environment.adopt.retriesTableId ?? REPLAY_IDS.retriesTable,
    policyTableName,
  });
  const names = workflowNames(prefix);
  const triggerNamesInOrg = triggerNames(prefix);
  const options = { correlationKey: environment.correlationKey, dataActions: specs };
  const accepted = environment.triggers.accepted;
  return {
    environment,
    specs,
    retriesTableName,
    policyTableName,
    triggers: [
      {
        id: "accepted",
        name: triggerNamesInOrg.accepted,
        definition: acceptedTriggerDefinition({
          ...accepted,
          matchCriteria: accepted.matchCriteria?.map(configuredMatchCriterion),
          campaignIds: environment.campaignIds,
        }),
        workflow: previewAcceptedWorkflow({ ...options, dataFormat: accepted.dataFormat }),
        workflowName: names.accepted,
        substitutions: { ...shared, [SUBSTITUTION_KEYS.flowName]: names.accepted },
      },
      {
        id: "ended",
        name: triggerNamesInOrg.ended,
        definition: endTriggerDefinition({ queueIds: environment.queueIds, delayBySeconds: environment.endTriggerDelaySeconds }),
        workflow: previewEndedWorkflow(options),
        workflowName: names.ended,
        substitutions: { ...shared, [SUBSTITUTION_KEYS.flowName]: names.ended },
      },
    ],
  };
}

/** An org with the environment's two tables: the policy rows from the config (as the constructs write them), no retries rows. */
export function orgFor(deployment: ReplayDeployment): InMemoryOrg {
  const org = new InMemoryOrg();
  const { environment } = deployment;
  org.addTable(environment.adopt.retriesTableId ?? REPLAY_IDS.retriesTable, deployment.retriesTableName, RETRIES_TABLE);
  org.addTable(
    environment.adopt.policyTableId ?? REPLAY_IDS.policyTable,
    deployment.policyTableName,
    POLICY_TABLE,
    Object.fromEntries(environment.wrapupPolicies.map((policy) => [policy.wrapupCode, policyRow(policy)])),
  );
  return org;
}
