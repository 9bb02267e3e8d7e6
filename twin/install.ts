/**
 * A twin directory: the org (org.json), the stand-in provider in a filesystem mirror, its TLS key
 * pair and a terraform CLI configuration that installs nothing but that mirror. Lock files made
 * against the stand-in only ever live in stack directories under the twin (see cli/twin-backends.ts).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { committedSchemaPath } from "../provider/schema-file";
import { twinPaths, type TwinPaths } from "./environment";
import { emptyOrg, writeOrg } from "./org";
import { PROVIDER_ADDRESS, loadProviderSchemas } from "./schema";

const REPOSITORY = resolve(__dirname, "..");

/**
 * The stand-in and the modules it imports, transpiled to JavaScript under `<twin>/provider-js`
 * (terraform starts the provider several times per command; plain JS starts in a third of the time
 * ts-node needs). Rewritten only when a file changed.
 */
function compileProvider(outDirectory: string): string {
  const entry = join(REPOSITORY, "twin", "plugin-main.ts");
  const queue = [entry];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const output = ts.transpileModule(readFileSync(file, "utf8"), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    for (const [, specifier] of output.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const candidates = [`${specifier}.ts`, join(specifier, "index.ts")].map((candidate) => resolve(dirname(file), candidate));
      const found = candidates.find((candidate) => existsSync(candidate));
      if (found) queue.push(found);
    }
    const target = join(outDirectory, relative(REPOSITORY, file).replace(/\.ts$/, ".js"));
    mkdirSync(dirname(target), { recursive: true });
    if (!existsSync(target) || readFileSync(target, "utf8") !== output) writeFileSync(target, output);
  }
  return join(outDirectory, relative(REPOSITORY, entry).replace(/\.ts$/, ".js"));
}

function wrapperScript(paths: TwinPaths, entry: string): string {
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const argumentsOfMain = [paths.orgFile, paths.tls, committedSchemaPath(), join(REPOSITORY, "twin", "proto")].map(quote).join(" ");
  return [
    "#!/bin/sh",
    "# The stand-in Genesys Cloud provider of a twin (preview-retries twin/). terraform starts it.",
    `NODE_PATH=${quote(join(REPOSITORY, "node_modules"))} exec ${quote(process.execPath)} ${quote(entry)} ${argumentsOfMain}`,
    "",
  ].join("\n");
}

/** terraform's name of this machine's platform (the mirror's directory), e.g. linux_amd64, darwin_arm64. */
function terraformPlatform(): string {
  const architectures: Partial<Record<string, string>> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
  const architecture = architectures[process.arch];
  if (process.platform === "win32" || architecture === undefined) {
    throw new Error(`the twin's provider wrapper is a shell script: ${process.platform}/${process.arch} is not supported`);
  }
  return `${process.platform}_${architecture}`;
}

/** A self-signed certificate for `localhost` (go-plugin's client verifies the server name). */
function createTlsKeyPair(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "3650",
      "-subj",
      "/O=preview-retries twin/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost",
      "-addext",
      "keyUsage=digitalSignature,keyEncipherment,keyCertSign",
      "-addext",
      "extendedKeyUsage=serverAuth,clientAuth",
      "-keyout",
      join(directory, "key.pem"),
      "-out",
      join(directory, "cert.pem"),
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
  const platform = join(paths.mirror, PROVIDER_ADDRESS, version, terraformPlatform());
  mkdirSync(platform, { recursive: true });
  const executable = join(platform, `terraform-provider-genesyscloud_v${version}`);
  const script = wrapperScript(paths, compileProvider(join(paths.directory, "provider-js")));
  // Rewriting an unchanged wrapper would be harmless, but a changed one invalidates every lock file of the twin.
  if (!existsSync(executable) || readFileSync(executable, "utf8") !== script) writeFileSync(executable, script, { mode: 0o755 });

  // No plugin_cache_dir: init links the unpacked mirror directory anyway, and terraform's cache is not
  // safe for the parallel inits of several stacks ("still not detected in .terraform/providers").
  const cliConfig = [
    "# terraform CLI configuration of a twin: the stand-in provider from the mirror, nothing else.",
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
