import type { Construct } from "constructs";
import { GenesyscloudProvider } from "../.gen/providers/genesyscloud/provider";
import type { EnvironmentConfig } from "../config/schema";
import { dataActionSpecs, requiredPermissions, type DataActionKey } from "../data-actions";
import { TerraformOutput, TerraformStack } from "./cdk";
import { DataAction, DataActionsIntegration, existingIntegrationOf } from "./data-actions";
import { RetriesTable, WrapupPolicyTable } from "./data-tables";
import { adoptExistingObjects } from "./adoption";
import { addStateBackend } from "./state-backend";
import { PreviewRetriesTriggers } from "./triggers";
import { PreviewRetriesWorkflows } from "./workflows";

export interface PreviewRetriesStackProps {
  /** The validated environment (one Genesys Cloud org). */
  readonly environment: EnvironmentConfig;
}

/** Stack id of an environment: also its Terraform working directory and part of its state key. */
export function stackIdFor(environment: Pick<EnvironmentConfig, "name">): string {
  return `preview-retries-${environment.name}`;
}

/** Everything preview retries needs in one Genesys Cloud org, with its own state. */
export class PreviewRetriesStack extends TerraformStack {
  readonly retriesTable: RetriesTable;
  readonly policyTable: WrapupPolicyTable;
  /** The Data Actions integration (created, or the configured existing one): its id and name (= the actions' category). */
  readonly dataActionsIntegration: DataActionsIntegration;
  /** The data actions by key (see dataActionSpecs()): resource ids and names for the workflows. */
  readonly dataActions: Readonly<Record<DataActionKey, DataAction>>;
  /** The "preview accepted" and "preview ended" workflows (genesyscloud_flow from Archy YAML assets). */
  readonly workflows: PreviewRetriesWorkflows;
  readonly triggers: PreviewRetriesTriggers;

  constructor(scope: Construct, id: string, props: PreviewRetriesStackProps) {
    super(scope, id);
    const { environment } = props;

    // Region only: credentials come from GENESYSCLOUD_OAUTHCLIENT_ID / _SECRET in the environment.
    new GenesyscloudProvider(this, "genesyscloud", { awsRegion: environment.region });
    addStateBackend(this, environment.backend, environment.name, id);

    const tableProps = { namePrefix: environment.namePrefix, divisionId: environment.divisionId };
    this.retriesTable = new RetriesTable(this, "retries-table", tableProps);
    this.policyTable = new WrapupPolicyTable(this, "wrap-policy-table", { ...tableProps, policies: environment.wrapupPolicies });

    const specs = dataActionSpecs(environment.dataActions);
    this.dataActionsIntegration = new DataActionsIntegration(this, "data-actions-integration", {
      namePrefix: environment.namePrefix,
      permissions: requiredPermissions(Object.values(specs)),
      divisionId: environment.divisionId,
      roleDivisions: environment.dataActions.roleDivisions,
      existingIntegration: existingIntegrationOf(environment.dataActions),
    });
    const dataActionEntries = (Object.keys(specs) as DataActionKey[]).map((key) => {
      const dataAction = new DataAction(this, `data-action-${specs[key].id}`, {
        spec: specs[key],
        namePrefix: environment.namePrefix,
        integrationId: this.dataActionsIntegration.integrationId,
        category: this.dataActionsIntegration.integrationName,
        retriesTableId: this.retriesTable.table.id,
      });
      return [key, dataAction] as const;
    });
    this.dataActions = Object.fromEntries(dataActionEntries) as Record<DataActionKey, DataAction>;

    this.workflows = new PreviewRetriesWorkflows(this, "workflows", {
      namePrefix: environment.namePrefix,
      correlationKey: environment.correlationKey,
      acceptedDataFormat: environment.triggers.accepted.dataFormat,
      dataActionSpecs: specs,
      dataActionCategory: this.dataActionsIntegration.integrationName,
      dataActionNames: Object.fromEntries(dataActionEntries.map(([key, dataAction]) => [key, dataAction.action.name])) as Record<
        DataActionKey,
        string
      >,
      retriesTable: { name: this.retriesTable.table.name, id: this.retriesTable.table.id },
      policyTable: { name: this.policyTable.table.name, id: this.policyTable.table.id },
      divisionName: environment.workflowDivisionName,
      dependsOn: [this.retriesTable.table, this.policyTable.table, ...dataActionEntries.map(([, dataAction]) => dataAction.action)],
    });
    this.triggers = new PreviewRetriesTriggers(this, "triggers", {
      namePrefix: environment.namePrefix,
      triggers: environment.triggers,
      campaignIds: environment.campaignIds,
      queueIds: environment.queueIds,
      endTriggerDelaySeconds: environment.endTriggerDelaySeconds,
      acceptedWorkflowId: this.workflows.accepted.flow.id,
      endedWorkflowId: this.workflows.ended.flow.id,
    });

    new TerraformOutput(this, "data_actions_integration_id", {
      value: this.dataActionsIntegration.integrationId,
      description: `Id of the Data Actions integration ${this.dataActionsIntegration.integrationName}`,
      staticId: true,
    });
    for (const [key, dataAction] of dataActionEntries) {
      new TerraformOutput(this, `data_action_${specs[key].id.replace(/-/g, "_")}_id`, {
        value: dataAction.action.id,
        description: `Id of the data action ${dataAction.name}`,
        staticId: true,
      });
    }

    new TerraformOutput(this, "retries_table_id", {
      value: this.retriesTable.table.id,
      description: `Id of the data table ${this.retriesTable.name}`,
      staticId: true,
    });
    new TerraformOutput(this, "wrap_policy_table_id", {
      value: this.policyTable.table.id,
      description: `Id of the data table ${this.policyTable.name}`,
      staticId: true,
    });

    for (const which of ["accepted", "ended"] as const) {
      new TerraformOutput(this, `workflow_${which}_id`, {
        value: this.workflows[which].flow.id,
        description: `Id of the "preview ${which}" workflow`,
        staticId: true,
      });
      new TerraformOutput(this, `trigger_${which}_id`, {
        value: this.triggers[which].trigger.id,
        description: `Id of the "preview ${which}" trigger`,
        staticId: true,
      });
    }

    adoptExistingObjects(
      {
        retriesTable: this.retriesTable.table,
        policyTable: this.policyTable.table,
        policyRows: this.policyTable.rowsByWrapupCode,
        role: this.dataActionsIntegration.role,
        oauthClient: this.dataActionsIntegration.oauthClient,
        integration: this.dataActionsIntegration.integration,
        dataActions: Object.fromEntries(dataActionEntries.map(([key, dataAction]) => [specs[key].id, dataAction.action])),
        flows: { accepted: this.workflows.accepted.flow, ended: this.workflows.ended.flow },
        triggers: { accepted: this.triggers.accepted.trigger, ended: this.triggers.ended.trigger },
      },
      environment.adopt,
      environment.name,
    );
  }
}
