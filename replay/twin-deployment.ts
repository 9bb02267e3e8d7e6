/**
 * The deployment as the org twin received it (twin/, `<twin>/org.json`): what the replay runs with
 * `--twin`. Every value that decides behaviour is read from the objects the stand-in provider wrote
 * after Terraform — the flows' YAML after substitution (parsed back into the workflow model), the
 * data actions' contracts and templates, the triggers, the tables and their rows — so a value
 * Terraform or a hand edit altered is what runs. Only what the org does not hold (the actions'
 * stable ids, base names, endpoint metadata; the workflows' model ids) comes from the plan.
 */
import { join } from "node:path";
import { z } from "zod";
import type { EnvironmentConfig } from "../config/schema";
import { DATA_ACTION_KEYS, type DataActionKey, type DataActionSpecs } from "../data-actions";
import { withDeploymentValues } from "../data-actions/deployment-values";
import { requestUrlTemplate } from "../data-actions/request-url";
import type { ContractSchema, DataActionSpec, HttpMethod } from "../data-actions/spec";
import { WORKFLOW_KEYS, type WorkflowKey } from "../deployment/names";
import { planDeployment, type DeploymentPlan } from "../deployment/plan";
import { InputError } from "../errors";
import { TRIGGER_EVENTS, type TriggerEventName } from "../genesys/events";
import { MATCH_OPERATORS, TRIGGER_DATA_FORMATS, isListOperator, type JsonValue, type MatchCriterion } from "../genesys/process-automation";
import type { ColumnType, DataTableDefinition } from "../tables/definitions";
import type { TriggerDefinition } from "../triggers/definitions";
import type { WorkflowDefinition } from "../workflows/model";
import { WorkflowParseError, parseWorkflowYaml, type NamedDataAction, type WorkflowParseContext } from "../workflows/parse";
import { OrgFileError, readOrg, type OrgDocument, type OrgObject } from "../twin/org";
import type { DeployedTable, DeployedTrigger, ReplayDeployment } from "./deployment";
import { InMemoryOrg, type Row } from "./platform/org";

const TYPES = {
  table: "genesyscloud_architect_datatable",
  row: "genesyscloud_architect_datatable_row",
  action: "genesyscloud_integration_action",
  flow: "genesyscloud_flow",
  trigger: "genesyscloud_processautomation_trigger",
} as const;

const HTTP_METHODS = ["GET", "PUT", "POST", "PATCH", "DELETE"] as const satisfies readonly HttpMethod[];
const COLUMN_TYPES = ["string", "integer", "number", "boolean"] as const satisfies readonly ColumnType[];
const KEY_COLUMN = "key";

const tableSchema = z.object({
  name: z.string(),
  description: z.string().nullish(),
  properties: z.array(
    z.object({ name: z.string(), type: z.enum(COLUMN_TYPES), title: z.string().nullish(), default: z.string().nullish() }),
  ),
});
const rowSchema = z.object({
  datatable_id: z.string(),
  key_value: z.string(),
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
const contractSchema = z.looseObject({ type: z.literal("object"), properties: z.record(z.string(), z.unknown()) });
const actionSchema = z.object({
  name: z.string(),
  category: z.string(),
  config_timeout_seconds: z.number().int(),
  contract: z.object({ input: contractSchema, output: contractSchema }),
  config_request: z.object({
    request_url_template: z.string(),
    request_type: z.enum(HTTP_METHODS),
    request_template: z.string(),
    headers: z.record(z.string(), z.string()),
  }),
  config_response: z.object({
    translation_map: z.record(z.string(), z.string()),
    translation_map_defaults: z.record(z.string(), z.string()),
    success_template: z.string(),
  }),
});
const flowSchema = z.object({
  name: z.string(),
  yaml: z.string(),
  substitutions: z.record(z.string(), z.string(), {
    error: "missing: the twin keeps the substitutions it applied (deploy again with npm run twin -- deploy)",
  }),
});
const criterionSchema = z
  .object({
    jsonPath: z.string(),
    operator: z.enum(MATCH_OPERATORS),
    value: z.unknown().optional(),
    values: z.array(z.unknown()).optional(),
  })
  .refine((criterion) => (criterion.value !== undefined) !== (criterion.values !== undefined), "needs exactly one of value and values")
  .refine((criterion) => criterion.values === undefined || isListOperator(criterion.operator), "values needs a list operator");
const triggerSchema = z.object({
  name: z.string(),
  topic_name: z.string(),
  enabled: z.boolean(),
  delay_by_seconds: z.number().int().nullish(),
  target: z.object({ type: z.literal("Workflow"), id: z.string(), data_format: z.enum(TRIGGER_DATA_FORMATS) }),
  match_criteria: z.array(criterionSchema).nullish(),
});

/** Reads the twin's objects of one environment, each error one line naming org.json, the object and the field. */
class TwinReader {
  constructor(
    readonly file: string,
    private readonly org: OrgDocument,
    private readonly environmentName: string,
  ) {}

  fail(reason: string): never {
    throw new InputError(this.file, reason);
  }

  /** The one object of a type with this name. */
  named(type: string, name: string): { id: string; object: OrgObject } {
    const found = Object.entries(this.org.objects[type] ?? {}).filter(([, object]) => object.name === name);
    if (found.length === 0)
      this.fail(`no ${type} named "${name}": environment "${this.environmentName}" is not deployed to this twin (npm run twin -- deploy)`);
    if (found.length > 1) this.fail(`${found.length} objects of ${type} are named "${name}" (${found.map(([id]) => id).join(", ")})`);
    const [[id, object]] = found;
    return { id, object };
  }

  byId(type: string, id: string, what: string): OrgObject {
    return this.org.objects[type]?.[id] ?? this.fail(`${what}: no ${type} with id ${id}`);
  }

  objects(type: string): [string, OrgObject][] {
    return Object.entries(this.org.objects[type] ?? {});
  }

  parsed<T>(schema: z.ZodType<T>, type: string, id: string, object: OrgObject): T {
    const result = schema.safeParse(object);
    if (result.success) return result.data;
    const [issue] = result.error.issues;
    const name = typeof object.name === "string" ? ` (${object.name})` : "";
    return this.fail(`objects.${type}.${id}${name}: ${issue.path.join(".") || "(object)"}: ${issue.message}`);
  }
}

/**
 * The deployment of `environment` as the twin in `twinDirectory` holds it. Throws InputError (one
 * line naming org.json, the object and the field) when the twin lacks an object of the environment or
 * holds one the replay cannot run.
 */
export function deploymentFromTwin(twinDirectory: string, environment: EnvironmentConfig): ReplayDeployment {
  const file = join(twinDirectory, "org.json");
  let org: OrgDocument;
  try {
    org = readOrg(file);
  } catch (error) {
    if (error instanceof OrgFileError) throw new InputError(file, error.message.replace(`${file}: `, ""));
    throw error;
  }
  const plan = planDeployment(environment);
  const twin = new TwinReader(file, org, environment.name);

  const retries = receivedTable(twin, plan.tables.retries.name, plan.tables.retries.definition);
  const policy = receivedTable(twin, plan.tables.policy.name, plan.tables.policy.definition);
  const actions = Object.fromEntries(DATA_ACTION_KEYS.map((key) => [key, receivedAction(twin, plan, key, retries.id)])) as Record<
    DataActionKey,
    NamedDataAction
  >;
  const specs = Object.fromEntries(DATA_ACTION_KEYS.map((key) => [key, actions[key].spec])) as DataActionSpecs;
  const triggers = WORKFLOW_KEYS.map((key) =>
    receivedTrigger(twin, plan, key, {
      dataActions: Object.values(actions),
      tables: [retries, policy].map((table) => ({ name: table.name, definition: table.definition })),
    }),
  );
  return {
    environment,
    specs,
    triggers,
    tables: { retries, policy },
  };
}

function receivedTable(twin: TwinReader, name: string, planned: DataTableDefinition): DeployedTable {
  const { id, object } = twin.named(TYPES.table, name);
  const table = twin.parsed(tableSchema, TYPES.table, id, object);
  const key = table.properties.find((property) => property.name === KEY_COLUMN);
  if (!key) twin.fail(`objects.${TYPES.table}.${id} (${name}): properties: no "${KEY_COLUMN}" column`);
  const definition: DataTableDefinition = {
    baseName: planned.baseName,
    description: table.description ?? "",
    keyTitle: key.title ?? KEY_COLUMN,
    columns: table.properties
      .filter((property) => property.name !== KEY_COLUMN)
      .map((property) => ({
        name: property.name,
        type: property.type,
        title: property.title ?? property.name,
        default: property.default ?? "",
      })),
  };
  const rows: Record<string, Row> = {};
  for (const [rowId, rowObject] of twin.objects(TYPES.row)) {
    if (rowObject.datatable_id !== id) continue;
    const row = twin.parsed(rowSchema, TYPES.row, rowId, rowObject);
    // A row read from the API may carry its key among the columns; the org holds it as the row key.
    rows[row.key_value] = Object.fromEntries(Object.entries(row.properties).filter(([column]) => column !== KEY_COLUMN));
  }
  const deployed: DeployedTable = { id, name, definition, rows };
  try {
    // The rows as the org would take them: known columns of the right types.
    new InMemoryOrg().addTable(id, name, definition, rows);
  } catch (error) {
    twin.fail(`${TYPES.row} of table ${name}: ${(error as Error).message}`);
  }
  return deployed;
}

function receivedAction(twin: TwinReader, plan: DeploymentPlan, key: DataActionKey, retriesTableId: string): NamedDataAction {
  const planned = plan.dataActions[key];
  const { id, object } = twin.named(TYPES.action, planned.name);
  const action = twin.parsed(actionSchema, TYPES.action, id, object);
  // Method and URL derive from the endpoint (one source); what the org received must be exactly that.
  const expected = withDeploymentValues(planned.spec, { retriesTableId });
  const where = `objects.${TYPES.action}.${id} (${action.name}): config_request`;
  if (action.config_request.request_type !== expected.endpoint.method) {
    twin.fail(`${where}.request_type: ${action.config_request.request_type}, the specification's endpoint is ${expected.endpoint.method}`);
  }
  if (action.config_request.request_url_template !== requestUrlTemplate(expected)) {
    twin.fail(
      `${where}.request_url_template: ${action.config_request.request_url_template}, the specification renders ${requestUrlTemplate(expected)}`,
    );
  }
  const spec: DataActionSpec = {
    // Not held by the org: the stable id, base name, description and the endpoint's metadata.
    id: planned.spec.id,
    baseName: planned.spec.baseName,
    description: planned.spec.description,
    endpoint: planned.spec.endpoint,
    inputContract: action.contract.input as unknown as ContractSchema,
    outputContract: action.contract.output as unknown as ContractSchema,
    deploymentValues: expected.deploymentValues,
    request: {
      bodyTemplate: action.config_request.request_template,
      headers: action.config_request.headers,
    },
    response: {
      translationMap: action.config_response.translation_map,
      translationMapDefaults: action.config_response.translation_map_defaults,
      successTemplate: action.config_response.success_template,
    },
    timeoutSeconds: action.config_timeout_seconds,
  };
  return { category: action.category, name: action.name, spec };
}

function eventOfTopic(topicName: string): TriggerEventName | undefined {
  return (Object.keys(TRIGGER_EVENTS) as TriggerEventName[]).find((event) => TRIGGER_EVENTS[event].topicName === topicName);
}

function receivedTrigger(
  twin: TwinReader,
  plan: DeploymentPlan,
  key: WorkflowKey,
  names: Pick<WorkflowParseContext, "dataActions" | "tables">,
): DeployedTrigger {
  const { id, object } = twin.named(TYPES.trigger, plan.triggers[key].name);
  const trigger = twin.parsed(triggerSchema, TYPES.trigger, id, object);
  const event = eventOfTopic(trigger.topic_name);
  if (!event)
    twin.fail(
      `objects.${TYPES.trigger}.${id} (${trigger.name}): topic_name: "${trigger.topic_name}" is not a topic the replay models (${Object.values(
        TRIGGER_EVENTS,
      )
        .map((known) => known.topicName)
        .join(", ")})`,
    );
  const definition: TriggerDefinition = {
    event,
    topicName: trigger.topic_name,
    matchCriteria: (trigger.match_criteria ?? []).map(({ jsonPath, operator, value, values }): MatchCriterion =>
      values !== undefined && isListOperator(operator)
        ? { jsonPath, operator, values: values as JsonValue[] }
        : { jsonPath, operator, value: value as JsonValue },
    ),
    dataFormat: trigger.target.data_format,
    ...(trigger.delay_by_seconds != null ? { delayBySeconds: trigger.delay_by_seconds } : {}),
  };
  // The flow the trigger starts is the one its target names, whatever its name.
  const flowObject = twin.byId(TYPES.flow, trigger.target.id, `objects.${TYPES.trigger}.${id} (${trigger.name}): target.id`);
  const flow = twin.parsed(flowSchema, TYPES.flow, trigger.target.id, flowObject);
  let workflow: WorkflowDefinition;
  try {
    workflow = parseWorkflowYaml(flow.yaml, {
      id: plan.workflows[plan.triggers[key].workflow].definition.id,
      trigger: { event, dataFormat: definition.dataFormat },
      ...names,
      substitutions: flow.substitutions,
      source: `objects.${TYPES.flow}.${trigger.target.id}.yaml`,
    });
  } catch (error) {
    if (error instanceof WorkflowParseError) twin.fail(error.message);
    throw error;
  }
  return {
    id: key,
    name: trigger.name,
    definition,
    enabled: trigger.enabled,
    workflow,
    workflowName: flow.name,
    substitutions: flow.substitutions,
  };
}
