import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
/** consumer-app: a separate cdktf app (a test fixture) that consumes the packed library, as a team's own app would. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".gen", "cdktf.out", ".git", "terraform-state", "dist", "consumer-app"]);
/** The one module allowed to import the CDK for Terraform core library. */
const CORE_IMPORT_MODULE = "constructs/cdk.ts";

/** Imports of the core library, static or dynamic: `from "cdktf"`, `require("cdktf/lib/...")`, `import("cdktf")`. */
const CORE_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s*)["']cdktf(?:\/[^"']*)?["']/m;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : sourceFiles(path.join(directory, entry.name));
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name) ? [path.join(directory, entry.name)] : [];
  });
}

function filesImportingCore(root: string): string[] {
  return sourceFiles(root)
    .filter((file) => path.dirname(file) !== __dirname) // the architecture tests quote imports as test cases
    .filter((file) => CORE_IMPORT.test(readFileSync(file, "utf8")))
    .map((file) => path.relative(root, file).split(path.sep).join("/"));
}

describe("the core library has one import point", () => {
  it(`only ${CORE_IMPORT_MODULE} imports cdktf`, () => {
    expect(filesImportingCore(ROOT)).toEqual([CORE_IMPORT_MODULE]);
  });

  it.each([
    `import { App } from "cdktf";`,
    `import type { TerraformStack } from 'cdktf';`,
    `const { Fn } = require("cdktf");`,
    `import { LocalBackend } from "cdktf/lib/backends/local-backend";`,
    `const lazy = await import("cdktf");`,
    `import "cdktf";`,
  ])("recognizes %s as a direct import", (line) => {
    expect(CORE_IMPORT.test(line)).toBe(true);
  });

  it.each([`import { App } from "./cdk";`, `import { x } from "cdktf-cli";`, `import { y } from "@cdktf/provider-generator";`])(
    "does not mistake %s for one",
    (line) => {
      expect(CORE_IMPORT.test(line)).toBe(false);
    },
  );
});
