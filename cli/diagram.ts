/**
 * `npm run diagram -- --env <name> [--out <file.html>]`: one environment's two workflows, as that
 * environment deploys them, in one self-contained HTML file (tools/diagram.ts).
 * Exit 0 written; 2 wrong usage, an invalid configuration or an unknown environment.
 */
import { CONFIG_FILE_VARIABLE, loadEnvironments } from "../config/load";
import { planDeployment } from "../deployment/plan";
import { ExitCode, UsageError } from "../errors";
import { defaultDiagramFile, diagramPage, writeAtomically } from "../tools/diagram";
import { command, main, runProgram, type CommandIo } from "./program";

export function runDiagramCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command(
    "diagram",
    "Render one environment's two workflows, with its options, to a self-contained HTML file (SVG inside) that opens offline.",
    io,
  )
    .requiredOption("--env <name>", "the environment (a name from the configuration)")
    .option("--out <file>", "the HTML file to write (default: preview-retries-<env>-workflows.html)");
  return runProgram(program, argv, io, () => {
    const options = program.opts<{ env: string; out?: string }>();
    const environments = loadEnvironments(io.env);
    const environment = environments.find((candidate) => candidate.name === options.env);
    if (environment === undefined) {
      const source = io.env[CONFIG_FILE_VARIABLE] ?? "config/environments.ts";
      const known = environments.map((candidate) => candidate.name).join(", ");
      throw new UsageError(`--env ${options.env}: no such environment in ${source} (environments: ${known})`);
    }
    const deployment = planDeployment(environment);
    const file = options.out ?? defaultDiagramFile(deployment);
    writeAtomically(file, diagramPage(deployment));
    io.out(`wrote the workflows of ${deployment.environmentName} to ${file}\n`);
    return ExitCode.OK;
  });
}

if (require.main === module) main(runDiagramCli);
