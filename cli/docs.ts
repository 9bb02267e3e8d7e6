/** `npm run docs`: rewrites the workflow diagrams in docs/workflows.md and README.md (workflows/docs.ts). */
import { ExitCode } from "../errors";
import { updateDiagramFiles } from "../workflows/docs";
import { command, main, runProgram, type CommandIo } from "./program";

export function runDocsCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("docs", "Rewrite the workflow diagrams in docs/workflows.md and README.md from the workflow definitions.", io);
  return runProgram(program, argv, io, () => {
    for (const line of updateDiagramFiles()) io.out(`${line}\n`);
    return ExitCode.OK;
  });
}

if (require.main === module) main(runDocsCli);
