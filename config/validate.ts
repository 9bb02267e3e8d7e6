import type { z } from "zod";
import { UserError } from "../errors";
import { configSchema, type EnvironmentConfig, type EnvironmentInput } from "./schema";

/** Invalid configuration: one line per problem, each naming the file, the environment, the field and the reason. */
export class ConfigError extends UserError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], heading = "Invalid preview-retries configuration") {
    // One line per problem whatever a configured value holds.
    problems = problems.map((problem) => problem.replace(/\r\n|\r|\n/g, "\\n"));
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Validates the environments and applies defaults; throws ConfigError listing every problem. `source`
 * (the config file) prefixes every problem when given.
 */
export function validateEnvironments(
  input: readonly EnvironmentInput[] | unknown,
  source?: string,
  locate?: SourceLocator,
): EnvironmentConfig[] {
  const where = (path: readonly PropertyKey[]) => {
    if (source === undefined) return "";
    const position = locate?.(path);
    return position ? `${source}:${position.line}:${position.col}: ` : `${source}: `;
  };
  if (!Array.isArray(input)) throw new ConfigError([`${where([])}top level: ${describeTopLevel(input)}`]);
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${where(issue.path)}${describeIssue(issue, input)}`));
}

/** Line and column (1-based) of the value at a path of the config file, when known. */
export type SourceLocator = (path: readonly PropertyKey[]) => { readonly line: number; readonly col: number } | undefined;

function describeTopLevel(input: unknown): string {
  const expected = "must be a list of environments (each `- name: ...` in YAML, `[{...}]` in JSON)";
  if (input === null || input === undefined) return `${expected}, found nothing`;
  if (typeof input !== "object") return `${expected}, found a ${typeof input}`;
  const keys = Object.keys(input);
  const hint = keys.length === 1 ? `; write the list itself instead of "${keys[0]}:" around it` : "";
  return `${expected}, found an object${keys.length > 0 ? ` with key(s) ${keys.map((k) => `"${k}"`).join(", ")}` : ""}${hint}`;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const [index, ...fieldPath] = issue.path;
  if (typeof index !== "number") return `environments: ${issue.message}`;
  const where = environmentLabel(input, index);
  const reason =
    issue.code === "unrecognized_keys"
      ? `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`
      : describeReason(issue.message);
  return fieldPath.length === 0 ? `${where}: ${reason}` : `${where}: ${formatPath(fieldPath)}: ${reason}`;
}

const TYPE_NOUNS: Readonly<Record<string, string>> = {
  array: "a list",
  object: "a mapping of fields",
  string: "a string",
  number: "a number",
  boolean: "true or false",
};

/** zod's generic type message in the words of the config file. */
function describeReason(message: string): string {
  const wrongType = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (!wrongType) return message;
  const [, expected, received] = wrongType;
  const noun = TYPE_NOUNS[expected] ?? expected;
  const found = received === "null" ? "null" : `${/^[aeiou]/.test(received) ? "an" : "a"} ${received === "array" ? "list" : received}`;
  return received === "undefined" ? `is required (${noun})` : `must be ${noun}, found ${found}`;
}

function environmentLabel(input: unknown, index: number): string {
  const entry = Array.isArray(input) ? (input[index] as { name?: unknown } | undefined) : undefined;
  const name = typeof entry?.name === "string" && entry.name !== "" ? JSON.stringify(entry.name) : "(unnamed)";
  return `environment ${name} (environments[${index}])`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
}
