import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { twinPaths } from "../../twin/environment";
import { describeWithTerraform, runScript, twinEnv } from "./support";
import { runTwinCli } from "../../cli/twin";
import { recordingIo } from "../support/command-io";

async function run(argv: string[]) {
  const io = recordingIo(process.env);
  const exitCode = await runTwinCli(argv, io);
  return { exitCode, stdout: io.written.out, stderr: io.written.err };
}

describe("npm run twin", () => {
  it("GIVEN env THEN it prints the two exports for the twin directory", async () => {
    const directory = mkdtempSync(join(tmpdir(), "twin-cli-"));
    const result = await run(["env", "--dir", directory]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`export TF_CLI_CONFIG_FILE="${directory}/terraformrc"\nexport PREVIEW_RETRIES_TWIN="${directory}"\n`);
  });

  it("GIVEN an unknown option THEN one line names it and the exit code is 2", async () => {
    const result = await run(["deploy", "--stacks", "x"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^error: unknown option '--stacks' \(Did you mean --stack\?\) \(see npm run twin -- --help\)\n$/);
  });
});

describeWithTerraform("npm run twin -- deploy", () => {
  it("GIVEN no twin WHEN deploy THEN every stack is applied, what was created is listed, and drift against the twin finds none", async () => {
    const directory = mkdtempSync(join(tmpdir(), "twin-deploy-"));
    const result = await run(["deploy", "--dir", directory]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Applied preview-retries-example to the twin in ${directory}`);
    expect(result.stdout.match(/^ {2}\+ /gm)).toHaveLength(16);
    expect(result.stdout).toMatch(/\+ genesyscloud_processautomation_trigger [0-9a-f-]{36} \(example_Preview Retries - Preview Ended\)/);
    expect(runScript("cli/drift.ts", [], twinEnv(twinPaths(directory))).status).toBe(0);
  });
});
