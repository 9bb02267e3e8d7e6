/**
 * `npm run list-stacks`: the environments and their stack ids as a JSON array, for CI matrices:
 * [{"environment":"dev","stack":"preview-retries-dev"}, ...]. Exit: 0; 2 invalid configuration.
 */
import { loadEnvironments } from "../config/load";
import { stackIdFor } from "../deployment/names";
import { ExitCode } from "../errors";
import { command, main, runProgram, type CommandIo } from "./program";

export function runListStacksCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("list-stacks", "Print the configured environments and their stack ids as JSON (for CI matrices).", io);
  return runProgram(program, argv, io, () => {
    const entries = loadEnvironments(io.env).map((environment) => ({ environment: environment.name, stack: stackIdFor(environment.name) }));
    io.out(JSON.stringify(entries) + "\n");
    return ExitCode.OK;
  });
}

if (require.main === module) main(runListStacksCli);
