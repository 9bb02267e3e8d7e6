/**
 * What `npm run init-env` (cli/init-env.ts) does: adds an environment to a YAML or JSON config file (PREVIEW_RETRIES_CONFIG by default), keeping the
 * file's comments and layout; creates the file when it does not exist. The whole result is validated
 * before anything is written, and the file is replaced atomically (temporary file + rename).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Document, isSeq, parseDocument } from "yaml";
import { JSON_SCHEMA_FILE } from "./json-schema";
import { decodeConfigBytes, locatorFor, parseConfigText } from "./load";
import { InputError, StepFailure } from "../errors";
import type { EnvironmentInput } from "./schema";
import { validateEnvironments } from "./validate";

export const DEFAULT_CONFIG_FILE = "environments.yaml";
export const DEFAULT_POLICY = { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 } as const;

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
      throw new InputError(file, `an environment named "${environment.name}" already exists; nothing was changed`);
    }
    text = isJson ? `${JSON.stringify([...(current as unknown[]), environment], null, 2)}\n` : appendToYaml(original, environment, file);
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

function appendToYaml(original: string, environment: EnvironmentInput, file: string): string {
  const document = parseDocument(original);
  if (!isSeq(document.contents)) throw new InputError(file, "the config file's top level is not a list");
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
    throw new StepFailure(`${file}: cannot write the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
