/**
 * Where `terraform init` would get a provider from, read from the Terraform CLI configuration the
 * way Terraform reads it (https://developer.hashicorp.com/terraform/cli/config/config-file#provider-installation):
 * the file TF_CLI_CONFIG_FILE names, else ~/.terraformrc; its provider_installation methods in
 * order; without that block, the implied local mirror folders and then the registry ("direct").
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

export interface ProviderAddress {
  readonly hostname: string;
  readonly namespace: string;
  readonly type: string;
  readonly version: string;
}

export interface ProviderInstallation {
  /** A filesystem mirror folder that holds the provider for this platform. */
  readonly mirror?: string;
  /** A configured network mirror the provider would come from (not checked). */
  readonly networkMirror?: string;
  /** Whether terraform would download it from its registry. */
  readonly direct: boolean;
  /** What was looked at, for the report. */
  readonly notes: readonly string[];
}

export type InstallationMethod =
  | { readonly kind: "filesystem_mirror"; readonly path: string; readonly include?: string[]; readonly exclude?: string[] }
  | { readonly kind: "network_mirror"; readonly url: string; readonly include?: string[]; readonly exclude?: string[] }
  | { readonly kind: "direct"; readonly include?: string[]; readonly exclude?: string[] };

/** Terraform's platform name: linux_amd64, darwin_arm64, windows_amd64, … */
export function providerPlatform(nodePlatform: string, arch: string): string {
  return `${nodePlatform === "win32" ? "windows" : nodePlatform}_${arch}`;
}

function cliConfigFile(env: NodeJS.ProcessEnv, home: string): string {
  return env.TF_CLI_CONFIG_FILE || path.join(home, ".terraformrc");
}

/** The provider_installation methods of a CLI configuration, in order; undefined when it has no such block. */
export function parseProviderInstallation(text: string): InstallationMethod[] | undefined {
  const source = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)(#|\/\/).*$/gm, "$1");
  const start = /provider_installation\s*\{/.exec(source);
  if (!start) return undefined;
  let depth = 1;
  let end = start.index + start[0].length;
  for (; end < source.length && depth > 0; end++) {
    if (source[end] === "{") depth++;
    if (source[end] === "}") depth--;
  }
  const body = source.slice(start.index + start[0].length, end - 1);
  return [...body.matchAll(/(filesystem_mirror|network_mirror|direct)\s*\{([^{}]*)\}/g)].map(([, kind, block]) => {
    const patterns = { include: stringList(block, "include"), exclude: stringList(block, "exclude") };
    if (kind === "filesystem_mirror") return { kind, path: stringAttribute(block, "path") ?? "", ...patterns };
    if (kind === "network_mirror") return { kind, url: stringAttribute(block, "url") ?? "", ...patterns };
    return { kind: "direct", ...patterns };
  });
}

function stringAttribute(block: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(block)?.[1];
}

function stringList(block: string, name: string): string[] | undefined {
  const list = new RegExp(`\\b${name}\\s*=\\s*\\[([^\\]]*)\\]`).exec(block)?.[1];
  return list === undefined ? undefined : [...list.matchAll(/"([^"]*)"/g)].map((match) => match[1]);
}

/** Whether an include/exclude pattern ("registry.terraform.io/mypurecloud/*", "hashicorp/aws") names the provider. */
export function patternMatches(pattern: string, provider: ProviderAddress): boolean {
  const parts = pattern.split("/");
  const full = parts.length === 2 ? ["registry.terraform.io", ...parts] : parts;
  const actual = [provider.hostname, provider.namespace, provider.type];
  return full.length === 3 && full.every((part, index) => part === "*" || part.toLowerCase() === actual[index].toLowerCase());
}

function methodApplies(method: InstallationMethod, provider: ProviderAddress): boolean {
  const included = method.include === undefined || method.include.some((pattern) => patternMatches(pattern, provider));
  const excluded = (method.exclude ?? []).some((pattern) => patternMatches(pattern, provider));
  return included && !excluded;
}

/** Whether a mirror folder holds the provider version for the platform, unpacked or packed (the two layouts terraform reads). */
function mirrorHolds(directory: string, provider: ProviderAddress, platform: string): boolean {
  const base = path.join(directory, provider.hostname, provider.namespace, provider.type);
  return (
    existsSync(path.join(base, provider.version, platform)) ||
    existsSync(path.join(base, `terraform-provider-${provider.type}_${provider.version}_${platform}.zip`))
  );
}

/** The folders terraform searches when the CLI configuration has no provider_installation block (Linux and other Unix). */
function impliedMirrorDirectories(env: NodeJS.ProcessEnv, home: string): string[] {
  const dataHome = env.XDG_DATA_HOME || path.join(home, ".local", "share");
  const dataDirs = (env.XDG_DATA_DIRS || "/usr/local/share/:/usr/share/").split(":").filter(Boolean);
  return [path.join(home, ".terraform.d", "plugins"), ...[dataHome, ...dataDirs].map((dir) => path.join(dir, "terraform", "plugins"))];
}

export function findProviderInstallation(
  provider: ProviderAddress,
  platform: string,
  env: NodeJS.ProcessEnv,
  home: string,
): ProviderInstallation {
  const configFile = cliConfigFile(env, home);
  const notes: string[] = [];
  let methods: InstallationMethod[] | undefined;
  if (existsSync(configFile)) {
    methods = parseProviderInstallation(readFileSync(configFile, "utf8"));
    notes.push(
      `CLI configuration ${configFile}: ${methods === undefined ? "no provider_installation block" : "provider_installation read"}`,
    );
  } else {
    notes.push(`CLI configuration ${configFile}${env.TF_CLI_CONFIG_FILE ? " (TF_CLI_CONFIG_FILE)" : ""} does not exist`);
  }

  if (methods === undefined) {
    const searched = impliedMirrorDirectories(env, home);
    const mirror = searched.find((directory) => mirrorHolds(directory, provider, platform));
    if (mirror === undefined) notes.push(`not in the implied local mirrors ${searched.join(", ")}`);
    return { mirror, direct: mirror === undefined, notes };
  }

  for (const method of methods.filter((candidate) => methodApplies(candidate, provider))) {
    if (method.kind === "filesystem_mirror") {
      if (mirrorHolds(method.path, provider, platform)) return { mirror: method.path, direct: false, notes };
      notes.push(`the filesystem mirror ${method.path} has no ${provider.version} for ${platform}`);
    } else if (method.kind === "network_mirror") {
      return { networkMirror: method.url, direct: false, notes };
    } else {
      return { direct: true, notes };
    }
  }
  return { direct: false, notes };
}
