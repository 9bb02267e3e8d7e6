/**
 * What the real provider (MyPureCloud/terraform-provider-genesyscloud, tag v1.84.1) does per
 * resource, modelled for the twin: which attributes force replacement (ForceNew), schema defaults,
 * diff suppression, the values it computes, and the form it reads back. File names below are in
 * that repository at that tag.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type * as Yaml from "yaml";
import { goJsonMarshal, type JsonValue } from "../genesys/process-automation";
import { UNKNOWN, type CtyObject, type CtyValue } from "./cty";
import { HOME_DIVISION_ID, newObjectId, objectsOf, type OrgDocument, type OrgObject } from "./org";

/** An error the Genesys API (or the provider before calling it) would answer. */
export class ApiError extends Error {
  override name = "ApiError";
}

export interface ResourceModel {
  /** Attributes with `ForceNew: true`: a change plans a replacement. */
  readonly forceNew: readonly string[];
  /** Dotted attribute paths with `DiffSuppressFunc: util.SuppressEquivalentJsonDiffs`. */
  readonly jsonEquivalent: readonly string[];
  /** Schema `Default:` values, filled in at plan time when the configuration leaves them out. */
  readonly defaults: Readonly<Record<string, CtyValue>>;
  /** Adjusts the planned value the way the provider's CustomizeDiff does. */
  readonly customizeDiff?: (planned: CtyObject, prior: CtyObject | null, org: OrgDocument) => void;
  /** Plan-time checks of the provider's ValidateFunc; messages name the attribute. */
  readonly validate?: (config: CtyObject) => string[];
  /** Creates (id undefined) or updates the object in the org; returns its id. */
  readonly write: (org: OrgDocument, state: CtyObject, id: string | undefined) => string;
  /** The state the provider's read sets from the org object, or null when the object is gone. */
  readonly read: (org: OrgDocument, id: string, prior: CtyObject) => CtyObject | null;
  /** Deletes the object (and what the API deletes with it). */
  readonly remove?: (org: OrgDocument, id: string) => void;
}

/** yaml is loaded on first use: terraform starts the provider many times, and few of them publish a flow. */
let yamlModule: typeof Yaml | undefined;
function parseYaml(source: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlModule ??= require("yaml") as typeof Yaml;
  return yamlModule.parse(source);
}

const text = (value: CtyValue | undefined): string | undefined => (typeof value === "string" ? value : undefined);

function parseJson(value: CtyValue | undefined, what: string): JsonValue {
  const source = text(value);
  if (source === undefined || source === "") return {};
  try {
    return JSON.parse(source) as JsonValue;
  } catch (error) {
    throw new ApiError(`Failed to parse ${what} ${source}: ${(error as Error).message}`);
  }
}

function assertUniqueName(org: OrgDocument, type: string, name: unknown, id: string | undefined, what: string): void {
  const clash = Object.entries(objectsOf(org, type)).find(([otherId, object]) => otherId !== id && object.name === name);
  if (clash) throw new ApiError(`409 Conflict: a ${what} named "${String(name)}" already exists (id ${clash[0]})`);
}

function requireObject(org: OrgDocument, type: string, id: CtyValue | undefined, what: string): OrgObject {
  const object = typeof id === "string" ? objectsOf(org, type)[id] : undefined;
  if (!object) throw new ApiError(`404 Not Found: ${what} ${String(id)} does not exist`);
  return object;
}

function upsert(org: OrgDocument, type: string, id: string | undefined, object: OrgObject): string {
  const objectId = id ?? newObjectId();
  objectsOf(org, type)[objectId] = object;
  return objectId;
}

const stored = (org: OrgDocument, type: string, id: string): OrgObject | undefined => objectsOf(org, type)[id];
const value = (object: OrgObject, name: string): CtyValue => (object[name] ?? null) as CtyValue;

/** A read that keeps the prior state and sets `id` and what `fields` reads from the stored object; null when the object is gone. */
function readStored(
  type: string,
  fields: (object: OrgObject, id: string, prior: CtyObject, org: OrgDocument) => CtyObject,
): ResourceModel["read"] {
  return (org, id, prior) => {
    const object = stored(org, type, id);
    return object ? { ...prior, id, ...fields(object, id, prior, org) } : null;
  };
}

/** architect_datatable/resource_genesyscloud_architect_datatable_schema.go: division_id defaults to the home division. */
const datatable: ResourceModel = {
  forceNew: [],
  jsonEquivalent: [],
  defaults: {},
  write(org, state, id) {
    assertUniqueName(org, "genesyscloud_architect_datatable", state.name, id, "data table");
    return upsert(org, "genesyscloud_architect_datatable", id, {
      name: state.name,
      description: state.description,
      division_id: state.division_id ?? HOME_DIVISION_ID,
      properties: state.properties,
    });
  },
  read: readStored("genesyscloud_architect_datatable", (object) => pick(object, ["name", "description", "division_id", "properties"])),
  remove(org, id) {
    delete objectsOf(org, "genesyscloud_architect_datatable")[id];
    const rows = objectsOf(org, "genesyscloud_architect_datatable_row");
    for (const rowId of Object.keys(rows)) if (rows[rowId].datatable_id === id) delete rows[rowId];
  },
};

/** Typed column default as the table schema holds it (the datatable resource converts the string `default`). */
function columnDefault(column: OrgObject): JsonValue {
  const type = column.type;
  const given = column.default;
  if (typeof given === "string" && given !== "") {
    if (type === "integer" || type === "number") return Number(given);
    if (type === "boolean") return given === "true";
    return given;
  }
  return type === "boolean" ? false : type === "integer" || type === "number" ? 0 : "";
}

/**
 * architect_datatable_row: id `<datatable_id>/<key_value>` (genesyscloud_architect_datatable_row_utils.go
 * createDatatableRowId); datatable_id and key_value ForceNew; properties_json Optional+Computed with
 * SuppressEquivalentJsonDiffs; customizeDatatableRowDiff fills every column the configuration leaves
 * out with the table's default and re-marshals with encoding/json; the read marshals the row without `key`.
 */
const datatableRow: ResourceModel = {
  forceNew: ["datatable_id", "key_value"],
  jsonEquivalent: ["properties_json"],
  defaults: {},
  customizeDiff(planned, _prior, org) {
    if (planned.properties_json === UNKNOWN) return;
    if (planned.datatable_id === UNKNOWN || typeof planned.datatable_id !== "string") {
      planned.properties_json = UNKNOWN;
      return;
    }
    const table = stored(org, "genesyscloud_architect_datatable", planned.datatable_id);
    const row = parseJson(planned.properties_json, "properties_json") as Record<string, JsonValue>;
    for (const column of (table?.properties ?? []) as OrgObject[]) {
      const name = column.name as string;
      if (name !== "key" && !(name in row)) row[name] = columnDefault(column);
    }
    planned.properties_json = goJsonMarshal(row);
  },
  write(org, state) {
    requireObject(org, "genesyscloud_architect_datatable", state.datatable_id, "data table");
    const id = `${String(state.datatable_id)}/${String(state.key_value)}`;
    objectsOf(org, "genesyscloud_architect_datatable_row")[id] = {
      datatable_id: state.datatable_id,
      key_value: state.key_value,
      properties: parseJson(state.properties_json, "properties_json"),
    };
    return id;
  },
  read(org, id, prior) {
    const separator = id.indexOf("/");
    if (separator < 0) throw new ApiError(`Invalid Row ID ${id}`);
    const object = stored(org, "genesyscloud_architect_datatable_row", id);
    if (!object || !stored(org, "genesyscloud_architect_datatable", id.slice(0, separator))) return null;
    // The key is its own attribute: the read removes it from the row (delete(*row, "key")).
    const properties = Object.fromEntries(
      Object.entries((object.properties ?? {}) as Record<string, JsonValue>).filter(([name]) => name !== "key"),
    );
    return {
      ...prior,
      id,
      datatable_id: id.slice(0, separator),
      key_value: id.slice(separator + 1),
      properties_json: goJsonMarshal(properties),
    };
  },
};

/** auth_role/resource_genesyscloud_auth_role_schema.go: default_role_id ForceNew; role names are unique in an org. */
const authRole: ResourceModel = {
  forceNew: ["default_role_id"],
  jsonEquivalent: [],
  defaults: {},
  write(org, state, id) {
    assertUniqueName(org, "genesyscloud_auth_role", state.name, id, "role");
    return upsert(
      org,
      "genesyscloud_auth_role",
      id,
      pick(state, ["name", "description", "permissions", "permission_policies", "default_role_id"]),
    );
  },
  read: readStored("genesyscloud_auth_role", (object) =>
    pick(object, ["name", "description", "permissions", "permission_policies", "default_role_id"]),
  ),
};

/**
 * oauth_client: defaults access_token_validity_seconds 86400, state "active", expose_client_secret
 * false (resource_genesyscloud_oauth_client_schema.go); client_id is the client's id and
 * integration_credential_id the credential created from integration_credential_name
 * (resource_genesyscloud_oauth_client.go createCredential); a role assignment without a division
 * reads back with the home division. The twin never stores a secret.
 */
const oauthClient: ResourceModel = {
  forceNew: [],
  jsonEquivalent: [],
  defaults: { access_token_validity_seconds: 86400, state: "active", expose_client_secret: false },
  write(org, state, id) {
    const roles = ((state.roles ?? []) as CtyObject[]).map((role) => {
      requireObject(org, "genesyscloud_auth_role", role.role_id, "role");
      return { role_id: role.role_id, division_id: role.division_id ?? HOME_DIVISION_ID };
    });
    const previous = id === undefined ? undefined : stored(org, "genesyscloud_oauth_client", id);
    const clientId = upsert(org, "genesyscloud_oauth_client", id, {
      ...pick(state, [
        "name",
        "description",
        "authorized_grant_type",
        "access_token_validity_seconds",
        "registered_redirect_uris",
        "scopes",
        "state",
      ]),
      roles,
    });
    const credentials = objectsOf(org, "genesyscloud_integration_credential");
    let credentialId = previous?.integration_credential_id as string | undefined;
    if (credentialId && (!credentials[credentialId] || credentials[credentialId].name !== state.integration_credential_name)) {
      delete credentials[credentialId];
      credentialId = undefined;
    }
    if (typeof state.integration_credential_name === "string" && credentialId === undefined) {
      credentialId = upsert(org, "genesyscloud_integration_credential", undefined, {
        name: state.integration_credential_name,
        type: "pureCloudOAuthClient",
        client_id: clientId,
      });
    }
    objectsOf(org, "genesyscloud_oauth_client")[clientId].integration_credential_id = credentialId ?? null;
    return clientId;
  },
  read: readStored("genesyscloud_oauth_client", (object, id, prior, org) => {
    const credentialId = object.integration_credential_id as string | null;
    const credential = credentialId ? stored(org, "genesyscloud_integration_credential", credentialId) : undefined;
    return {
      ...pick(object, [
        "name",
        "description",
        "authorized_grant_type",
        "access_token_validity_seconds",
        "registered_redirect_uris",
        "scopes",
        "roles",
        "state",
      ]),
      client_id: id,
      client_secret: prior.client_secret === UNKNOWN ? "" : prior.client_secret,
      integration_credential_id: credential ? credentialId : null,
      integration_credential_name: credential ? value(credential, "name") : null,
    };
  }),
  remove(org, id) {
    const credentialId = stored(org, "genesyscloud_oauth_client", id)?.integration_credential_id;
    if (typeof credentialId === "string") delete objectsOf(org, "genesyscloud_integration_credential")[credentialId];
    delete objectsOf(org, "genesyscloud_oauth_client")[id];
  },
};

/**
 * integration: intended_state defaults to "DISABLED"; config.name is Computed; config.properties and
 * config.advanced are JSON with SuppressEquivalentJsonDiffs (resource_genesyscloud_integration_schema.go).
 */
const integration: ResourceModel = {
  forceNew: [],
  jsonEquivalent: ["config.properties", "config.advanced"],
  defaults: { intended_state: "DISABLED" },
  write(org, state, id) {
    const config = ((state.config ?? []) as CtyObject[])[0] ?? {};
    const credentials = (config.credentials ?? {}) as Record<string, CtyValue>;
    for (const credentialId of Object.values(credentials))
      requireObject(org, "genesyscloud_integration_credential", credentialId, "credential");
    return upsert(org, "genesyscloud_integration", id, {
      integration_type: state.integration_type,
      intended_state: state.intended_state,
      config: {
        name: config.name ?? state.integration_type,
        notes: config.notes ?? "",
        properties: parseJson(config.properties, "config.properties"),
        advanced: parseJson(config.advanced, "config.advanced"),
        credentials,
      },
    });
  },
  read: readStored("genesyscloud_integration", (object) => {
    const config = (object.config ?? {}) as OrgObject;
    return {
      integration_type: value(object, "integration_type"),
      intended_state: value(object, "intended_state"),
      config: [
        {
          name: value(config, "name"),
          notes: value(config, "notes"),
          properties: goJsonMarshal((config.properties ?? {}) as JsonValue),
          advanced: goJsonMarshal((config.advanced ?? {}) as JsonValue),
          credentials: value(config, "credentials"),
        },
      ],
    };
  }),
};

/**
 * integration_action: integration_id, secure (default false), contract_input and contract_output are
 * ForceNew; the contracts are JSON with SuppressEquivalentJsonDiffs (resource_genesyscloud_integration_action_schema.go)
 * and read back with encoding/json (resource_genesyscloud_integration_action_utils.go flattenActionContract);
 * the request always carries a headers map and a request template (BuildSdkActionConfigRequest).
 */
const integrationAction: ResourceModel = {
  forceNew: ["integration_id", "secure", "contract_input", "contract_output"],
  jsonEquivalent: ["contract_input", "contract_output"],
  defaults: { secure: false },
  write(org, state, id) {
    requireObject(org, "genesyscloud_integration", state.integration_id, "integration");
    const request = ((state.config_request ?? []) as CtyObject[])[0] ?? {};
    const response = ((state.config_response ?? []) as CtyObject[])[0] ?? {};
    return upsert(org, "genesyscloud_integration_action", id, {
      ...pick(state, ["name", "category", "integration_id", "secure", "config_timeout_seconds"]),
      contract: { input: parseJson(state.contract_input, "contract input"), output: parseJson(state.contract_output, "contract output") },
      config_request: {
        request_url_template: request.request_url_template ?? "",
        request_type: request.request_type ?? "",
        request_template: text(request.request_template) ?? "",
        headers: request.headers ?? {},
      },
      config_response: {
        translation_map: response.translation_map ?? {},
        translation_map_defaults: response.translation_map_defaults ?? {},
        success_template: text(response.success_template) ?? "",
      },
    });
  },
  read: readStored("genesyscloud_integration_action", (object) => {
    const contract = (object.contract ?? {}) as OrgObject;
    return {
      ...pick(object, ["name", "category", "integration_id", "secure", "config_timeout_seconds"]),
      contract_input: goJsonMarshal((contract.input ?? {}) as JsonValue),
      contract_output: goJsonMarshal((contract.output ?? {}) as JsonValue),
      config_request: [object.config_request as CtyObject],
      config_response: [object.config_response as CtyObject],
    };
  }),
};

/** sha256 of the file as on disk, before substitution (util/files/util_files.go HashFileContent). */
function fileContentHash(filePath: string): string | undefined {
  const absolute = resolve(filePath);
  return existsSync(absolute) ? createHash("sha256").update(readFileSync(absolute)).digest("hex") : undefined;
}

/**
 * `{{key}}` replaced by its value, every occurrence, key by key (util/files/util_files.go
 * substituteValues: strings.Replace over the map; Go's map order is random, the twin uses key order).
 */
export function substituteFlowFile(content: string, substitutions: Readonly<Record<string, CtyValue>>): string {
  let result = content;
  for (const key of Object.keys(substitutions).sort()) result = result.split(`{{${key}}}`).join(String(substitutions[key] ?? ""));
  return result;
}

/**
 * flow (architect_flow/resource_genesyscloud_flow.go): create and update upload the YAML after
 * substitution to an Architect deploy job, which publishes the flow named in the YAML — a new name
 * is a new flow with a new id, the old one stays. file_content_hash is recomputed at plan time and
 * is unknown when the file changed (customdiff.ComputedIf, validators.ValidateFileContentHashChanged).
 * The read sets only name and type.
 */
const flow: ResourceModel = {
  forceNew: [],
  jsonEquivalent: [],
  defaults: {},
  customizeDiff(planned, prior) {
    if (typeof planned.filepath !== "string") return;
    const hash = fileContentHash(planned.filepath);
    if (hash === undefined) return;
    if (prior === null || prior.file_content_hash !== hash) planned.file_content_hash = UNKNOWN;
  },
  write(org, state, id) {
    const filePath = String(state.filepath);
    const hash = fileContentHash(filePath);
    if (hash === undefined) throw new ApiError(`open ${filePath}: no such file or directory`);
    const substitutions = (state.substitutions ?? {}) as Record<string, CtyValue>;
    const yaml = substituteFlowFile(readFileSync(resolve(filePath), "utf8"), substitutions);
    let document: unknown;
    try {
      document = parseYaml(yaml);
    } catch (error) {
      throw new ApiError(`flow publish failed: the YAML after substitution does not parse: ${(error as Error).message.split("\n")[0]}`);
    }
    const [flowKey] = Object.keys((document ?? {}) as object);
    const name = ((document as Record<string, { name?: unknown }> | null)?.[flowKey] ?? {}).name;
    if (flowKey === undefined || typeof name !== "string") throw new ApiError("flow publish failed: the YAML names no flow type and name");
    const type = flowKey.toUpperCase();
    const flows = objectsOf(org, "genesyscloud_flow");
    const existing = Object.keys(flows).find((flowId) => flows[flowId].name === name && flows[flowId].type === type);
    // The substitutions are kept beside the YAML (Architect keeps only the YAML) so the replay can read it back.
    const flowId = upsert(org, "genesyscloud_flow", existing, { name, type, yaml, substitutions });
    state.file_content_hash = hash;
    void id;
    return flowId;
  },
  read: readStored("genesyscloud_flow", (object) => ({ name: value(object, "name"), type: value(object, "type") })),
};

/**
 * processautomation_trigger (process_automation_trigger/resource_genesyscloud_processautomation_trigger.go):
 * topic_name ForceNew; delay_by_seconds 60–900, event_ttl_seconds ≥ 10, not both; match_criteria is
 * sent parsed and read back re-marshalled by encoding/json (process_automations_triggers_struct.go),
 * without diff suppression.
 */
const trigger: ResourceModel = {
  forceNew: ["topic_name"],
  jsonEquivalent: [],
  defaults: {},
  validate(config) {
    const problems: string[] = [];
    const delay = config.delay_by_seconds;
    const ttl = config.event_ttl_seconds;
    if (typeof delay === "number" && (delay < 60 || delay > 900))
      problems.push(`delay_by_seconds: expected to be in the range (60 - 900), got ${delay}`);
    if (typeof ttl === "number" && ttl < 10) problems.push(`event_ttl_seconds: expected to be at least (10), got ${ttl}`);
    if (typeof delay === "number" && typeof ttl === "number") problems.push("only one of event_ttl_seconds or delay_by_seconds can be set");
    return problems;
  },
  write(org, state, id) {
    const target = ((state.target ?? []) as CtyObject[])[0] ?? {};
    if (target.type === "Workflow") requireObject(org, "genesyscloud_flow", target.id, "target workflow");
    const settings = ((target.workflow_target_settings ?? []) as CtyObject[])[0];
    return upsert(org, "genesyscloud_processautomation_trigger", id, {
      ...pick(state, ["name", "topic_name", "enabled", "event_ttl_seconds", "delay_by_seconds", "description"]),
      target: { type: target.type, id: target.id, data_format: settings?.data_format ?? null },
      match_criteria: typeof state.match_criteria === "string" ? parseJson(state.match_criteria, "match_criteria") : null,
    });
  },
  read: readStored("genesyscloud_processautomation_trigger", (object) => {
    const target = (object.target ?? {}) as OrgObject;
    return {
      ...pick(object, ["name", "topic_name", "enabled", "event_ttl_seconds", "delay_by_seconds", "description"]),
      match_criteria:
        object.match_criteria === null || object.match_criteria === undefined ? null : goJsonMarshal(object.match_criteria as JsonValue),
      target: [
        {
          type: value(target, "type"),
          id: value(target, "id"),
          workflow_target_settings: target.data_format ? [{ data_format: value(target, "data_format") }] : [],
        },
      ],
    };
  }),
};

export const RESOURCE_MODELS: Readonly<Record<string, ResourceModel>> = {
  genesyscloud_architect_datatable: datatable,
  genesyscloud_architect_datatable_row: datatableRow,
  genesyscloud_auth_role: authRole,
  genesyscloud_oauth_client: oauthClient,
  genesyscloud_integration: integration,
  genesyscloud_integration_action: integrationAction,
  genesyscloud_flow: flow,
  genesyscloud_processautomation_trigger: trigger,
};

/** data_source_genesyscloud_auth_division_home.go: the org's home division. */
export function readHomeDivision(org: OrgDocument): CtyObject {
  const divisions = objectsOf(org, "genesyscloud_auth_division");
  const id = Object.keys(divisions).find((divisionId) => divisions[divisionId].homeDivision === true);
  if (id === undefined) throw new ApiError("the org has no home division (objects.genesyscloud_auth_division[*].homeDivision)");
  return { id, name: value(divisions[id], "name"), description: value(divisions[id], "description") };
}

function pick(object: Record<string, unknown>, names: readonly string[]): CtyObject {
  return Object.fromEntries(names.map((name) => [name, (object[name] ?? null) as CtyValue]));
}
