import { loadEnvironments } from "../../config/load";
import { stackIdFor } from "../../deployment/names";

/**
 * Prints the environments and their stack ids as a JSON array, for CI matrices:
 * [{"environment":"dev","stack":"preview-retries-dev"}, ...]
 */
const entries = loadEnvironments().map((environment) => ({ environment: environment.name, stack: stackIdFor(environment.name) }));
process.stdout.write(JSON.stringify(entries) + "\n");
