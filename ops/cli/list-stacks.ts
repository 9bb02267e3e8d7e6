import { loadEnvironments } from "../../config/load";
import { ConfigError } from "../../config/validate";
import { stackIdFor } from "../../deployment/names";
import { ExitCode } from "../exit-codes";

/**
 * Prints the environments and their stack ids as a JSON array, for CI matrices:
 * [{"environment":"dev","stack":"preview-retries-dev"}, ...]
 */
try {
  const entries = loadEnvironments().map((environment) => ({ environment: environment.name, stack: stackIdFor(environment.name) }));
  process.stdout.write(JSON.stringify(entries) + "\n");
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = ExitCode.USAGE_OR_DRIFT;
}
