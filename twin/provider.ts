/**
 * The tfplugin6 Provider service of the stand-in: every RPC terraform 1.11 calls, answered from the
 * pinned schema, twin/resources.ts and the org twin. Responses set legacy_type_system like the real
 * provider (terraform-plugin-sdk/v2), so terraform tolerates the same plan/apply differences.
 */
import type * as grpc from "@grpc/grpc-js";
import {
  ctyEqual,
  conform,
  decodeDynamicValue,
  encodeDynamicValue,
  unknownsToNull,
  UNKNOWN,
  type CtyObject,
  type CtyType,
  type CtyValue,
  type DynamicValue,
} from "./cty";
import { faultsOf, matchingFault, readOrg, updateOrg, type Fault, type OrgDocument } from "./org";
import { ApiError, readHomeDivision, RESOURCE_MODELS, type ResourceModel } from "./resources";
import { blockType, schemaMessage, type ProviderSchemas, type SchemaBlock } from "./schema";

interface Diagnostic {
  severity: number;
  summary: string;
  detail: string;
  attribute?: { steps: { attribute_name: string }[] };
}

const ERROR = 1;
const DEFAULT_TIMEOUT_MS = 3000;

const error = (summary: string, detail = "", attribute?: string): Diagnostic => ({
  severity: ERROR,
  summary,
  detail,
  attribute: attribute ? { steps: [{ attribute_name: attribute }] } : undefined,
});

type Handler = (request: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface StandInProviderOptions {
  readonly schemas: ProviderSchemas;
  readonly orgFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Null and empty collections, "" / 0 / false: the SDK's flatmap diff treats them as "not set". */
function isZero(value: CtyValue): boolean {
  if (value === null || value === "" || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return value !== UNKNOWN && typeof value === "object" && Object.keys(value).length === 0;
}

function jsonEquivalent(left: string, right: string): boolean {
  try {
    return sortedJson(JSON.parse(left)) === sortedJson(JSON.parse(right));
  } catch {
    return false;
  }
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson(object[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Where the planned value equals the prior one as the SDK compares them (zero values alike, JSON
 * attributes by meaning), the prior value is kept: no diff, as with the real provider.
 */
function settle(planned: CtyValue, prior: CtyValue, type: CtyType, path: string, json: readonly string[]): CtyValue {
  if (planned === UNKNOWN || prior === UNKNOWN) return planned;
  if (json.includes(path) && typeof planned === "string" && typeof prior === "string" && jsonEquivalent(planned, prior)) return prior;
  if (isZero(planned) && isZero(prior) && !(typeof type !== "string" && type[0] === "object")) return prior;
  if (ctyEqual(planned, prior, type)) return prior;
  if (typeof type === "string" || planned === null || prior === null) return planned;
  const [kind, inner] = type;
  if (kind === "object") {
    const attributes = inner as Record<string, CtyType>;
    const a = planned as CtyObject;
    const b = prior as CtyObject;
    return Object.fromEntries(
      Object.keys(attributes).map((name) => [
        name,
        settle(a[name] ?? null, b[name] ?? null, attributes[name], path ? `${path}.${name}` : name, json),
      ]),
    );
  }
  if (kind === "list" && (planned as CtyValue[]).length === (prior as CtyValue[]).length) {
    return (planned as CtyValue[]).map((element, index) => settle(element, (prior as CtyValue[])[index], inner as CtyType, path, json));
  }
  return planned;
}

/** Computed attributes with no value yet become unknown ("known after apply"), nested blocks included. */
function markComputedUnknown(value: CtyObject, block: SchemaBlock, onlyTopLevelNames?: readonly string[]): void {
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (
      attribute.computed &&
      (value[name] === null || value[name] === undefined) &&
      (!onlyTopLevelNames || onlyTopLevelNames.includes(name))
    ) {
      value[name] = UNKNOWN;
    }
  }
  if (onlyTopLevelNames) return;
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const element = value[name];
    const elements = Array.isArray(element) ? element : element && element !== UNKNOWN && typeof element === "object" ? [element] : [];
    for (const item of elements)
      if (item && item !== UNKNOWN && typeof item === "object" && !Array.isArray(item)) markComputedUnknown(item, nested.block);
  }
}

export function createProviderService(options: StandInProviderOptions): Record<string, grpc.UntypedHandleCall> {
  const { orgFile } = options;
  const { schemas } = options;
  const env = options.env ?? process.env;
  const resourceType = (name: string): CtyType => blockType(schemas.resources[name].block);
  const model = (name: string): ResourceModel => {
    const found = RESOURCE_MODELS[name];
    if (!found) throw new ApiError(`the twin does not model ${name}`);
    return found;
  };

  /** Applies an injected fault, if one matches: throws the API error, after the timeout for "timeout". */
  async function injectFault(org: OrgDocument, type: string, operation: Fault["operation"], target: { id?: string; name?: unknown }) {
    const fault = matchingFault(faultsOf(org, env), type, operation, target);
    if (!fault) return;
    if (fault.effect === "timeout") {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? DEFAULT_TIMEOUT_MS));
      throw new ApiError(
        fault.message ??
          `timeout while waiting for the API to ${operation} ${type} ${target.id ?? String(target.name)}: context deadline exceeded`,
      );
    }
    throw new ApiError(
      fault.message ?? `injected failure: ${operation} ${type} ${target.id ?? String(target.name)} answered 500 Internal Server Error`,
    );
  }

  const rpc: Record<string, Handler> = {
    GetMetadata: () => ({
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
      resources: Object.keys(schemas.resources).map((type_name) => ({ type_name })),
      data_sources: Object.keys(schemas.dataSources).map((type_name) => ({ type_name })),
      diagnostics: [],
    }),
    GetProviderSchema: () => ({
      provider: schemaMessage(schemas.provider),
      resource_schemas: Object.fromEntries(Object.entries(schemas.resources).map(([name, schema]) => [name, schemaMessage(schema)])),
      data_source_schemas: Object.fromEntries(Object.entries(schemas.dataSources).map(([name, schema]) => [name, schemaMessage(schema)])),
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
      diagnostics: [],
    }),
    ValidateProviderConfig: () => ({ diagnostics: [] }),
    ConfigureProvider: () => ({ diagnostics: [] }),
    StopProvider: () => ({}),
    ValidateDataResourceConfig: () => ({ diagnostics: [] }),
    ValidateResourceConfig: (request) => {
      const config = decodeDynamicValue(request.config as DynamicValue) as CtyObject | null;
      const validate = RESOURCE_MODELS[request.type_name as string]?.validate;
      const problems = config && validate ? validate(config) : [];
      return { diagnostics: problems.map((problem) => error(`invalid ${request.type_name as string} configuration`, problem)) };
    },
    UpgradeResourceState: (request) => {
      const type = resourceType(request.type_name as string);
      const raw = (request.raw_state as { json?: Buffer } | undefined)?.json;
      const state = raw && raw.length > 0 ? (JSON.parse(raw.toString("utf8")) as CtyValue) : null;
      return { upgraded_state: encodeDynamicValue(state, type), diagnostics: [] };
    },
    ReadDataSource: (request) => {
      const typeName = request.type_name as string;
      const type = blockType(schemas.dataSources[typeName].block);
      if (typeName !== "genesyscloud_auth_division_home")
        return { diagnostics: [error(`the twin does not model the data source ${typeName}`)] };
      return { state: encodeDynamicValue(readHomeDivision(readOrg(orgFile)), type), diagnostics: [] };
    },
    ImportResourceState: (request) => {
      const typeName = request.type_name as string;
      // schema.ImportStatePassthroughContext: the id alone; the following read fills the rest.
      return {
        imported_resources: [{ type_name: typeName, state: encodeDynamicValue({ id: request.id as string }, resourceType(typeName)) }],
        diagnostics: [],
      };
    },
    ReadResource: async (request) => {
      const typeName = request.type_name as string;
      const type = resourceType(typeName);
      const current = decodeDynamicValue(request.current_state as DynamicValue) as CtyObject | null;
      if (current === null) return { new_state: request.current_state, diagnostics: [] };
      const org = readOrg(orgFile);
      const id = String(current.id);
      await injectFault(org, typeName, "read", { id, name: current.name });
      const state = model(typeName).read(org, id, current);
      return {
        new_state: encodeDynamicValue(state === null ? null : unknownsToNull(conform(state, type)), type),
        private: request.private,
        diagnostics: [],
      };
    },
    PlanResourceChange: (request) => {
      const typeName = request.type_name as string;
      const schema = schemas.resources[typeName];
      const type = blockType(schema.block);
      const resource = model(typeName);
      const prior = decodeDynamicValue(request.prior_state as DynamicValue) as CtyObject | null;
      const proposed = decodeDynamicValue(request.proposed_new_state as DynamicValue) as CtyObject | null;
      if (proposed === null) return { planned_state: request.proposed_new_state, legacy_type_system: true, diagnostics: [] };
      const planned = conform(proposed, type) as CtyObject;
      for (const [name, defaultValue] of Object.entries(resource.defaults)) if (planned[name] === null) planned[name] = defaultValue;
      resource.customizeDiff?.(planned, prior, readOrg(orgFile));
      let settled = prior === null ? planned : (settle(planned, prior, type, "", resource.jsonEquivalent) as CtyObject);
      if (prior === null) markComputedUnknown(settled, schema.block);
      const requiresReplace =
        prior === null
          ? []
          : resource.forceNew.filter(
              (name) => !ctyEqual(settled[name] ?? null, prior[name] ?? null, (type[1] as Record<string, CtyType>)[name]),
            );
      if (requiresReplace.length > 0) {
        const config = decodeDynamicValue(request.config as DynamicValue) as CtyObject;
        settled = { ...settled };
        const computedOnly = Object.keys(schema.block.attributes ?? {}).filter(
          (name) => config[name] === null || config[name] === undefined,
        );
        for (const name of computedOnly) if (schema.block.attributes?.[name].computed) settled[name] = null;
        markComputedUnknown(settled, schema.block, computedOnly);
      }
      return {
        planned_state: encodeDynamicValue(settled, type),
        requires_replace: requiresReplace.map((name) => ({ steps: [{ attribute_name: name }] })),
        planned_private: request.prior_private,
        legacy_type_system: true,
        diagnostics: [],
      };
    },
    ApplyResourceChange: async (request) => {
      const typeName = request.type_name as string;
      const type = resourceType(typeName);
      const resource = model(typeName);
      const prior = decodeDynamicValue(request.prior_state as DynamicValue) as CtyObject | null;
      const planned = decodeDynamicValue(request.planned_state as DynamicValue) as CtyObject | null;
      const operation: Fault["operation"] = planned === null ? "delete" : prior === null ? "create" : "update";
      const target = { id: prior ? String(prior.id) : undefined, name: (planned ?? prior)?.name };
      await injectFault(readOrg(orgFile), typeName, operation, target);
      const newState = updateOrg(orgFile, (org) => {
        if (planned === null) {
          const id = String(prior?.id);
          if (resource.remove) resource.remove(org, id);
          else delete org.objects[typeName]?.[id];
          return null;
        }
        const state = { ...planned };
        const id = resource.write(org, state, prior === null ? undefined : String(prior.id));
        const read = resource.read(org, id, state);
        if (read === null) throw new ApiError(`${typeName} ${id} was not found right after it was written`);
        return unknownsToNull(conform(read, type));
      });
      return { new_state: encodeDynamicValue(newState, type), private: request.planned_private, legacy_type_system: true, diagnostics: [] };
    },
  };

  const service: Record<string, grpc.UntypedHandleCall> = {};
  for (const [name, handler] of Object.entries(rpc)) {
    service[name] = ((call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      Promise.resolve()
        .then(() => handler(call.request))
        .then(
          (response) => callback(null, response),
          (failure: unknown) => {
            const message = (failure as Error).message;
            const summary =
              failure instanceof ApiError
                ? `${call.request.type_name as string}: ${message}`
                : `stand-in provider error in ${name}: ${message}`;
            if (!(failure instanceof ApiError)) process.stderr.write(`${(failure as Error).stack ?? message}\n`);
            // A failed apply leaves the object as it was (null for a create), as the SDK returns the prior state.
            const unchanged = name === "ApplyResourceChange" ? { new_state: call.request.prior_state, legacy_type_system: true } : {};
            callback(null, { ...unchanged, diagnostics: [error(summary)] });
          },
        );
    }) as grpc.UntypedHandleCall;
  }
  return service;
}
