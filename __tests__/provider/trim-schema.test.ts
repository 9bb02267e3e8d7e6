import { readFileSync } from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { committedSchemaPath, readProviderTypes, readSchema, type ProviderSchemaDocument } from "../../provider/schema-file";

/**
 * The pinned schema against the provider's full schema, read independently of trim-schema.ts: a trim
 * that lost a flag would write a pin that agrees with itself but not with what terraform reports.
 */
const types = readProviderTypes();
const pinned = readSchema(committedSchemaPath()).provider_schemas[types.provider];
/** The provider's full 1.84.1 schema, vendored (fixtures/README.md names its source). */
const full = (
  JSON.parse(
    gunzipSync(readFileSync(path.join(__dirname, "fixtures", "genesyscloud-1.84.1.full.json.gz"))).toString("utf8"),
  ) as ProviderSchemaDocument
).provider_schemas[types.provider];

interface Block {
  attributes?: Record<string, Record<string, unknown>>;
  block_types?: Record<string, { block: Block } & Record<string, unknown>>;
}
interface TypeSchema {
  version?: number;
  block: Block;
}

/** Every attribute and nested block of a schema, keyed by dotted path, with all of its fields (flags, type, nesting, item counts). */
function flatten(schema: TypeSchema): Record<string, unknown> {
  const entries: Record<string, unknown> = { "(version)": schema.version };
  const walk = (block: Block, prefix: string) => {
    const { attributes, block_types, ...blockFields } = block;
    entries[`${prefix || "(root)"} block`] = blockFields;
    for (const [name, attribute] of Object.entries(attributes ?? {})) entries[`${prefix}${name}`] = attribute;
    for (const [name, { block: nested, ...nesting }] of Object.entries(block_types ?? {})) {
      entries[`${prefix}${name} nesting`] = nesting;
      walk(nested, `${prefix}${name}.`);
    }
  };
  walk(schema.block, "");
  return entries;
}

const resource = (entry: typeof pinned, name: string) => entry.resource_schemas?.[name] as TypeSchema;
const dataSource = (entry: typeof pinned, name: string) => entry.data_source_schemas?.[name] as TypeSchema;

describe("GIVEN the pinned provider schema and the full provider schema it was trimmed from", () => {
  it("THEN the provider configuration is the same, attribute by attribute", () => {
    expect(flatten(pinned.provider as TypeSchema)).toEqual(flatten(full.provider as TypeSchema));
  });

  it.each(types.resources)("THEN resource %s carries every attribute, block, flag and the version of the full schema", (name) => {
    expect(resource(full, name), `${name} is missing from the full schema`).toBeDefined();
    expect(flatten(resource(pinned, name))).toEqual(flatten(resource(full, name)));
  });

  it.each(types.dataSources)("THEN data source %s carries every attribute, block, flag and the version of the full schema", (name) => {
    expect(dataSource(full, name), `${name} is missing from the full schema`).toBeDefined();
    expect(flatten(dataSource(pinned, name))).toEqual(flatten(dataSource(full, name)));
  });
});

/**
 * Facts from the provider's source at tag v1.84.1 (MyPureCloud/terraform-provider-genesyscloud), which
 * `terraform providers schema -json` reports and a schema rebuilt from the generated documentation
 * loses (tfplugindocs lists Optional+Computed under "Optional" and prints no schema version).
 */
const PROVIDER_SOURCE: Record<string, { kind: "resource" | "data"; file: string; version: number; optionalComputed: string[] }> = {
  genesyscloud_architect_datatable: {
    kind: "resource",
    file: "genesyscloud/architect_datatable/resource_genesyscloud_architect_datatable_schema.go",
    version: 1,
    optionalComputed: ["division_id"],
  },
  genesyscloud_architect_datatable_row: {
    kind: "resource",
    file: "genesyscloud/architect_datatable_row/resource_genesyscloud_architect_datatable_row_schema.go",
    version: 1,
    optionalComputed: ["properties_json"],
  },
  genesyscloud_auth_role: {
    kind: "resource",
    file: "genesyscloud/auth_role/resource_genesyscloud_auth_role_schema.go",
    version: 1,
    optionalComputed: [],
  },
  genesyscloud_flow: {
    kind: "resource",
    file: "genesyscloud/architect_flow/resource_genesyscloud_architect_flow_schema.go",
    version: 1,
    optionalComputed: ["name", "type"],
  },
  genesyscloud_integration: {
    kind: "resource",
    file: "genesyscloud/integration/resource_genesyscloud_integration_schema.go",
    version: 1,
    optionalComputed: ["config.advanced", "config.name", "config.properties"],
  },
  genesyscloud_integration_action: {
    kind: "resource",
    file: "genesyscloud/integration_action/resource_genesyscloud_integration_action_schema.go",
    version: 1,
    optionalComputed: [
      "config_request.request_template",
      "config_request.request_url_template",
      "config_response.success_template",
      "function_config.description",
      "function_config.handler",
      "function_config.runtime",
      "function_config.timeout_seconds",
      "function_config.zip_id",
    ],
  },
  genesyscloud_oauth_client: {
    kind: "resource",
    file: "genesyscloud/oauth_client/resource_genesyscloud_oauth_client_schema.go",
    version: 1,
    optionalComputed: ["client_secret", "roles.division_id"],
  },
  genesyscloud_processautomation_trigger: {
    kind: "resource",
    file: "genesyscloud/process_automation_trigger/resource_genesyscloud_processautomation_trigger.go",
    version: 1,
    optionalComputed: [],
  },
  genesyscloud_auth_division_home: {
    kind: "data",
    file: "genesyscloud/data_source_genesyscloud_auth_division_home.go",
    version: 0,
    optionalComputed: ["description", "name"],
  },
};

function optionalComputedPaths(block: Block, prefix = ""): string[] {
  return [
    ...Object.entries(block.attributes ?? {})
      .filter(([name, attribute]) => attribute.optional && attribute.computed && !(prefix === "" && name === "id"))
      .map(([name]) => prefix + name),
    ...Object.entries(block.block_types ?? {}).flatMap(([name, nested]) => optionalComputedPaths(nested.block, `${prefix}${name}.`)),
  ].sort();
}

describe("GIVEN the provider source at v1.84.1 (terraform-plugin-sdk/v2)", () => {
  it("THEN it describes exactly the types in provider/types.json", () => {
    expect(Object.keys(PROVIDER_SOURCE).sort()).toEqual([...types.resources, ...types.dataSources].sort());
  });

  it.each(Object.entries(PROVIDER_SOURCE))(
    "THEN the pinned %s has its SchemaVersion, its Optional+Computed attributes and the SDK's implicit id",
    (name, source) => {
      const schema = source.kind === "resource" ? resource(pinned, name) : dataSource(pinned, name);
      expect(schema.version, `SchemaVersion in ${source.file}`).toBe(source.version);
      expect(optionalComputedPaths(schema.block), `Optional+Computed in ${source.file}`).toEqual(source.optionalComputed);
      // helper/schema Resource.CoreConfigSchema adds `id` as an Optional+Computed string when the schema does not declare one.
      expect(schema.block.attributes?.id).toEqual({ type: "string", optional: true, computed: true, description_kind: "plain" });
    },
  );
});
