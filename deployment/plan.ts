/**
 * The deployment description: everything one Genesys Cloud org gets from one environment, as plain
 * data. Two consumers read it and nothing else: constructs/ renders it to Terraform, replay/
 * interprets it offline. Values Terraform only knows after apply (ids, the home division) are
 * symbolic references that each consumer resolves its own way.
 */
import type { BackendConfig, EnvironmentConfig, MatchCriterionConfig } from "../config/schema";
import { DATA_ACTION_KEYS, dataActionSpecs, requiredPermissions, type DataActionKey, type DataActionSpecs } from "../data-actions";
import type { DataActionSpec } from "../data-actions/spec";
import type { GenesysRegion } from "../genesys/regions";
import { isListOperator, type JsonValue, type MatchCriterion } from "../genesys/process-automation";
import { POLICY_TABLE, RETRIES_TABLE, type DataTableDefinition } from "../tables/definitions";
import { acceptedTriggerDefinition, endTriggerDefinition, type TriggerDefinition } from "../triggers/definitions";
import type { WorkflowDefinition } from "../workflows/model";
import { previewAcceptedWorkflow } from "../workflows/preview-accepted";
import { previewEndedWorkflow } from "../workflows/preview-ended";
import { SUBSTITUTION_KEYS, dataActionNameKey } from "../workflows/substitutions";
import { orgNames, stackIdFor, type OrgNames, type WorkflowKey } from "./names";

/** An attribute of an org object that exists only once Terraform has created or read it. */
export type OrgReference =
  | { readonly object: "retriesTable" | "policyTable"; readonly attribute: "id" | "name" }
  | { readonly object: "dataAction"; readonly key: DataActionKey; readonly attribute: "name" }
  | { readonly object: "homeDivision"; readonly attribute: "name" };

/** What a `{{key}}` placeholder of a workflow stands for: a configured literal, or an org reference. */
export type SubstitutionValue = { readonly literal: string } | { readonly reference: OrgReference };

/** Where Terraform keeps the stack's state (validated configuration; secrets come from the environment). */
export type StateBackendPlan = BackendConfig;

export interface TablePlan {
  readonly definition: DataTableDefinition;
  readonly name: string;
  /** Terraform refuses to destroy or replace the table (it holds state that exists nowhere else). */
  readonly preventDestroy: boolean;
  /** Id of an existing table to import instead of creating one. */
  readonly adoptId?: string;
}

/** One row of the wrap-up policy table: every column written. */
export interface PolicyRowPlan {
  /** The wrap-up code: the row key. */
  readonly key: string;
  readonly columns: Readonly<Record<(typeof POLICY_TABLE.columns)[number]["name"], number>>;
  /** `<tableId>/<key>` of an existing row to import. */
  readonly adoptId?: string;
}

/** The Data Actions integration the actions run on: created with a least-privilege role, or an existing one. */
export type IntegrationPlan =
  | {
      readonly kind: "create";
      /** Name of the integration, its role and its OAuth client; the actions' category. */
      readonly name: string;
      readonly credentialName: string;
      /** `domain:entity:action` permissions the actions' endpoints need, sorted. */
      readonly permissions: readonly string[];
      /** Divisions in which the OAuth client holds the role: ids, `*` for all, undefined for the home division. */
      readonly roleDivisionIds: readonly (string | undefined)[];
      readonly adoptIds: { readonly role?: string; readonly oauthClient?: string; readonly integration?: string };
    }
  | {
      readonly kind: "existing";
      readonly id: string;
      /** The actions' category: the existing integration's name. */
      readonly name: string;
    };

export interface DataActionPlan {
  readonly key: DataActionKey;
  readonly spec: DataActionSpec;
  readonly name: string;
  readonly adoptId?: string;
}

export interface WorkflowPlan {
  readonly key: WorkflowKey;
  readonly definition: WorkflowDefinition;
  readonly name: string;
  /** Every `{{key}}` placeholder of the YAML and what it stands for. */
  readonly substitutions: Readonly<Record<string, SubstitutionValue>>;
  readonly adoptId?: string;
}

export interface TriggerPlan {
  readonly key: WorkflowKey;
  readonly name: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly definition: TriggerDefinition;
  /** The workflow it starts. */
  readonly workflow: WorkflowKey;
  readonly adoptId?: string;
}

export interface DeploymentPlan {
  readonly environmentName: string;
  readonly stackId: string;
  readonly region: GenesysRegion;
  readonly backend: StateBackendPlan;
  readonly names: OrgNames;
  /** Division of the tables. @default the org's home division */
  readonly divisionId?: string;
  readonly tables: { readonly retries: TablePlan; readonly policy: TablePlan & { readonly rows: readonly PolicyRowPlan[] } };
  readonly integration: IntegrationPlan;
  readonly dataActions: Readonly<Record<DataActionKey, DataActionPlan>>;
  readonly specs: DataActionSpecs;
  readonly workflows: Readonly<Record<WorkflowKey, WorkflowPlan>>;
  readonly triggers: Readonly<Record<WorkflowKey, TriggerPlan>>;
}

const TRIGGER_DESCRIPTIONS: Readonly<Record<WorkflowKey, string>> = {
  accepted: "Preview retries: records an accepted preview contact in the retries table. Managed by Terraform.",
  ended: "Preview retries: re-submits a closed or skipped preview contact per its wrap-up policy. Managed by Terraform.",
};

/** What one environment deploys to its org. Pure: no Terraform, no I/O. */
export function planDeployment(environment: EnvironmentConfig): DeploymentPlan {
  const names = orgNames(environment.namePrefix);
  const { adopt } = environment;
  const specs = dataActionSpecs(environment.dataActions);
  const integration = integrationPlan(environment, names, specs);
  const dataActions = Object.fromEntries(
    DATA_ACTION_KEYS.map((key) => [
      key,
      { key, spec: specs[key], name: names.dataActions[key], adoptId: adopt.dataActionIds[specs[key].id] } satisfies DataActionPlan,
    ]),
  ) as Record<DataActionKey, DataActionPlan>;

  const workflowOptions = { correlationKey: environment.correlationKey, dataActions: specs };
  const substitutionsOf = (key: WorkflowKey) => ({
    ...sharedSubstitutions(environment, integration),
    [SUBSTITUTION_KEYS.flowName]: { literal: names.workflows[key] },
  });
  const accepted = environment.triggers.accepted;

  return {
    environmentName: environment.name,
    stackId: stackIdFor(environment.name),
    region: environment.region,
    backend: environment.backend,
    names,
    divisionId: environment.divisionId,
    tables: {
      retries: { definition: RETRIES_TABLE, name: names.retriesTable, preventDestroy: true, adoptId: adopt.retriesTableId },
      policy: {
        definition: POLICY_TABLE,
        name: names.policyTable,
        preventDestroy: false,
        adoptId: adopt.policyTableId,
        rows: environment.wrapupPolicies.map((policy) => ({
          key: policy.wrapupCode,
          columns: { waitTime: policy.waitTimeSeconds, maxAttempts: policy.maxAttempts },
          adoptId: adoptedRowId(environment, policy.wrapupCode),
        })),
      },
    },
    integration,
    dataActions,
    specs,
    workflows: {
      accepted: {
        key: "accepted",
        definition: previewAcceptedWorkflow({ ...workflowOptions, dataFormat: accepted.dataFormat }),
        name: names.workflows.accepted,
        substitutions: substitutionsOf("accepted"),
        adoptId: adopt.flowIds.accepted,
      },
      ended: {
        key: "ended",
        definition: previewEndedWorkflow(workflowOptions),
        name: names.workflows.ended,
        substitutions: substitutionsOf("ended"),
        adoptId: adopt.flowIds.ended,
      },
    },
    triggers: {
      accepted: {
        key: "accepted",
        name: names.triggers.accepted,
        description: TRIGGER_DESCRIPTIONS.accepted,
        enabled: environment.triggers.enabled,
        definition: acceptedTriggerDefinition({
          topicName: accepted.topicName,
          matchCriteria: accepted.matchCriteria?.map(matchCriterionOf),
          campaignIds: environment.campaignIds,
          dataFormat: accepted.dataFormat,
        }),
        workflow: "accepted",
        adoptId: adopt.triggerIds.accepted,
      },
      ended: {
        key: "ended",
        name: names.triggers.ended,
        description: TRIGGER_DESCRIPTIONS.ended,
        enabled: environment.triggers.enabled,
        definition: endTriggerDefinition({ queueIds: environment.queueIds, delayBySeconds: environment.endTriggerDelaySeconds }),
        workflow: "ended",
        adoptId: adopt.triggerIds.ended,
      },
    },
  };
}

/** The provider's division id for a grant in every division, present and future (genesyscloud_oauth_client roles.division_id). */
const ALL_DIVISIONS = "*";

function roleDivisionIds(environment: EnvironmentConfig): (string | undefined)[] {
  const { roleDivisions } = environment.dataActions;
  if (roleDivisions === "all") return [ALL_DIVISIONS];
  return roleDivisions !== undefined ? [...roleDivisions] : [environment.divisionId];
}

function integrationPlan(environment: EnvironmentConfig, names: OrgNames, specs: DataActionSpecs): IntegrationPlan {
  const { existingIntegrationId, existingIntegrationName } = environment.dataActions;
  if (existingIntegrationId !== undefined && existingIntegrationName !== undefined) {
    // The actions' category must be the integration's real name: Architect finds actions by category and name.
    return { kind: "existing", id: existingIntegrationId, name: existingIntegrationName };
  }
  return {
    kind: "create",
    name: names.dataActionsIntegration,
    credentialName: names.integrationCredential,
    permissions: requiredPermissions(Object.values(specs)),
    roleDivisionIds: roleDivisionIds(environment),
    adoptIds: {
      role: environment.adopt.roleId,
      oauthClient: environment.adopt.oauthClientId,
      integration: environment.adopt.integrationId,
    },
  };
}

/** The placeholders both workflows share: object names and ids, the division and the actions' category. */
function sharedSubstitutions(environment: EnvironmentConfig, integration: IntegrationPlan): Record<string, SubstitutionValue> {
  const division: SubstitutionValue =
    environment.workflowDivisionName !== undefined
      ? { literal: environment.workflowDivisionName }
      : { reference: { object: "homeDivision", attribute: "name" } };
  return {
    [SUBSTITUTION_KEYS.division]: division,
    [SUBSTITUTION_KEYS.dataActionCategory]: { literal: integration.name },
    [SUBSTITUTION_KEYS.retriesTableName]: { reference: { object: "retriesTable", attribute: "name" } },
    [SUBSTITUTION_KEYS.policyTableName]: { reference: { object: "policyTable", attribute: "name" } },
    ...Object.fromEntries(
      DATA_ACTION_KEYS.map((key) => [dataActionNameKey(key), { reference: { object: "dataAction", key, attribute: "name" } }]),
    ),
  };
}

/** Policy rows are imported as `<tableId>/<wrap-up code>` when their table is adopted (all rows, or the listed ones). */
function adoptedRowId(environment: EnvironmentConfig, wrapupCode: string): string | undefined {
  const { policyTableId, policyRowCodes } = environment.adopt;
  if (policyTableId === undefined) return undefined;
  if (policyRowCodes !== undefined && !policyRowCodes.includes(wrapupCode)) return undefined;
  return `${policyTableId}/${wrapupCode}`;
}

/** A criterion as configured (validated: exactly one of value/values, values only with a list operator). */
function matchCriterionOf(criterion: MatchCriterionConfig): MatchCriterion {
  const { jsonPath, operator } = criterion;
  if (criterion.values !== undefined && isListOperator(operator)) return { jsonPath, operator, values: criterion.values as JsonValue[] };
  return { jsonPath, operator, value: criterion.value as JsonValue };
}
