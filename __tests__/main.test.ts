import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { environmentInput } from "./support/synth";
import { ExitCode } from "../errors";

const ROOT = path.resolve(__dirname, "..");

/** Runs the app the way `cdktf synth` does (CDKTF_OUTDIR set), with the environments from a config file. */
function runApp(environments: unknown, outdir: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const configFile = path.join(mkdtempSync(path.join(tmpdir(), "config-")), "environments.json");
  writeFileSync(configFile, JSON.stringify(environments));
  return spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "main.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir, PREVIEW_RETRIES_CONFIG: configFile, ...extraEnv },
  });
}

describe("npx cdktf synth (the README's first command, through cdktf.json's app)", () => {
  it("writes the example environment's stack: pinned provider, local backend, tables, rows, flows with their YAML", () => {
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), "cdktf-synth-")), "out");
    const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "cdktf"), ["synth", "--output", outdir], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", PREVIEW_RETRIES_CONFIG: "" },
    });
    expect(result.status, result.stderr).toBe(0);
    const stackDir = path.join(outdir, "stacks", "preview-retries-example");
    const stack = JSON.parse(readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    expect(stack.terraform.required_providers.genesyscloud.version).toBe("1.84.1");
    expect(Object.keys(stack.terraform.backend)).toEqual(["local"]);
    expect(Object.keys(stack.resource.genesyscloud_architect_datatable)).toHaveLength(2);
    expect(Object.keys(stack.resource.genesyscloud_architect_datatable_row)).toHaveLength(1);
    const flows = Object.values(stack.resource.genesyscloud_flow) as { filepath: string }[];
    expect(flows).toHaveLength(2);
    for (const flow of flows) expect(existsSync(path.join(stackDir, flow.filepath)), flow.filepath).toBe(true);
  });
});

describe("main.ts", () => {
  it("synthesizes one stack per environment", () => {
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), "synth-")), "out");
    const result = runApp([environmentInput({ name: "dev" }), environmentInput({ name: "prod", region: "us-west-2" })], outdir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(["preview-retries-dev", "preview-retries-prod"]);
    const prod = JSON.parse(readFileSync(path.join(outdir, "stacks", "preview-retries-prod", "cdk.tf.json"), "utf8"));
    expect(prod.provider.genesyscloud).toEqual([{ aws_region: "us-west-2" }]);
  });

  it("stops on an invalid configuration with file, environment, field and reason, and removes the earlier synth's output", () => {
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), "synth-")), "out");
    writeEarlierSynth(outdir, "preview-retries-prod");

    const result = runApp([environmentInput({ name: "prod", endTriggerDelaySeconds: 1000 })], outdir);

    expect(result.status).toBe(ExitCode.USAGE);
    expect(result.stderr).toMatch(
      /environments\.json:1:\d+: environment "prod" \(environments\[0\]\): endTriggerDelaySeconds: must be between 60 and 900 seconds/,
    );
    expect(result.stderr).not.toMatch(/\s+at \S+ \(/);
    expect(existsSync(path.join(outdir, "manifest.json"))).toBe(false);
    expect(existsSync(path.join(outdir, "stacks", "preview-retries-prod"))).toBe(false);
  });

  it("keeps every file of the output folder that no cdktf manifest lists", () => {
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), "synth-")), "out");
    writeEarlierSynth(outdir, "preview-retries-prod");
    writeFileSync(path.join(outdir, "unrelated.txt"), "mine");
    mkdirSync(path.join(outdir, "stacks", "someone-elses"), { recursive: true });

    const result = runApp([{ ...environmentInput({ name: "prod" }), region: "nowhere" }], outdir);

    expect(result.status).toBe(ExitCode.USAGE);
    expect(readFileSync(path.join(outdir, "unrelated.txt"), "utf8")).toBe("mine");
    expect(existsSync(path.join(outdir, "stacks", "someone-elses"))).toBe(true);
    expect(existsSync(path.join(outdir, "stacks", "preview-retries-prod"))).toBe(false);
  });

  it("rejects a local state directory inside the output folder before writing anything", () => {
    const parent = mkdtempSync(path.join(tmpdir(), "synth-"));
    const outdir = path.join(parent, "out");
    const result = runApp([environmentInput({ name: "prod", backend: { type: "local", directory: "out/state" } })], outdir);
    expect(result.status).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('environment "prod": backend.directory: the state file');
    expect(result.stderr).toContain("would be inside the synth output folder");
    expect(existsSync(path.join(outdir, "manifest.json"))).toBe(false);
  });

  it("leaves no temporary folder behind", () => {
    const privateTmp = mkdtempSync(path.join(tmpdir(), "synth-tmp-"));
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), "synth-")), "out");
    const result = runApp([environmentInput({ name: "dev" })], outdir, { TMPDIR: privateTmp });
    expect(result.status, result.stderr).toBe(0);
    // (v8-compile-cache-* is ts-node's, shared by every run.)
    expect(readdirSync(privateTmp).filter((entry) => !entry.startsWith("v8-compile-cache"))).toEqual([]);
    expect(readdirSync(outdir).sort()).toEqual(["manifest.json", "stacks"]);
  });
});

describe("main.ts with a config file that cannot be read or parsed", () => {
  function runWithConfigFile(configFile: string) {
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), "synth-")), "out");
    return spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "main.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: outdir, PREVIEW_RETRIES_CONFIG: configFile },
    });
  }
  const file = (name: string, content?: string | Buffer) => {
    const target = path.join(mkdtempSync(path.join(tmpdir(), "config-")), name);
    if (content !== undefined) writeFileSync(target, content);
    return target;
  };

  it.each([
    ["a missing file", () => file("environments.yaml"), "cannot read the configuration file (no such file)"],
    ["a directory", () => path.dirname(file("x.yaml", "")), "is a directory"],
    ["an empty file", () => file("environments.yaml", ""), "is empty"],
    ["a JSON syntax error", () => file("environments.json", "[{]"), ":1:3: invalid JSON"],
    ["a YAML syntax error", () => file("environments.yaml", '- name: "prod\n'), "invalid YAML"],
    ["`environments:` at the top", () => file("environments.yaml", "environments:\n  - name: prod\n"), "top level: must be a list"],
    [
      "Latin-1 text",
      () => file("environments.yaml", Buffer.from("- name: café\n", "latin1")),
      "is not valid UTF-8 (first invalid byte at offset 11)",
    ],
  ])("rejects %s with one line naming the file and no stack trace", (_label, makeFile, says) => {
    const configFile = makeFile();
    const result = runWithConfigFile(configFile);
    expect(result.status).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain(`${configFile}`);
    expect(result.stderr).toContain(says);
    expect(result.stderr).not.toMatch(/\s+at \S+ \(|TypeError|SyntaxError|YAMLParseError/);
  });

  it("accepts a JSON file that starts with a UTF-8 byte order mark", () => {
    const configFile = file("environments.json", `\ufeff${JSON.stringify([environmentInput({ name: "dev" })])}`);
    const result = runWithConfigFile(configFile);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("npx cdktf synth --output <a folder the user owns>", () => {
  it("GIVEN a config typo WHEN synth fails THEN the folder's unrelated files and .git survive", () => {
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), "cdktf-synth-")), "some", "dir");
    mkdirSync(path.join(outdir, ".git"), { recursive: true });
    writeFileSync(path.join(outdir, ".git", "HEAD"), "ref: refs/heads/main\n");
    writeFileSync(path.join(outdir, "unrelated.txt"), "mine");
    const configFile = path.join(mkdtempSync(path.join(tmpdir(), "config-")), "environments.yaml");
    writeFileSync(configFile, "- name: prod\n  region: eu-west-1\n  wrapupPolicy: []\n");

    const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "cdktf"), ["synth", "--output", outdir], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", PREVIEW_RETRIES_CONFIG: configFile },
    });

    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('unknown field(s) "wrapupPolicy"');
    expect(readFileSync(path.join(outdir, "unrelated.txt"), "utf8")).toBe("mine");
    expect(readFileSync(path.join(outdir, ".git", "HEAD"), "utf8")).toBe("ref: refs/heads/main\n");
  });
});

/** What an earlier successful synth left: a manifest listing the stack and the stack's folder. */
function writeEarlierSynth(outdir: string, stackId: string) {
  mkdirSync(path.join(outdir, "stacks", stackId), { recursive: true });
  writeFileSync(path.join(outdir, "stacks", stackId, "cdk.tf.json"), "{}");
  const stack = { name: stackId, workingDirectory: `stacks/${stackId}`, synthesizedStackPath: `stacks/${stackId}/cdk.tf.json` };
  writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: { [stackId]: stack } }));
}
