/**
 * The pinned provider schema (provider/schema/genesyscloud-<version>.json, the output of
 * `terraform providers schema -json`) as the stand-in serves it: converted mechanically to the
 * protocol's Schema messages and to the cty type of each resource's state.
 */
import { committedSchemaPath, pinnedProviderVersion, readSchema } from "../provider/schema-file";
import type { CtyType } from "./cty";

export const PROVIDER_ADDRESS = "registry.terraform.io/mypurecloud/genesyscloud";

export interface SchemaAttribute {
  readonly type: CtyType;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}

export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<Record<string, SchemaNestedBlock>>;
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface SchemaNestedBlock {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface TypeSchema {
  readonly version?: number;
  readonly block: SchemaBlock;
}

export interface ProviderSchemas {
  readonly version: string;
  readonly provider: TypeSchema;
  readonly resources: Readonly<Record<string, TypeSchema>>;
  readonly dataSources: Readonly<Record<string, TypeSchema>>;
}

export function loadProviderSchemas(file = committedSchemaPath()): ProviderSchemas {
  const document = readSchema(file);
  const entry = document.provider_schemas[PROVIDER_ADDRESS];
  if (!entry) throw new Error(`${file} has no schema for ${PROVIDER_ADDRESS}`);
  return {
    version: pinnedProviderVersion(document, PROVIDER_ADDRESS),
    provider: entry.provider as TypeSchema,
    resources: (entry.resource_schemas ?? {}) as Record<string, TypeSchema>,
    dataSources: (entry.data_source_schemas ?? {}) as Record<string, TypeSchema>,
  };
}

/** The cty object type of a block's value. */
export function blockType(block: SchemaBlock): CtyType {
  const attributes: Record<string, CtyType> = {};
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) attributes[name] = attribute.type;
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const element = blockType(nested.block);
    attributes[name] =
      nested.nesting_mode === "list"
        ? ["list", element]
        : nested.nesting_mode === "set"
          ? ["set", element]
          : nested.nesting_mode === "map"
            ? ["map", element]
            : element;
  }
  return ["object", attributes];
}

const NESTING_MODES = { single: 1, list: 2, set: 3, map: 4, group: 5 } as const;

/** tfplugin6 Schema.Block (field names as in the vendored proto). */
function blockMessage(block: SchemaBlock, version: number): unknown {
  return {
    version,
    description: block.description ?? "",
    description_kind: 0,
    deprecated: block.deprecated ?? false,
    attributes: Object.entries(block.attributes ?? {}).map(([name, attribute]) => ({
      name,
      type: Buffer.from(JSON.stringify(attribute.type)),
      description: attribute.description ?? "",
      required: attribute.required ?? false,
      optional: attribute.optional ?? false,
      computed: attribute.computed ?? false,
      sensitive: attribute.sensitive ?? false,
      description_kind: 0,
      deprecated: attribute.deprecated ?? false,
    })),
    block_types: Object.entries(block.block_types ?? {}).map(([name, nested]) => ({
      type_name: name,
      block: blockMessage(nested.block, 0),
      nesting: NESTING_MODES[nested.nesting_mode],
      min_items: nested.min_items ?? 0,
      max_items: nested.max_items ?? 0,
    })),
  };
}

/** tfplugin6 Schema message. */
export function schemaMessage(schema: TypeSchema): unknown {
  const version = schema.version ?? 0;
  return { version, block: blockMessage(schema.block, version) };
}
