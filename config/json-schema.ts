/**
 * The JSON Schema of a config file (PREVIEW_RETRIES_CONFIG), generated from the zod schema so editors
 * (yaml-language-server, VS Code) complete and check YAML and JSON configs. Committed as
 * config/environments.schema.json; a test regenerates it and fails when it is out of date.
 *   npm run config:schema (cli/config-schema.ts)
 */
import * as path from "node:path";
import { z } from "zod";
import { configSchema } from "./schema";

export const JSON_SCHEMA_FILE = path.join(__dirname, "environments.schema.json");

/** What a user may write (defaults optional); refinements the schema language cannot state are checked at synth. */
export function environmentsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }),
    title: "preview-retries environments",
    description:
      "A list of environments (one Genesys Cloud org and Terraform stack each). Checked fully by `npx cdktf synth`; this schema gives editors completion and the structural checks.",
  };
}
