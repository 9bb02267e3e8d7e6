/**
 * npm run init-env -- <name> --region <region> [--file <config.yaml>] [--name-prefix <prefix>]
 *   [--wrapup-code <code>] [--wait-time <seconds>] [--max-attempts <n>]
 *
 * Adds an environment to a YAML or JSON config file (PREVIEW_RETRIES_CONFIG by default), keeping the
 * file's comments and layout; creates the file when it does not exist. The whole result is validated
 * before anything is written, and the file is replaced atomically (temporary file + rename).
 * Exit codes: 0 added; 2 usage, invalid configuration or duplicate name; 1 the file could not be written.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { Document, isSeq, parseDocument } from "yaml";
import { JSON_SCHEMA_FILE } from "./json-schema";
import { CONFIG_FILE_VARIABLE, decodeConfigBytes, locatorFor, parseConfigText } from "./load";
import { GENESYS_REGIONS } from "../genesys/regions";
import type { EnvironmentInput } from "./schema";
import { ConfigError, validateEnvironments } from "./validate";

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const DEFAULT_CONFIG_FILE = "environments.yaml";
const DEFAULT_POLICY = { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 } as const;

class InitEnvError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number");
  return Number(value);
}

export function runInitEnvCli(argv: readonly string[], env: NodeJS.ProcessEnv, output: CliOutput): number {
  let added: { file: string; name: string } | undefined;
  const program = new Command("init-env")
    .description("Add an environment (one Genesys Cloud org) to a YAML or JSON config file")
    .argument("<name>", "environment name (lowercase letters, digits, '-')")
    .addOption(new Option("--region <region>", "Genesys Cloud region of the org").choices(GENESYS_REGIONS).makeOptionMandatory())
    .option("--file <config>", `config file (default: $${CONFIG_FILE_VARIABLE} or ${DEFAULT_CONFIG_FILE})`)
    .option("--name-prefix <prefix>", "prefix of every object name in the org")
    .option("--wrapup-code <code>", "wrap-up code to retry", DEFAULT_POLICY.wrapupCode)
    .option("--wait-time <seconds>", "seconds before a retry", wholeNumber, DEFAULT_POLICY.waitTimeSeconds)
    .option("--max-attempts <n>", "retries per contact", wholeNumber, DEFAULT_POLICY.maxAttempts)
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.out(text), writeErr: (text) => output.err(text) })
    .action(
      (
        name: string,
        options: { region: string; file?: string; namePrefix?: string; wrapupCode: string; waitTime: number; maxAttempts: number },
      ) => {
        const file = options.file ?? (env[CONFIG_FILE_VARIABLE] || DEFAULT_CONFIG_FILE);
        const environment: EnvironmentInput = {
          name,
          region: options.region as EnvironmentInput["region"],
          ...(options.namePrefix === undefined ? {} : { namePrefix: options.namePrefix }),
          wrapupPolicies: [{ wrapupCode: options.wrapupCode, waitTimeSeconds: options.waitTime, maxAttempts: options.maxAttempts }],
        };
        addEnvironmentToFile(file, environment);
        added = { file, name };
      },
    );
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ConfigError) {
      output.err(`${error.problems.join("\n")}\n`);
      return 2;
    }
    if (error instanceof InitEnvError) {
      output.err(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
  if (added)
    output.out(
      `added environment "${added.name}" to ${added.file}; synthesize it with PREVIEW_RETRIES_CONFIG=${added.file} npx cdktf synth\n`,
    );
  return 0;
}

/** Appends the environment to the file's list (a new file when there is none), validates the result and replaces the file atomically. */
export function addEnvironmentToFile(file: string, environment: EnvironmentInput): void {
  const isJson = file.toLowerCase().endsWith(".json");
  const exists = existsSync(file);
  let text: string;
  if (!exists) {
    text = isJson ? `${JSON.stringify([environment], null, 2)}\n` : newYamlFile(file, environment);
  } else {
    const original = decodeConfigBytes(readFileSync(file), file);
    const current = parseConfigText(original, file); // every syntax error as a ConfigError naming the file
    if (!Array.isArray(current)) validateEnvironments(current, file); // throws: not a list
    const names = (current as { name?: unknown }[]).map((entry) => entry?.name);
    if (names.includes(environment.name)) {
      throw new InitEnvError(`${file}: an environment named "${environment.name}" already exists; nothing was changed`, 2);
    }
    text = isJson ? `${JSON.stringify([...(current as unknown[]), environment], null, 2)}\n` : appendToYaml(original, environment);
  }
  validateEnvironments(isJson ? JSON.parse(text) : parseDocument(text).toJS(), file, locatorFor(text));
  writeAtomically(file, text);
}

function newYamlFile(file: string, environment: EnvironmentInput): string {
  const schema = path
    .relative(path.dirname(path.resolve(file)), JSON_SCHEMA_FILE)
    .split(path.sep)
    .join("/");
  const document = new Document([environment]);
  document.commentBefore = ` yaml-language-server: $schema=${schema}`;
  return document.toString();
}

function appendToYaml(original: string, environment: EnvironmentInput): string {
  const document = parseDocument(original);
  if (!isSeq(document.contents)) throw new InitEnvError("the config file's top level is not a list", 2);
  document.add(document.createNode(environment));
  return document.toString();
}

function writeAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new InitEnvError(`${file}: cannot write the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 1);
  }
}

if (require.main === module) {
  process.exitCode = runInitEnvCli(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
