/**
 * `npm run doctor`: what a first deploy from this machine needs, each miss with what to do about it.
 * A blocker stops `terraform init`, synth or plan here; a warning is needed later or elsewhere (the
 * credentials are often set only in CI). Nothing is written, no secret is printed.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { CONFIG_FILE_VARIABLE, loadEnvironments } from "../config/load";
import type { EnvironmentConfig } from "../config/schema";
import { createApp, validationErrors } from "../constructs/app";
import { TerraformStack } from "../constructs/cdk";
import { planDeployment, type DeploymentPlan } from "../deployment/plan";
import { committedSchemaPath, pinnedProviderVersion, readProviderTypes, readSchema } from "../provider/schema-file";
import { findProviderInstallation, providerPlatform, type ProviderAddress } from "./terraform-cli-config";
import { probeRegistry, terraformVersionOnPath } from "./probes";

/** Terraform 1.10 brought S3-native state locking (`use_lockfile`), which the s3 backend config uses. */
export const MINIMUM_TERRAFORM_VERSION = "1.10.0";
const CREDENTIAL_VARIABLES = ["GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYSCLOUD_OAUTHCLIENT_SECRET"] as const;

/** What the doctor asks the machine; tests inject their own (never the network). */
export interface DoctorProbes {
  readonly nodeVersion: string;
  readonly minimumNodeVersion: string;
  /** Terraform's platform name of this machine, e.g. linux_amd64. */
  readonly platform: string;
  readonly homeDirectory: string;
  /** `terraform version` of the binary on PATH; undefined when there is none. */
  terraformVersion(): Promise<string | undefined>;
  /** Whether the Terraform registry answers; the reason when it does not. */
  registryReachable(): Promise<{ readonly reachable: true } | { readonly reachable: false; readonly reason: string }>;
}

export type CheckStatus = "ok" | "warning" | "blocker";

export interface CheckResult {
  readonly status: CheckStatus;
  readonly title: string;
  readonly details?: readonly string[];
  /** What to do about a miss. */
  readonly fix?: readonly string[];
}

export interface DoctorReport {
  readonly checks: readonly CheckResult[];
  readonly deployments: readonly DeploymentPlan[];
}

export async function runDoctor(env: NodeJS.ProcessEnv, probes: DoctorProbes): Promise<DoctorReport> {
  const provider = pinnedProvider();
  const configuration = configurationCheck(env);
  const deployments = configuration.environments.map(planDeployment);
  return {
    checks: [
      nodeCheck(probes),
      await terraformCheck(probes),
      await providerCheck(provider, env, probes),
      credentialsCheck(env),
      configuration.check,
      ...(configuration.environments.length > 0 ? [synthesisCheck(deployments)] : []),
    ],
    deployments,
  };
}

function nodeCheck(probes: DoctorProbes): CheckResult {
  const title = `Node.js ${probes.nodeVersion} (needs ≥ ${probes.minimumNodeVersion})`;
  if (compareVersions(probes.nodeVersion, probes.minimumNodeVersion) >= 0) return { status: "ok", title };
  return { status: "blocker", title, fix: [`install Node.js ${probes.minimumNodeVersion} or later (https://nodejs.org/)`] };
}

async function terraformCheck(probes: DoctorProbes): Promise<CheckResult> {
  const version = await probes.terraformVersion();
  const needs = `needs ≥ ${MINIMUM_TERRAFORM_VERSION}: S3 state locking with use_lockfile`;
  const install = `install terraform ${MINIMUM_TERRAFORM_VERSION} or later on PATH (https://developer.hashicorp.com/terraform/install)`;
  if (version === undefined) return { status: "blocker", title: `terraform not found on PATH (${needs})`, fix: [install] };
  const title = `terraform ${version} on PATH (${needs})`;
  if (compareVersions(version, MINIMUM_TERRAFORM_VERSION) >= 0) return { status: "ok", title };
  return { status: "blocker", title, fix: [install] };
}

function pinnedProvider(): ProviderAddress {
  const source = readProviderTypes().provider;
  const [hostname, namespace, type] = source.split("/");
  return { hostname, namespace, type, version: pinnedProviderVersion(readSchema(committedSchemaPath()), source) };
}

async function providerCheck(provider: ProviderAddress, env: NodeJS.ProcessEnv, probes: DoctorProbes): Promise<CheckResult> {
  const label = `provider ${provider.namespace}/${provider.type} ${provider.version} (${probes.platform})`;
  const installation = findProviderInstallation(provider, probes.platform, env, probes.homeDirectory);
  const details = [...installation.notes];
  if (installation.mirror !== undefined) {
    return { status: "ok", title: `${label} in the filesystem mirror ${installation.mirror}`, details };
  }
  if (installation.networkMirror !== undefined) {
    return {
      status: "warning",
      title: `${label} from the network mirror ${installation.networkMirror} (configured, not checked)`,
      details,
      fix: [`make sure ${installation.networkMirror} serves ${provider.namespace}/${provider.type} ${provider.version}`],
    };
  }
  if (installation.direct) {
    const registry = await probes.registryReachable();
    if (registry.reachable) return { status: "ok", title: `${label} downloadable: ${provider.hostname} answers`, details };
    details.push(`${provider.hostname} is not reachable from here (${registry.reason}); terraform init downloads the provider from it`);
  } else {
    details.push(`the CLI configuration's provider_installation does not allow downloading it directly`);
  }
  return { status: "blocker", title: `${label} cannot be installed: terraform init would fail`, details, fix: mirrorFix(provider, probes) };
}

function mirrorFix(provider: ProviderAddress, probes: DoctorProbes): string[] {
  const address = `${provider.hostname}/${provider.namespace}/${provider.type}`;
  return [
    `on a machine with registry access, after \`npx cdktf synth\`, copy the provider into a mirror folder:`,
    `    terraform -chdir=cdktf.out/stacks/<stack> providers mirror -platform=${probes.platform} /path/to/terraform-mirror`,
    `bring /path/to/terraform-mirror to this machine, and point Terraform at it in ~/.terraformrc (or the file TF_CLI_CONFIG_FILE names):`,
    `    provider_installation {`,
    `      filesystem_mirror {`,
    `        path    = "/path/to/terraform-mirror"`,
    `        include = ["${address}"]`,
    `      }`,
    `      direct {`,
    `        exclude = ["${address}"]`,
    `      }`,
    `    }`,
    `(docs/first-deploy.md#install-the-provider-without-registry-access)`,
  ];
}

function credentialsCheck(env: NodeJS.ProcessEnv): CheckResult {
  const missing = CREDENTIAL_VARIABLES.filter((name) => !env[name]);
  if (missing.length === 0) return { status: "ok", title: `credentials: ${CREDENTIAL_VARIABLES.join(" and ")} are set` };
  return {
    status: "warning",
    title: `credentials: ${missing.join(" and ")} not set in this shell`,
    details: ["terraform plan, apply and drift need them (the provider reads them); CI sets them from its secrets"],
    fix: missing.map((name) => `export ${name}=...   (the target org's OAuth client, client credentials grant)`),
  };
}

function configurationCheck(env: NodeJS.ProcessEnv): { check: CheckResult; environments: EnvironmentConfig[] } {
  const source = env[CONFIG_FILE_VARIABLE] ? `${env[CONFIG_FILE_VARIABLE]} (${CONFIG_FILE_VARIABLE})` : "config/environments.ts";
  try {
    const environments = loadEnvironments(env);
    const names = environments.map((environment) => environment.name).join(", ");
    return { check: { status: "ok", title: `configuration ${source}: ${environments.length} environment(s): ${names}` }, environments };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      check: {
        status: "blocker",
        title: `configuration ${source} is not valid`,
        details: message.split("\n"),
        fix: ["correct each field named above (README: Configure an environment)"],
      },
      environments: [],
    };
  }
}

/** Every stack built and resolved to Terraform JSON in memory; the app's output folder is a temporary one, removed after. */
export function synthesisCheck(deployments: readonly DeploymentPlan[]): CheckResult {
  const outdir = mkdtempSync(path.join(tmpdir(), "preview-retries-doctor-"));
  try {
    const app = createApp(deployments, { outdir });
    const problems = validationErrors(app);
    for (const stack of app.node.children.filter((child): child is TerraformStack => TerraformStack.isStack(child))) {
      try {
        stack.toTerraform();
      } catch (error) {
        problems.push(`[${stack.node.id}] ${(error as Error).message}`);
      }
    }
    const stackIds = deployments.map((deployment) => deployment.stackId).join(", ");
    if (problems.length === 0) return { status: "ok", title: `every stack synthesizes: ${stackIds}` };
    return {
      status: "blocker",
      title: `stacks do not synthesize`,
      details: problems,
      fix: ["correct the configuration named in each finding"],
    };
  } catch (error) {
    return { status: "blocker", title: "stacks do not synthesize", details: [(error as Error).message] };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Numeric comparison of dotted versions ("1.10.0" > "1.9.8"); a pre-release suffix is ignored. */
export function compareVersions(left: string, right: string): number {
  const parts = (version: string) => version.replace(/^v/, "").split(/[-+]/)[0].split(".").map(Number);
  const [a, b] = [parts(left), parts(right)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

const STATUS_LABELS: Readonly<Record<CheckStatus, string>> = { ok: "ok      ", warning: "warning ", blocker: "BLOCKER " };

export function formatDoctorReport(report: DoctorReport): string {
  const lines = ["preview-retries doctor: what a first deploy from this machine needs", ""];
  for (const check of report.checks) {
    lines.push(`${STATUS_LABELS[check.status]}${check.title}`);
    for (const detail of check.details ?? []) lines.push(`         ${detail}`);
    (check.fix ?? []).forEach((line, index) => lines.push(`         ${index === 0 ? "fix: " : "     "}${line}`));
  }
  for (const deployment of report.deployments) lines.push("", ...namesOf(deployment));
  const blockers = report.checks.filter((check) => check.status === "blocker");
  const warnings = report.checks.filter((check) => check.status === "warning");
  lines.push(
    "",
    blockers.length === 0
      ? `ready: no blocker${warnings.length > 0 ? `, ${warnings.length} warning(s)` : ""}`
      : `${blockers.length} blocker(s): ${blockers.map((check) => check.title).join("; ")}`,
  );
  return lines.join("\n") + "\n";
}

/** What one environment creates in its org, by name (deployment/names.ts through planDeployment). */
function namesOf(deployment: DeploymentPlan): string[] {
  const { names, integration } = deployment;
  const list = (values: Readonly<Record<string, string>>) => Object.values(values).join(", ");
  return [
    `environment ${deployment.environmentName}: stack ${deployment.stackId}, region ${deployment.region}, state backend ${deployment.backend.type}`,
    `    data tables         ${names.retriesTable}, ${names.policyTable}`,
    integration.kind === "create"
      ? `    integration         ${integration.name} (with a role and an OAuth client of the same name)`
      : `    integration         existing ${integration.id} (nothing created)`,
    `    data actions        ${list(names.dataActions)}`,
    `    workflows           ${list(names.workflows)}`,
    `    triggers            ${list(names.triggers)}`,
  ];
}

export function machineProbes(): DoctorProbes {
  const arch: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
  return {
    nodeVersion: process.versions.node,
    minimumNodeVersion: minimumNodeVersion(),
    platform: providerPlatform(process.platform, arch[process.arch] ?? process.arch),
    homeDirectory: homedir(),
    terraformVersion: terraformVersionOnPath,
    registryReachable: () => probeRegistry(`https://${readProviderTypes().provider.split("/")[0]}/.well-known/terraform.json`),
  };
}

/** The engines.node of package.json (">=20.19.0"): the one place the requirement is written. */
function minimumNodeVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { engines: { node: string } };
  return manifest.engines.node.replace(/^>=\s*/, "");
}
