/**
 * `npm run build` (also `prepack`): the construct library in dist/ — index.ts and everything it
 * imports compiled to JavaScript with declarations, the generated provider bindings included
 * (dist/.gen), and the data files the compiled code reads at run time.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
/** Files read at run time beside the compiled module that reads them (workflows/lint.ts: the Architect function catalog). */
const RUNTIME_FILES = ["workflows/reference/architect-expression-functions.txt"];

export function buildLibrary(): void {
  if (!existsSync(path.join(ROOT, ".gen", "providers", "genesyscloud"))) {
    throw new Error("the provider bindings are missing: run `npm run get` (npm ci runs it) before building");
  }
  rmSync(DIST, { recursive: true, force: true });
  // tsc prints its own diagnostics; a failed compile throws here.
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  for (const file of RUNTIME_FILES) cpSync(path.join(ROOT, file), path.join(DIST, file));
}

if (require.main === module) {
  try {
    buildLibrary();
    console.log(`built the construct library into ${path.relative(process.cwd(), DIST)}/`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
