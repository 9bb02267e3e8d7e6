/**
 * `npm run schema:trim -- <full-schema.json> [<provider-version>]`: refreshes provider/schema from a
 * full `terraform providers schema -json` document (provider/trim-schema.ts). The version is read from
 * the document's `provider_versions`; a raw terraform output has none, so pass the version that
 * `terraform version -json` reports. Exit: 0 written; 2 wrong usage or an unusable schema document.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { ExitCode, InputError } from "../errors";
import { replaceCommittedSchema } from "../provider/trim-schema";
import { command, main, runProgram, type CommandIo } from "./program";

export function runSchemaTrimCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command(
    "schema:trim",
    "Replace provider/schema with the provider types of provider/types.json from a full schema document.",
    io,
  )
    .argument("<full-schema.json>", "output of `terraform providers schema -json`")
    .argument("[provider-version]", "the provider version, when the document has no provider_versions");
  return runProgram(program, argv, io, () => {
    const [source, version] = program.processedArgs as [string, string | undefined];
    if (!existsSync(source)) throw new InputError(source, "no such file");
    let target: string;
    try {
      target = replaceCommittedSchema(source, version);
    } catch (error) {
      // Everything trimming can object to is the document: not JSON, not a schema, a type or version missing.
      throw new InputError(source, (error as Error).message);
    }
    io.out(`wrote ${path.relative(process.cwd(), target)}; now run \`npm run get\`\n`);
    return ExitCode.OK;
  });
}

if (require.main === module) main(runSchemaTrimCli);
