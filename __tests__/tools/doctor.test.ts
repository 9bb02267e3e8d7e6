import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { planDeployment } from "../../deployment/plan";
import { runDoctorCli } from "../../cli/doctor";
import type { CommandIo } from "../../cli/program";
import { compareVersions, synthesisCheck, type DoctorProbes } from "../../tools/doctor";
import { environment as validEnvironment } from "../support/synth";
import { probeRegistry } from "../../tools/probes";
import { parseProviderInstallation, patternMatches } from "../../tools/terraform-cli-config";

const PROVIDER_DIR = ["registry.terraform.io", "mypurecloud", "genesyscloud"];
const SECRET = "s3cret-client-secret-never-printed";

interface Machine {
  readonly home: string;
  readonly probes: DoctorProbes;
  registryProbed: boolean;
}

/** A machine with an empty home, terraform 1.11.4, Node 20.20.2 and no registry; override any probe. */
function machine(overrides: Partial<DoctorProbes> = {}): Machine {
  const home = mkdtempSync(path.join(tmpdir(), "doctor-home-"));
  const state: Machine = {
    home,
    registryProbed: false,
    probes: {
      nodeVersion: "20.20.2",
      minimumNodeVersion: "20.19.0",
      platform: "linux_amd64",
      homeDirectory: home,
      terraformVersion: async () => "1.11.4",
      registryReachable: async () => {
        state.registryProbed = true;
        return { reachable: false, reason: "ENOTFOUND" };
      },
      ...overrides,
    },
  };
  return state;
}

/** An environment with nothing set but what a test gives (no XDG folders of the real machine). */
function environment(home: string, variables: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { XDG_DATA_HOME: path.join(home, "share"), XDG_DATA_DIRS: path.join(home, "system-share"), ...variables };
}

async function doctor(argv: string[], env: NodeJS.ProcessEnv, probes: DoctorProbes) {
  let out = "";
  let err = "";
  const io: CommandIo = { out: (text) => (out += text), err: (text) => (err += text), env };
  const exitCode = await runDoctorCli(argv, io, probes);
  return { exitCode, out, err, blockers: out.split("\n").filter((line) => line.startsWith("BLOCKER")) };
}

function mirrorWithProvider(root: string, version = "1.84.1", platform = "linux_amd64"): string {
  mkdirSync(path.join(root, ...PROVIDER_DIR, version, platform), { recursive: true });
  return root;
}

function cliConfig(home: string, text: string): string {
  const file = path.join(home, "terraform.rc");
  writeFileSync(file, text);
  return file;
}

const credentials = { GENESYSCLOUD_OAUTHCLIENT_ID: "client-id", GENESYSCLOUD_OAUTHCLIENT_SECRET: SECRET };

describe("npm run doctor", () => {
  it("GIVEN no mirror and no registry (this project's machines) THEN the provider download is the one blocker, with the mirror fix, exit 1", async () => {
    const { probes, home } = machine();
    const result = await doctor([], environment(home), probes);
    expect(result.blockers).toEqual([
      "BLOCKER provider mypurecloud/genesyscloud 1.84.1 (linux_amd64) cannot be installed: terraform init would fail",
    ]);
    expect(result.out).toContain("registry.terraform.io is not reachable from here (ENOTFOUND)");
    expect(result.out).toContain("providers mirror -platform=linux_amd64");
    expect(result.out).toContain("provider_installation {");
    expect(result.exitCode).toBe(1);
  });

  it("GIVEN a filesystem mirror in the CLI configuration holding the provider, and the credentials THEN no blocker, exit 0, no secret printed", async () => {
    const offline = machine();
    const { probes, home } = offline;
    const mirror = mirrorWithProvider(path.join(home, "mirror"));
    const config = cliConfig(
      home,
      `# offline\nprovider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n    include = ["registry.terraform.io/mypurecloud/*"]\n  }\n  direct {\n    exclude = ["mypurecloud/genesyscloud"]\n  }\n}\n`,
    );
    const result = await doctor([], environment(home, { TF_CLI_CONFIG_FILE: config, ...credentials }), probes);
    expect(result.blockers).toEqual([]);
    expect(result.out).toContain(`ok      provider mypurecloud/genesyscloud 1.84.1 (linux_amd64) in the filesystem mirror ${mirror}`);
    expect(offline.registryProbed).toBe(false);
    expect(result.out).not.toContain(SECRET);
    expect(result.exitCode).toBe(0);
  });

  it("GIVEN a configured mirror without the pinned version, and direct installation excluded THEN a blocker that says what the mirror lacks", async () => {
    const { probes, home } = machine();
    const mirror = mirrorWithProvider(path.join(home, "mirror"), "1.80.0");
    const config = cliConfig(home, `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
    const result = await doctor([], environment(home, { TF_CLI_CONFIG_FILE: config }), probes);
    expect(result.blockers).toHaveLength(1);
    expect(result.out).toContain(`the filesystem mirror ${mirror} has no 1.84.1 for linux_amd64`);
    expect(result.exitCode).toBe(1);
  });

  it("GIVEN the provider packed in the implied ~/.terraform.d/plugins mirror and no CLI configuration THEN it is found", async () => {
    const { probes, home } = machine();
    const folder = path.join(home, ".terraform.d", "plugins", ...PROVIDER_DIR);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "terraform-provider-genesyscloud_1.84.1_linux_amd64.zip"), "");
    const result = await doctor([], environment(home), probes);
    expect(result.blockers).toEqual([]);
    expect(result.out).toContain("in the filesystem mirror");
  });

  it("GIVEN the registry answers THEN the provider is downloadable", async () => {
    const { probes, home } = machine({ registryReachable: async () => ({ reachable: true }) });
    const result = await doctor([], environment(home, credentials), probes);
    expect(result.out).toContain(
      "ok      provider mypurecloud/genesyscloud 1.84.1 (linux_amd64) downloadable: registry.terraform.io answers",
    );
    expect(result.exitCode).toBe(0);
  });

  it.each([
    [undefined, "BLOCKER terraform not found on PATH (needs ≥ 1.10.0: S3 state locking with use_lockfile)"],
    ["1.9.8", "BLOCKER terraform 1.9.8 on PATH (needs ≥ 1.10.0: S3 state locking with use_lockfile)"],
  ])("GIVEN terraform %s THEN a blocker saying which version is needed", async (version, line) => {
    const { probes, home } = machine({ terraformVersion: async () => version, registryReachable: async () => ({ reachable: true }) });
    const result = await doctor([], environment(home, credentials), probes);
    expect(result.blockers).toEqual([line]);
    expect(result.out).toContain("install terraform 1.10.0 or later on PATH");
  });

  it("GIVEN Node.js older than package.json's engines THEN a blocker", async () => {
    const { probes, home } = machine({ nodeVersion: "20.11.1", registryReachable: async () => ({ reachable: true }) });
    const result = await doctor([], environment(home, credentials), probes);
    expect(result.blockers).toEqual(["BLOCKER Node.js 20.11.1 (needs ≥ 20.19.0)"]);
  });

  it("GIVEN no credentials THEN a warning naming the variables, not a blocker", async () => {
    const { probes, home } = machine({ registryReachable: async () => ({ reachable: true }) });
    const result = await doctor([], environment(home, { GENESYSCLOUD_OAUTHCLIENT_ID: "id" }), probes);
    expect(result.out).toContain("warning credentials: GENESYSCLOUD_OAUTHCLIENT_SECRET not set in this shell");
    expect(result.exitCode).toBe(0);
  });

  it("GIVEN an invalid configuration file THEN a blocker naming the field, and no stack is built", async () => {
    const { probes, home } = machine({ registryReachable: async () => ({ reachable: true }) });
    const file = path.join(home, "environments.yaml");
    writeFileSync(file, "- name: prod\n  region: eu-west-1\n  wrapupPolicies: []\n");
    const result = await doctor([], environment(home, { ...credentials, PREVIEW_RETRIES_CONFIG: file }), probes);
    expect(result.blockers).toEqual([`BLOCKER configuration ${file} (PREVIEW_RETRIES_CONFIG) is not valid`]);
    expect(result.out).toMatch(/environment "prod" \(environments\[0\]\): wrapupPolicies: /);
    expect(result.out).not.toContain("every stack synthesizes");
  });

  it("GIVEN two environments THEN every stack synthesizes and each environment's names are listed", async () => {
    const { probes, home } = machine({ registryReachable: async () => ({ reachable: true }) });
    const file = path.join(home, "environments.json");
    const policy = { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 };
    writeFileSync(
      file,
      JSON.stringify([
        { name: "dev", region: "eu-west-1", namePrefix: "dev_", wrapupPolicies: [policy] },
        {
          name: "prod",
          region: "eu-west-1",
          wrapupPolicies: [policy],
          dataActions: { existingIntegrationId: "abc", existingIntegrationName: "Acme Data Actions" },
        },
      ]),
    );
    const result = await doctor([], environment(home, { ...credentials, PREVIEW_RETRIES_CONFIG: file }), probes);
    expect(result.out).toContain("ok      every stack synthesizes: preview-retries-dev, preview-retries-prod");
    expect(result.out).toContain("environment dev: stack preview-retries-dev, region eu-west-1, state backend local");
    expect(result.out).toContain("    data tables         dev_preview_contact_retries, dev_preview_retries_wrap_policy");
    expect(result.out).toContain("    integration         existing abc (nothing created)");
    expect(result.out).toContain("    workflows           Preview Retries - Preview Accepted, Preview Retries - Preview Ended");
  });

  it("GIVEN --help THEN usage and exit 0; GIVEN an unknown option THEN one line naming it and exit 2", async () => {
    const { probes, home } = machine();
    const help = await doctor(["--help"], environment(home), probes);
    expect(help.out).toContain("Usage: npm run doctor --");
    expect(help.exitCode).toBe(0);
    const wrong = await doctor(["--verbose"], environment(home), probes);
    expect(wrong.err).toBe("error: unknown option '--verbose' (see npm run doctor -- --help)\n");
    expect(wrong.exitCode).toBe(2);
  });
});

describe("the synthesis check", () => {
  it("GIVEN a deployment whose workflow fails the lint THEN a blocker listing each finding with its construct path", () => {
    const deployment = planDeployment(validEnvironment());
    const ended = deployment.workflows.ended;
    const broken = {
      ...deployment,
      workflows: { ...deployment.workflows, ended: { ...ended, definition: { ...ended.definition, variables: [] } } },
    };
    const check = synthesisCheck([broken]);
    expect(check.status).toBe("blocker");
    expect(check.details?.length).toBeGreaterThan(0);
    expect(check.details?.every((line) => line.startsWith("[preview-retries-test/preview-retries/workflows]"))).toBe(true);
  });

  it("GIVEN a valid deployment THEN it synthesizes", () => {
    expect(synthesisCheck([planDeployment(validEnvironment())])).toEqual({
      status: "ok",
      title: "every stack synthesizes: preview-retries-test",
    });
  });
});

describe("the Terraform CLI configuration", () => {
  const provider = { hostname: "registry.terraform.io", namespace: "mypurecloud", type: "genesyscloud", version: "1.84.1" };

  it("GIVEN comments and several methods THEN each method is read in order with its patterns", () => {
    const text = `/* block */ plugin_cache_dir = "/c"\nprovider_installation {\n  # filesystem_mirror { path = "/commented" }\n  network_mirror { url = "https://mirror.example/" }\n  filesystem_mirror {\n    path = "/m" // here\n    include = ["a/b", "*/*"]\n  }\n  direct {}\n}`;
    expect(parseProviderInstallation(text)).toEqual([
      { kind: "network_mirror", url: "https://mirror.example/", include: undefined, exclude: undefined },
      { kind: "filesystem_mirror", path: "/m", include: ["a/b", "*/*"], exclude: undefined },
      { kind: "direct", include: undefined, exclude: undefined },
    ]);
    expect(parseProviderInstallation(`plugin_cache_dir = "/c"`)).toBeUndefined();
  });

  it.each([
    ["registry.terraform.io/mypurecloud/genesyscloud", true],
    ["mypurecloud/genesyscloud", true],
    ["registry.terraform.io/*/*", true],
    ["mypurecloud/*", true],
    ["hashicorp/*", false],
    ["example.com/mypurecloud/genesyscloud", false],
  ])("pattern %s matches the provider: %s", (pattern, matches) => {
    expect(patternMatches(pattern, provider)).toBe(matches);
  });
});

describe("versions and probes", () => {
  it.each([
    ["1.10.0", "1.9.8", 1],
    ["1.11.4", "1.10.0", 1],
    ["20.19.0", "20.19.0", 0],
    ["v1.10.0-beta1", "1.10.0", 0],
    ["1.2", "1.10", -1],
  ])("compareVersions(%s, %s) = %i", (left, right, expected) => {
    expect(compareVersions(left, right)).toBe(expected);
  });

  it("GIVEN nothing listening THEN the registry probe says why, without the network", async () => {
    await expect(probeRegistry("https://127.0.0.1:9/", 1_000)).resolves.toEqual({ reachable: false, reason: "ECONNREFUSED" });
  });
});
