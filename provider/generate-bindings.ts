/**
 * Our offline `cdktf get`: generates TypeScript bindings for the Genesys Cloud provider from the
 * committed schema into .gen/ (git-ignored build output). No terraform binary, no network.
 * Runs on `npm install` / `npm ci` (postinstall) and with `npm run get`.
 */
import { rmSync } from "node:fs";
import { CodeMaker } from "codemaker";
// Deep import on purpose: the package's index also loads jsii-pacmak, which only non-TS languages need.
import { TerraformProviderGenerator } from "@cdktf/provider-generator/lib/get/generator/provider-generator";
import { BINDINGS_DIR, committedSchemaPath, pinnedProviderVersion, readProviderTypes, readSchema } from "./schema-file";

async function main(): Promise<void> {
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
  console.log(`generated mypurecloud/genesyscloud ${version} bindings into .gen/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
