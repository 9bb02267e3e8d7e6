/** `npm run config:schema`: writes config/environments.schema.json from the zod schema (config/json-schema.ts), formatted. */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { format, resolveConfig } from "prettier";
import { JSON_SCHEMA_FILE, environmentsJsonSchema } from "../config/json-schema";
import { ExitCode } from "../errors";
import { command, main, runProgram, type CommandIo } from "./program";

export function runConfigSchemaCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("config:schema", "Write the JSON Schema of a config file (config/environments.schema.json) for editors.", io);
  return runProgram(program, argv, io, async () => {
    // Written as the repository's prettier formats it, so `npm run lint` accepts the committed file.
    const options = { ...(await resolveConfig(JSON_SCHEMA_FILE)), filepath: JSON_SCHEMA_FILE };
    writeFileSync(JSON_SCHEMA_FILE, await format(JSON.stringify(environmentsJsonSchema(), null, 2), options));
    io.out(`wrote ${path.relative(process.cwd(), JSON_SCHEMA_FILE)}\n`);
    return ExitCode.OK;
  });
}

if (require.main === module) main(runConfigSchemaCli);
