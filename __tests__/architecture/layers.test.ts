import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Data flows one way: config → deployment description → Terraform (constructs) or replay. Each
 * top-level folder (a layer) may import only the layers listed here; "." is the project root
 * (main.ts), ".gen" the generated provider bindings, "cdktf" the core library.
 */
const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  genesys: [],
  tables: ["genesys"],
  "data-actions": ["genesys", "tables"],
  workflows: ["genesys", "tables", "data-actions"],
  triggers: ["genesys"],
  config: ["errors", "genesys", "tables", "data-actions", "workflows", "triggers"],
  deployment: ["errors", "config", "genesys", "tables", "data-actions", "workflows", "triggers"],
  constructs: ["errors", "deployment", "genesys", "tables", "data-actions", "workflows", "triggers", ".gen", "cdktf"],
  // replay --twin reads the org twin's document (twin/org.ts) to run what Terraform applied there.
  replay: ["errors", "deployment", "config", "genesys", "tables", "data-actions", "workflows", "triggers", "twin"],
  // ops runs terraform against the org twin when one is selected (twin/environment.ts), otherwise names only.
  ops: ["errors", "deployment", "twin"],
  twin: ["errors", "provider", "genesys"],
  provider: [],
  tools: ["config", "deployment", "constructs", "provider", "genesys", "tables", "data-actions", "workflows", "triggers"],
  cli: ["*"],
  scripts: ["*"],
  // index.ts, the construct library's entry, also re-exports the data action keys and the generated provider class.
  ".": ["errors", "cli", "config", "deployment", "constructs", "data-actions", ".gen"],
  __tests__: ["*"],
};

const ROOT = path.resolve(__dirname, "../..");
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".gen", "cdktf.out", ".git", "terraform-state", ".twin", "dist", "coverage"]);
const IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s*)["']([^"']+)["']/gm;

/** The layer of a project file or module specifier: its top-level folder, "." for root files. */
function layerOf(relativePath: string): string {
  const [first, ...rest] = relativePath.split("/");
  return rest.length === 0 ? "." : first;
}

/** The layer a specifier imports from, or undefined for an outside package other than cdktf. */
export function importedLayer(importingFile: string, specifier: string): string | undefined {
  if (specifier === "cdktf" || specifier.startsWith("cdktf/")) return "cdktf";
  if (!specifier.startsWith(".")) return undefined;
  const absolute = path.resolve(ROOT, path.dirname(importingFile), specifier);
  const target = path.relative(ROOT, absolute).split(path.sep).join("/");
  // "../data-actions" names a folder (its index), not a root file.
  return existsSync(absolute) && statSync(absolute).isDirectory() ? target.split("/")[0] : layerOf(target);
}

export interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly layer: string;
}

/** Imports that cross layers against ALLOWED_IMPORTS, from file → source text. */
export function layerViolations(files: Readonly<Record<string, string>>): Violation[] {
  return Object.entries(files).flatMap(([file, source]) => {
    const own = layerOf(file);
    const allowed = ALLOWED_IMPORTS[own];
    if (allowed === undefined) return [{ file, specifier: "(file)", layer: `${own} is not a known layer` }];
    return [...source.matchAll(IMPORT)].flatMap(([, specifier]) => {
      const layer = importedLayer(file, specifier);
      if (layer === undefined || layer === own || allowed.includes("*") || allowed.includes(layer)) return [];
      return [{ file, specifier, layer }];
    });
  });
}

function projectSources(directory = ROOT): Record<string, string> {
  return Object.fromEntries(
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : Object.entries(projectSources(full));
      if (!/\.(ts|mts|cts)$/.test(entry.name) || entry.name.endsWith(".d.ts")) return [];
      return [[path.relative(ROOT, full).split(path.sep).join("/"), readFileSync(full, "utf8")]];
    }),
  );
}

describe("layers", () => {
  it("GIVEN the project's sources THEN every import stays within the layer rules", () => {
    expect(layerViolations(projectSources())).toEqual([]);
  });

  it("GIVEN a replay file importing a construct, the bindings or cdktf THEN each import is a violation", () => {
    const violations = layerViolations({
      "replay/driver.ts": [
        `import { PreviewRetriesStack } from "../constructs/preview-retries-stack";`,
        `import { Flow } from "../.gen/providers/genesyscloud/flow";`,
        `import { App } from "cdktf";`,
        `import { planDeployment } from "../deployment/plan";`,
      ].join("\n"),
    });
    expect(violations.map((violation) => violation.layer)).toEqual(["constructs", ".gen", "cdktf"]);
  });

  it("GIVEN the design importing the configuration THEN it is a violation (config imports the design, not the other way)", () => {
    expect(layerViolations({ "workflows/common.ts": `import type { EnvironmentConfig } from "../config/schema";` })).toEqual([
      { file: "workflows/common.ts", specifier: "../config/schema", layer: "config" },
    ]);
  });

  it("GIVEN ops importing anything but the deployment names THEN it is a violation", () => {
    expect(layerViolations({ "ops/report.ts": `import { dataActionSpecs } from "../data-actions";` })).toHaveLength(1);
  });

  it("GIVEN a new top-level folder THEN it must be given a rule", () => {
    expect(layerViolations({ "extra/thing.ts": "" })).toEqual([
      { file: "extra/thing.ts", specifier: "(file)", layer: "extra is not a known layer" },
    ]);
  });
});
