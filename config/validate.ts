import type { z } from "zod";
import { configSchema, type EnvironmentConfig, type EnvironmentInput } from "./schema";

/** Invalid configuration: one line per problem, each naming the environment, the field and the reason. */
export class ConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    heading = "Invalid preview-retries configuration",
  ) {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Validates the environments and applies defaults; throws ConfigError listing every problem. */
export function validateEnvironments(input: readonly EnvironmentInput[] | unknown): EnvironmentConfig[] {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, input)));
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const [index, ...fieldPath] = issue.path;
  if (typeof index !== "number") return `environments: ${issue.message}`;
  const where = environmentLabel(input, index);
  const reason = issue.code === "unrecognized_keys" ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}` : issue.message;
  return fieldPath.length === 0 ? `${where}: ${reason}` : `${where}: ${formatPath(fieldPath)}: ${reason}`;
}

function environmentLabel(input: unknown, index: number): string {
  const entry = Array.isArray(input) ? (input[index] as { name?: unknown } | undefined) : undefined;
  const name = typeof entry?.name === "string" && entry.name !== "" ? `"${entry.name}"` : "(unnamed)";
  return `environment ${name} (environments[${index}])`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
}
