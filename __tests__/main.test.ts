import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { environmentInput } from "./support/synth";

const ROOT = path.resolve(__dirname, "..");

/** Runs the app the way `cdktf synth` does (CDKTF_OUTDIR set), with the environments from a config file. */
function runApp(environments: unknown, outdir: string) {
  const configFile = path.join(mkdtempSync(path.join(tmpdir(), "config-")), "environments.json");
  writeFileSync(configFile, JSON.stringify(environments));
  return spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "main.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir, PREVIEW_RETRIES_CONFIG: configFile },
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

  it("stops on an invalid configuration with environment, field and reason, and leaves no output behind", () => {
    const outdir = path.join(mkdtempSync(path.join(tmpdir(), "synth-")), "out");
    mkdirSync(path.join(outdir, "stacks", "preview-retries-prod"), { recursive: true });
    writeFileSync(path.join(outdir, "stacks", "preview-retries-prod", "cdk.tf.json"), "{}"); // an earlier synth's output

    const result = runApp([environmentInput({ name: "prod", endTriggerDelaySeconds: 1000 })], outdir);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('environment "prod" (environments[0]): endTriggerDelaySeconds: must be between 60 and 900 seconds');
    expect(existsSync(outdir)).toBe(false);
  });
});
