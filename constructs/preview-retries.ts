import { Construct } from "constructs";
import { DATA_ACTION_KEYS, dataActionId, type DataActionKey } from "../data-actions";
import { WORKFLOW_KEYS, type WorkflowKey } from "../deployment/names";
import type { DeploymentPlan } from "../deployment/plan";
import { DataAction, DataActionsIntegration } from "./data-actions";
import { DataTable } from "./data-tables";
import { WorkflowTrigger } from "./triggers";
import { PreviewRetriesWorkflows, type OrgReferenceResolver } from "./workflows";

export interface PreviewRetriesProps {
  /** What to deploy: `planDeployment(environment)` of a validated environment. */
  readonly deployment: DeploymentPlan;
}

/**
 * Everything preview retries needs in one Genesys Cloud org: the runtime and policy data tables, the
 * Data Actions integration and its five actions, the two workflows and the two triggers that start
 * them. Add it to any cdktf stack that has a `genesyscloud` provider.
 */
export class PreviewRetries extends Construct {
  readonly retriesTableId: string;
  readonly retriesTableName: string;
  readonly policyTableId: string;
  readonly policyTableName: string;
  /** The Data Actions integration (created, or the configured existing one). */
  readonly dataActionsIntegrationId: string;
  readonly dataActionsIntegrationName: string;
  readonly dataActionIds: Readonly<Record<DataActionKey, string>>;
  readonly dataActionNames: Readonly<Record<DataActionKey, string>>;
  readonly workflowIds: Readonly<Record<WorkflowKey, string>>;
  readonly triggerIds: Readonly<Record<WorkflowKey, string>>;
  /** The Archy YAML of each workflow as rendered, before the provider substitutes its `{{key}}` placeholders. */
  readonly workflowYaml: Readonly<Record<WorkflowKey, string>>;

  constructor(scope: Construct, id: string, props: PreviewRetriesProps) {
    super(scope, id);
    const { deployment } = props;
    const retriesTable = new DataTable(this, "retries-table", { table: deployment.tables.retries, divisionId: deployment.divisionId });
    const policyTable = new DataTable(this, "wrap-policy-table", {
      table: deployment.tables.policy,
      divisionId: deployment.divisionId,
      rows: deployment.tables.policy.rows,
    });

    const integration = new DataActionsIntegration(this, "data-actions-integration", { integration: deployment.integration });
    const dataActions = mapKeys(
      DATA_ACTION_KEYS,
      (key) =>
        new DataAction(this, `data-action-${dataActionId(key)}`, {
          action: deployment.dataActions[key],
          integrationId: integration.integrationId,
          category: integration.integrationName,
          retriesTableId: retriesTable.tableId,
        }),
    );

    const resolve: OrgReferenceResolver = (reference) => {
      if (reference.object === "dataAction") return dataActions[reference.key].actionName;
      const table = reference.object === "retriesTable" ? retriesTable : policyTable;
      return reference.attribute === "id" ? table.tableId : table.tableName;
    };
    const workflows = new PreviewRetriesWorkflows(this, "workflows", {
      workflows: deployment.workflows,
      resolve,
      dependsOn: [retriesTable, policyTable, ...DATA_ACTION_KEYS.map((key) => dataActions[key])],
    });

    const triggerScope = new Construct(this, "triggers");
    const triggers = mapKeys(WORKFLOW_KEYS, (key) => {
      const trigger = deployment.triggers[key];
      return new WorkflowTrigger(triggerScope, key, { trigger, workflowId: workflows.flowIds[trigger.workflow] });
    });

    this.retriesTableId = retriesTable.tableId;
    this.retriesTableName = retriesTable.tableName;
    this.policyTableId = policyTable.tableId;
    this.policyTableName = policyTable.tableName;
    this.dataActionsIntegrationId = integration.integrationId;
    this.dataActionsIntegrationName = integration.integrationName;
    this.dataActionIds = mapKeys(DATA_ACTION_KEYS, (key) => dataActions[key].actionId);
    this.dataActionNames = mapKeys(DATA_ACTION_KEYS, (key) => dataActions[key].actionName);
    this.workflowIds = workflows.flowIds;
    this.workflowYaml = workflows.yaml;
    this.triggerIds = mapKeys(WORKFLOW_KEYS, (key) => triggers[key].triggerId);
  }
}

function mapKeys<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, V>;
}
