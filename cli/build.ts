/** `npm run build` (also `prepack`): the construct library into dist/ (scripts/build-library.ts). */
import * as path from "node:path";
import { ExitCode } from "../errors";
import { buildLibrary, DIST } from "../scripts/build-library";
import { command, main, runProgram, type CommandIo } from "./program";

export function runBuildCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("build", "Build the construct library (with the provider bindings) into dist/.", io);
  return runProgram(program, argv, io, () => {
    buildLibrary();
    io.out(`built the construct library into ${path.relative(process.cwd(), DIST)}/\n`);
    return ExitCode.OK;
  });
}

if (require.main === module) main(runBuildCli);
