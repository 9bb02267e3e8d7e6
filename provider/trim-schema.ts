/**
 * Refreshes provider/schema from a full `terraform providers schema -json` document, keeping only
 * the provider configuration and the types listed in provider/types.json.
 *
 *   npm run schema:trim -- <full-schema.json> [<provider-version>]   (cli/schema-trim.ts)
 *
 * The version is read from the document's `provider_versions` (our shared copy has it); a raw
 * terraform output has none, so pass the version that `terraform version -json` reports.
 */
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { pinnedProviderVersion, readProviderTypes, readSchema, SCHEMA_DIR, type ProviderSchemaDocument } from "./schema-file";

export function trimSchema(full: ProviderSchemaDocument, version?: string): ProviderSchemaDocument {
  const types = readProviderTypes();
  const entry = full.provider_schemas[types.provider];
  if (!entry) {
    throw new Error(`the schema does not describe ${types.provider} (has: ${Object.keys(full.provider_schemas).join(", ")})`);
  }
  const pick = (all: Record<string, unknown> | undefined, names: string[], kind: string) =>
    Object.fromEntries(
      names.map((name) => {
        const block = all?.[name];
        if (!block) throw new Error(`${kind} ${name} (provider/types.json) is not in the schema`);
        return [name, block];
      }),
    );
  const providerVersion = version ?? pinnedProviderVersion(full, types.provider);
  return {
    format_version: full.format_version,
    provider_schemas: {
      [types.provider]: {
        provider: entry.provider,
        resource_schemas: pick(entry.resource_schemas, types.resources, "resource"),
        data_source_schemas: pick(entry.data_source_schemas, types.dataSources, "data source"),
      },
    },
    provider_versions: { [types.provider]: providerVersion },
  };
}

/** Trims the full schema document and replaces provider/schema's file with it; returns the file written. */
export function replaceCommittedSchema(fullSchemaFile: string, version?: string): string {
  const trimmed = trimSchema(readSchema(fullSchemaFile), version);
  const pinned = Object.values(trimmed.provider_versions ?? {})[0];
  for (const old of readdirSync(SCHEMA_DIR)) if (old.endsWith(".json")) rmSync(path.join(SCHEMA_DIR, old));
  const target = path.join(SCHEMA_DIR, `genesyscloud-${pinned}.json`);
  writeFileSync(target, JSON.stringify(trimmed, null, 1) + "\n");
  return target;
}
