/**
 * `npm run get` (and `prepare`, on `npm ci`): our offline `cdktf get`, the provider bindings generated
 * from provider/schema into .gen/. Runs before the bindings exist: nothing here may import .gen.
 */
import { ExitCode, StepFailure } from "../errors";
import { command, main, runProgram, type CommandIo } from "./program";

export function runGetCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("get", "Generate the Genesys Cloud provider bindings into .gen/ from the committed schema (offline).", io);
  return runProgram(program, argv, io, async () => {
    // Loaded only to run: the generator reads the terraform CLI configuration (and complains) as it loads.
    const { generateBindings } = await import("../provider/generate-bindings");
    let version: string;
    try {
      version = await generateBindings();
    } catch (error) {
      throw new StepFailure(`cannot generate the provider bindings: ${(error as Error).message}`);
    }
    io.out(`generated mypurecloud/genesyscloud ${version} bindings into .gen/\n`);
    return ExitCode.OK;
  });
}

if (require.main === module) main(runGetCli);
