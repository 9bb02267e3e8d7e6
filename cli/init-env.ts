/**
 * `npm run init-env -- <name> --region <region> [--file <config.yaml>] [--name-prefix <prefix>]
 *   [--wrapup-code <code>] [--wait-time <seconds>] [--max-attempts <n>]`: adds an environment to a
 * YAML or JSON config file, validated first and replaced atomically (config/init-env.ts).
 * Exit codes: 0 added; 2 usage, invalid configuration or duplicate name; 1 the file could not be written.
 */
import { Option } from "commander";
import { DEFAULT_CONFIG_FILE, DEFAULT_POLICY, addEnvironmentToFile } from "../config/init-env";
import { CONFIG_FILE_VARIABLE } from "../config/load";
import type { EnvironmentInput } from "../config/schema";
import { ExitCode } from "../errors";
import { GENESYS_REGIONS } from "../genesys/regions";
import { command, main, runProgram, wholeNumber, type CommandIo } from "./program";

interface InitEnvOptions {
  readonly region: EnvironmentInput["region"];
  readonly file?: string;
  readonly namePrefix?: string;
  readonly wrapupCode: string;
  readonly waitTime: number;
  readonly maxAttempts: number;
}

export function runInitEnvCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = command("init-env", "Add an environment (one Genesys Cloud org) to a YAML or JSON config file.", io)
    .argument("<name>", "environment name (lowercase letters, digits, '-')")
    .addOption(new Option("--region <region>", "Genesys Cloud region of the org").choices(GENESYS_REGIONS).makeOptionMandatory())
    .option("--file <config>", `config file (default: $${CONFIG_FILE_VARIABLE} or ${DEFAULT_CONFIG_FILE})`)
    .option("--name-prefix <prefix>", "prefix of every object name in the org")
    .option("--wrapup-code <code>", "wrap-up code to retry", DEFAULT_POLICY.wrapupCode)
    .option("--wait-time <seconds>", "seconds before a retry", wholeNumber(0), DEFAULT_POLICY.waitTimeSeconds)
    .option("--max-attempts <n>", "retries per contact", wholeNumber(0), DEFAULT_POLICY.maxAttempts);
  return runProgram(program, argv, io, () => {
    const [name] = program.processedArgs as [string];
    const options = program.opts<InitEnvOptions>();
    const file = options.file ?? (io.env[CONFIG_FILE_VARIABLE] || DEFAULT_CONFIG_FILE);
    addEnvironmentToFile(file, {
      name,
      region: options.region,
      ...(options.namePrefix === undefined ? {} : { namePrefix: options.namePrefix }),
      wrapupPolicies: [{ wrapupCode: options.wrapupCode, waitTimeSeconds: options.waitTime, maxAttempts: options.maxAttempts }],
    });
    io.out(`added environment "${name}" to ${file}; synthesize it with ${CONFIG_FILE_VARIABLE}=${file} npx cdktf synth\n`);
    return ExitCode.OK;
  });
}

if (require.main === module) main(runInitEnvCli);
