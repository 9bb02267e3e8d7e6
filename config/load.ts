import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { environments as repositoryEnvironments } from "./environments";
import type { EnvironmentConfig } from "./schema";
import { validateEnvironments } from "./validate";

/** Environment variable naming a JSON or YAML file that replaces config/environments.ts. */
export const CONFIG_FILE_VARIABLE = "PREVIEW_RETRIES_CONFIG";

/**
 * The validated environments: from the file named by PREVIEW_RETRIES_CONFIG when set (a JSON or
 * YAML list of environments), otherwise from config/environments.ts. Throws ConfigError.
 */
export function loadEnvironments(env: NodeJS.ProcessEnv = process.env): EnvironmentConfig[] {
  const file = env[CONFIG_FILE_VARIABLE];
  if (!file) return validateEnvironments(repositoryEnvironments);
  const text = readFileSync(file, "utf8");
  return validateEnvironments(file.endsWith(".json") ? JSON.parse(text) : parseYaml(text));
}
