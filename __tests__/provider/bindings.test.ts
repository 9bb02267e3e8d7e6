import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  BINDINGS_DIR,
  committedSchemaPath,
  pinnedProviderVersion,
  readProviderTypes,
  readSchema,
  type ProviderSchemaDocument,
} from "../../provider/schema-file";
import { trimSchema } from "../../provider/trim-schema";

const types = readProviderTypes();
const committed = readSchema(committedSchemaPath());
/** The provider's full 1.84.1 schema, vendored (fixtures/README.md names its source). */
const FULL_SCHEMA = path.join(__dirname, "fixtures", "genesyscloud-1.84.1.full.json.gz");

/** Directory name the cdktf generator gives a type: provider prefix dropped, snake_case → kebab-case. */
function bindingDirectory(type: string, kind: "resource" | "data"): string {
  const name = type.replace(/_/g, "-");
  return kind === "data" ? `data-${name}` : name.replace(/^genesyscloud-/, "");
}

describe("provider schema and bindings", () => {
  it("the committed schema holds exactly the types in provider/types.json, pinned to 1.84.1", () => {
    const entry = committed.provider_schemas[types.provider];
    expect(Object.keys(entry.resource_schemas ?? {}).sort()).toEqual([...types.resources].sort());
    expect(Object.keys(entry.data_source_schemas ?? {}).sort()).toEqual([...types.dataSources].sort());
    expect(pinnedProviderVersion(committed, types.provider)).toBe("1.84.1");
    expect(path.basename(committedSchemaPath())).toBe("genesyscloud-1.84.1.json");
  });

  it("the committed schema is a faithful trim of the full provider schema", () => {
    const full = JSON.parse(gunzipSync(readFileSync(FULL_SCHEMA)).toString("utf8")) as ProviderSchemaDocument;
    expect(Object.keys(full.provider_schemas[types.provider].resource_schemas ?? {}).length).toBeGreaterThan(100);
    expect(trimSchema(full)).toEqual(committed);
  });

  it("trimming refuses a schema that lacks a listed type", () => {
    const entry = committed.provider_schemas[types.provider];
    const withoutFlow: ProviderSchemaDocument = {
      ...committed,
      provider_schemas: {
        [types.provider]: {
          ...entry,
          resource_schemas: Object.fromEntries(
            Object.entries(entry.resource_schemas ?? {}).filter(([name]) => name !== "genesyscloud_flow"),
          ),
        },
      },
    };
    expect(() => trimSchema(withoutFlow)).toThrow("resource genesyscloud_flow (provider/types.json) is not in the schema");
  });

  it("trimming a raw `terraform providers schema -json` output needs the version", () => {
    const raw: ProviderSchemaDocument = { format_version: committed.format_version, provider_schemas: committed.provider_schemas };
    expect(() => trimSchema(raw)).toThrow(/no provider_versions/);
    expect(trimSchema(raw, "1.84.1").provider_versions).toEqual({ [types.provider]: "1.84.1" });
  });

  it("the install step generated a binding for every listed type and the pinned provider", () => {
    const providerDir = path.join(BINDINGS_DIR, "providers", "genesyscloud");
    for (const type of types.resources)
      expect(existsSync(path.join(providerDir, bindingDirectory(type, "resource"), "index.ts")), type).toBe(true);
    for (const type of types.dataSources)
      expect(existsSync(path.join(providerDir, bindingDirectory(type, "data"), "index.ts")), type).toBe(true);
    expect(readFileSync(path.join(providerDir, "provider", "index.ts"), "utf8")).toContain("providerVersion: '1.84.1'");
  });
});
