/**
 * The deployment as the replay runs it: the deployment description of the environment
 * (deployment/plan.ts, the same one the stack renders) with its symbolic values resolved the way the
 * replay's org names them: ids Terraform would read after apply get fixed replay values.
 */
import type { EnvironmentConfig } from "../config/schema";
import { specsWithDeploymentValues, type DataActionSpecs } from "../data-actions";
import { WORKFLOW_KEYS, type WorkflowKey } from "../deployment/names";
import { planDeployment, type SubstitutionValue } from "../deployment/plan";
import type { DataTableDefinition } from "../tables/definitions";
import type { TriggerDefinition } from "../triggers/definitions";
import { mapActions, type WorkflowDefinition } from "../workflows/model";
import { InMemoryOrg, type Row } from "./platform/org";

/** Ids Terraform would read from the org after apply; fixed in replays so output is reproducible. */
export const REPLAY_IDS = {
  retriesTable: "replay-retries-table-id",
  policyTable: "replay-policy-table-id",
  division: "Home",
} as const;

/** A trigger and the workflow it starts. */
export interface DeployedTrigger {
  /** Which of the two triggers: also the run label in the timeline. */
  readonly id: WorkflowKey;
  /** Trigger name in the org. */
  readonly name: string;
  readonly definition: TriggerDefinition;
  /** A disabled trigger starts nothing. */
  readonly enabled: boolean;
  readonly workflow: WorkflowDefinition;
  /** Flow name in the org. */
  readonly workflowName: string;
  readonly substitutions: Readonly<Record<string, string>>;
}

/** A data table in the org the replay starts from. */
export interface DeployedTable {
  readonly id: string;
  readonly name: string;
  readonly definition: DataTableDefinition;
  /** Rows by key before the first entry. */
  readonly rows: Readonly<Record<string, Row>>;
}

export interface ReplayDeployment {
  readonly environment: EnvironmentConfig;
  readonly specs: DataActionSpecs;
  readonly triggers: readonly DeployedTrigger[];
  readonly tables: { readonly retries: DeployedTable; readonly policy: DeployedTable };
}

export function deploymentOf(environment: EnvironmentConfig): ReplayDeployment {
  const plan = planDeployment(environment);
  const ids = {
    retriesTable: plan.tables.retries.adoptId ?? REPLAY_IDS.retriesTable,
    policyTable: plan.tables.policy.adoptId ?? REPLAY_IDS.policyTable,
  };
  const resolve = (value: SubstitutionValue): string => {
    if ("literal" in value) return value.literal;
    const { reference } = value;
    switch (reference.object) {
      case "homeDivision":
        return REPLAY_IDS.division;
      case "dataAction":
        return plan.names.dataActions[reference.key];
      case "retriesTable":
      case "policyTable":
        return reference.attribute === "id"
          ? ids[reference.object]
          : plan.tables[reference.object === "retriesTable" ? "retries" : "policy"].name;
    }
  };
  // What Genesys runs after apply: the retries table's id fixed into the row actions' URLs.
  const specs = specsWithDeploymentValues(plan.specs, { retriesTableId: ids.retriesTable });
  const { retries, policy } = plan.tables;
  return {
    environment,
    specs,
    tables: {
      retries: { id: ids.retriesTable, name: retries.name, definition: retries.definition, rows: {} },
      policy: {
        id: ids.policyTable,
        name: policy.name,
        definition: policy.definition,
        rows: Object.fromEntries(policy.rows.map((row) => [row.key, row.columns])),
      },
    },
    triggers: WORKFLOW_KEYS.map((key) => {
      const trigger = plan.triggers[key];
      const workflow = plan.workflows[trigger.workflow];
      return {
        id: key,
        name: trigger.name,
        definition: trigger.definition,
        enabled: trigger.enabled,
        workflow: withDeployedSpecs(workflow.definition, specs),
        workflowName: workflow.name,
        substitutions: Object.fromEntries(Object.entries(workflow.substitutions).map(([name, value]) => [name, resolve(value)])),
      };
    }),
  };
}

/** The workflow with every Call Data Action running the deployed specification of its action. */
function withDeployedSpecs(workflow: WorkflowDefinition, specs: DataActionSpecs): WorkflowDefinition {
  const deployed = new Map(Object.values(specs).map((spec) => [spec.id, spec]));
  return {
    ...workflow,
    states: workflow.states.map((state) => ({
      ...state,
      actions: mapActions(state.actions, (action) =>
        action.kind === "callData"
          ? { ...action, dataAction: { ...action.dataAction, spec: deployed.get(action.dataAction.spec.id)! } }
          : action,
      ),
    })),
  };
}

/** An org with the deployment's two tables and their rows (from the plan: the policy rows as deployed, no retries rows). */
export function orgFor(deployment: ReplayDeployment): InMemoryOrg {
  const org = new InMemoryOrg();
  for (const table of [deployment.tables.retries, deployment.tables.policy])
    org.addTable(table.id, table.name, table.definition, { ...table.rows });
  return org;
}
