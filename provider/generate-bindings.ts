/**
 * Our offline `cdktf get`: generates TypeScript bindings for the Genesys Cloud provider from the
 * committed schema into .gen/ (git-ignored build output). No terraform binary, no network.
 * Runs on `npm install` / `npm ci` (prepare) and with `npm run get` (cli/get.ts).
 */
import { rmSync } from "node:fs";
import { CodeMaker } from "codemaker";
// Deep import on purpose: the package's index also loads jsii-pacmak, which only non-TS languages need.
import { TerraformProviderGenerator } from "@cdktf/provider-generator/lib/get/generator/provider-generator";
import { BINDINGS_DIR, committedSchemaPath, pinnedProviderVersion, readProviderTypes, readSchema } from "./schema-file";

/** Generates the bindings into .gen/; returns the provider version they are for. */
export async function generateBindings(): Promise<string> {
  const schemaPath = committedSchemaPath();
  const schema = readSchema(schemaPath);
  const version = pinnedProviderVersion(schema, readProviderTypes().provider);
  const code = new CodeMaker();
  code.indentation = 2;
  // The generator's schema type comes from @cdktf/commons; our document has the same shape.
  const generator = new TerraformProviderGenerator(code, schema as never);
  generator.generateAll();
  rmSync(BINDINGS_DIR, { recursive: true, force: true });
  await generator.save(BINDINGS_DIR);
  return version;
}
