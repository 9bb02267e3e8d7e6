/**
 * `npm run build` (also `prepack`; cli/build.ts): the construct library in dist/ — index.ts and everything it
 * imports compiled to JavaScript with declarations, the generated provider bindings included
 * (dist/.gen), and the data files the compiled code reads at run time.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import * as path from "node:path";
import { StepFailure } from "../errors";

const ROOT = path.resolve(__dirname, "..");
export const DIST = path.join(ROOT, "dist");
/** Files read at run time beside the compiled module that reads them (workflows/lint.ts: the Architect function catalog). */
const RUNTIME_FILES = ["workflows/reference/architect-expression-functions.txt"];

export function buildLibrary(): void {
  if (!existsSync(path.join(ROOT, ".gen", "providers", "genesyscloud"))) {
    throw new StepFailure("the provider bindings are missing: run `npm run get` (npm ci runs it) before building");
  }
  rmSync(DIST, { recursive: true, force: true });
  // tsc prints its own diagnostics.
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], {
      stdio: "inherit",
    });
  } catch {
    throw new StepFailure("tsc could not compile the library (its diagnostics are above)");
  }
  for (const file of RUNTIME_FILES) cpSync(path.join(ROOT, file), path.join(DIST, file));
}
