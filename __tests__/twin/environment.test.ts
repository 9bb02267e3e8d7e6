import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { terraformEnvironmentFor, twinPaths, TWIN_VARIABLE } from "../../twin/environment";
import { installTwin } from "../../twin/install";

describe("selecting the twin with PREVIEW_RETRIES_TWIN", () => {
  const twin = installTwin(mkdtempSync(join(tmpdir(), "twin-env-")));
  const env = { [TWIN_VARIABLE]: twin.directory, TF_CLI_CONFIG_FILE: "/root/.terraformrc" };

  it("GIVEN a stack directory in the twin THEN terraform gets the twin's CLI configuration", () => {
    expect(terraformEnvironmentFor(env, join(twin.outDir, "stacks", "s")).TF_CLI_CONFIG_FILE).toBe(twin.cliConfig);
    expect(terraformEnvironmentFor({}, "/anywhere")).toEqual({});
  });

  it("GIVEN a directory outside the twin THEN terraform is not run there (its lock file would record the stand-in)", () => {
    expect(() => terraformEnvironmentFor(env, resolve("cdktf.out/stacks/s"))).toThrow(/is outside the twin/);
  });

  it("GIVEN a twin that does not exist THEN the error says how to create it", () => {
    const missing = twinPaths(join(tmpdir(), "no-such-twin"));
    expect(() => terraformEnvironmentFor({ [TWIN_VARIABLE]: missing.directory }, missing.outDir)).toThrow("npm run twin -- deploy");
  });

  it("GIVEN the twin selected WHEN the app synthesizes outside it THEN it stops with one line and writes nothing", () => {
    const outDir = join(mkdtempSync(join(tmpdir(), "twin-env-out-")), "cdktf.out");
    const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "main.ts"], {
      cwd: resolve(__dirname, "../.."),
      env: { ...process.env, ...env, CDKTF_OUTDIR: outDir },
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining(`${outDir} is outside the twin ${twin.directory}`)]);
    expect(existsSync(outDir)).toBe(false);
  });
});
