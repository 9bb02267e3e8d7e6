/**
 * A twin directory: the org (org.json), the stand-in provider in a filesystem mirror, its TLS key
 * pair and a terraform CLI configuration that installs nothing but that mirror. Lock files made
 * against the stand-in only ever live in stack directories under the twin (see twin/synth.ts).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { twinPaths, type TwinPaths } from "./environment";
import { emptyOrg, writeOrg } from "./org";
import { PROVIDER_ADDRESS, loadProviderSchemas } from "./schema";

const REPOSITORY = resolve(__dirname, "..");

function wrapperScript(paths: TwinPaths): string {
  const tsNode = join(REPOSITORY, "node_modules", "ts-node", "register", "transpile-only");
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  return [
    "#!/bin/sh",
    "# The stand-in Genesys Cloud provider of a twin (preview-retries twin/). terraform starts it.",
    `TS_NODE_PROJECT=${quote(join(REPOSITORY, "tsconfig.json"))} exec ${quote(process.execPath)} -r ${quote(tsNode)} ${quote(join(REPOSITORY, "twin", "plugin-main.ts"))} ${quote(paths.orgFile)} ${quote(paths.tls)}`,
    "",
  ].join("\n");
}

/** A self-signed certificate for `localhost` (go-plugin's client verifies the server name). */
function createTlsKeyPair(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  execFileSync(
    "openssl",
    [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650",
      "-subj", "/O=preview-retries twin/CN=localhost",
      "-addext", "subjectAltName=DNS:localhost",
      "-addext", "keyUsage=digitalSignature,keyEncipherment,keyCertSign",
      "-addext", "extendedKeyUsage=serverAuth,clientAuth",
      "-keyout", join(directory, "key.pem"), "-out", join(directory, "cert.pem"),
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  chmodSync(join(directory, "key.pem"), 0o600);
}

/** Creates what is missing; never overwrites org.json (a person may have edited it). */
export function installTwin(directory: string): TwinPaths {
  const paths = twinPaths(directory);
  mkdirSync(paths.directory, { recursive: true });
  if (!existsSync(paths.orgFile)) writeOrg(paths.orgFile, emptyOrg());
  if (!existsSync(join(paths.tls, "cert.pem"))) createTlsKeyPair(paths.tls);

  const { version } = loadProviderSchemas();
  const platform = join(paths.mirror, PROVIDER_ADDRESS, version, "linux_amd64");
  mkdirSync(platform, { recursive: true });
  const executable = join(platform, `terraform-provider-genesyscloud_v${version}`);
  const script = wrapperScript(paths);
  // Rewriting an unchanged wrapper would be harmless, but a changed one invalidates every lock file of the twin.
  if (!existsSync(executable) || readFileSync(executable, "utf8") !== script) writeFileSync(executable, script, { mode: 0o755 });

  mkdirSync(paths.pluginCache, { recursive: true });
  const cliConfig = [
    "# terraform CLI configuration of a twin: the stand-in provider from the mirror, nothing else.",
    `plugin_cache_dir = ${JSON.stringify(paths.pluginCache)}`,
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(paths.mirror)}`,
    `    include = [${JSON.stringify(PROVIDER_ADDRESS)}]`,
    "  }",
    "}",
    "",
  ].join("\n");
  writeFileSync(paths.cliConfig, cliConfig);
  return paths;
}
