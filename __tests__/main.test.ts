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
