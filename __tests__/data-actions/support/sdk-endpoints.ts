import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface SdkEndpoint {
  readonly method: string;
  readonly path: string;
  readonly pathParameters: readonly string[];
  readonly queryParameters: readonly string[];
  readonly module: string;
}

const API_DIR = join(__dirname, "../../../node_modules/purecloud-platform-client-v2/src/purecloud-platform-client-v2/api");

/**
 * Every operation of the official JS SDK, read from its generated API modules, where each method ends in
 * `this.apiClient.callApi('<path>', '<METHOD>', { pathParams }, { queryParams }, ...)`.
 */
export function sdkEndpoints(): SdkEndpoint[] {
  const call = /callApi\(\s*'([^']+)',\s*'([A-Z]+)',\s*\{([^}]*)\},\s*\{([^}]*)\}/g;
  const keys = (text: string) => [...text.matchAll(/'([A-Za-z0-9_]+)'\s*:/g)].map((match) => match[1]);
  return readdirSync(API_DIR)
    .filter((file) => file.endsWith(".js"))
    .flatMap((file) =>
      [...readFileSync(join(API_DIR, file), "utf8").matchAll(call)].map((match) => ({
        module: file,
        path: match[1],
        method: match[2],
        pathParameters: keys(match[3]),
        queryParameters: keys(match[4]),
      })),
    );
}
