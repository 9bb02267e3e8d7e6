import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";

/** The subset of `terraform providers schema -json` output this package reads. */
export interface ProviderSchemaDocument {
  format_version: string;
  provider_schemas: Record<string, ProviderSchemaEntry>;
  provider_versions?: Record<string, string>;
}

export interface ProviderSchemaEntry {
  provider: unknown;
  resource_schemas?: Record<string, unknown>;
  data_source_schemas?: Record<string, unknown>;
}

export interface ProviderTypes {
  provider: string;
  resources: string[];
  dataSources: string[];
}

export const PROVIDER_DIR = __dirname;
export const SCHEMA_DIR = path.join(PROVIDER_DIR, "schema");
/** Where the generated bindings go (git-ignored build output). */
export const BINDINGS_DIR = path.join(PROVIDER_DIR, "..", ".gen");

export function readProviderTypes(): ProviderTypes {
  return JSON.parse(readFileSync(path.join(PROVIDER_DIR, "types.json"), "utf8")) as ProviderTypes;
}

/** The single committed schema file: `schema/genesyscloud-<version>.json`. */
export function committedSchemaPath(): string {
  const files = readdirSync(SCHEMA_DIR).filter((f) => /^genesyscloud-\d+\.\d+\.\d+\.json$/.test(f));
  if (files.length !== 1) {
    throw new Error(`provider/schema must hold exactly one genesyscloud-<version>.json, found: ${files.join(", ") || "none"}`);
  }
  return path.join(SCHEMA_DIR, files[0]);
}

export function readSchema(file: string): ProviderSchemaDocument {
  const doc = JSON.parse(readFileSync(file, "utf8")) as ProviderSchemaDocument;
  if (typeof doc.format_version !== "string" || typeof doc.provider_schemas !== "object") {
    throw new Error(`${file} is not the output of \`terraform providers schema -json\` (no format_version/provider_schemas)`);
  }
  return doc;
}

/** The pinned provider version, as the synthesized `required_providers` will carry it. */
export function pinnedProviderVersion(doc: ProviderSchemaDocument, provider: string): string {
  const version = doc.provider_versions?.[provider];
  if (!version) {
    throw new Error(`the schema has no provider_versions["${provider}"]; without it the bindings would not pin the provider`);
  }
  return version;
}
