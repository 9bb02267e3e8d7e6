import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runDiagramCli } from "../../cli/diagram";
import type { CommandIo } from "../../cli/program";

const POLICY = { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 };

async function diagram(argv: string[], environments?: unknown[]) {
  const dir = mkdtempSync(path.join(tmpdir(), "diagram-"));
  const env: NodeJS.ProcessEnv = {};
  if (environments) {
    env.PREVIEW_RETRIES_CONFIG = path.join(dir, "environments.json");
    writeFileSync(env.PREVIEW_RETRIES_CONFIG, JSON.stringify(environments));
  }
  let out = "";
  let err = "";
  const io: CommandIo = { out: (text) => (out += text), err: (text) => (err += text), env };
  const file = path.join(dir, "page", "workflows.html");
  const exitCode = await runDiagramCli([...argv.map((arg) => arg.replace("$OUT", file))], io);
  return { exitCode, out, err, file, page: existsSync(file) ? readFileSync(file, "utf8") : undefined };
}

describe("npm run diagram", () => {
  const defaults = { name: "dev", region: "eu-west-1", namePrefix: "dev_", wrapupPolicies: [POLICY] };
  const tuned = {
    name: "prod",
    region: "eu-west-1",
    namePrefix: "acme_",
    wrapupPolicies: [POLICY],
    correlationKey: "phoneNumber",
    endTriggerDelaySeconds: 120,
    triggers: { accepted: { dataFormat: "TopLevelPrimitives" } },
    dataActions: { resubmit: { priority: false } },
  };

  it("GIVEN an environment with its own options THEN the page shows its names, trigger settings and re-submit options, not the defaults", async () => {
    const result = await diagram(["--env", "prod", "--out", "$OUT"], [defaults, tuned]);
    expect(result.exitCode).toBe(0);
    expect(result.out).toBe(`wrote the workflows of prod to ${result.file}\n`);
    expect(result.page).toContain("<h2>acme_Preview Retries - Preview Ended</h2>");
    expect(result.page).toContain("acme_Preview Retries - Resubmit Contact (timeout");
    expect(result.page).toContain("priority=false");
    expect(result.page).toContain("<dt>data format</dt><dd>TopLevelPrimitives</dd>");
    expect(result.page).toContain("<dt>delay</dt><dd>120 s</dd>");
    expect(result.page).toContain("ToPhoneNumber(");
    expect(result.page).not.toContain("dev_");
  });

  it("GIVEN the default options THEN conversation ids are the key, as deployed", async () => {
    const result = await diagram(["--env", "dev", "--out", "$OUT"], [defaults, tuned]);
    expect(result.page).not.toContain("ToPhoneNumber(");
    expect(result.page).toContain("priority=true");
  });

  it("GIVEN the page THEN it is self-contained: no script, nothing fetched", async () => {
    const { page } = await diagram(["--env", "example", "--out", "$OUT"]);
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain("<svg xmlns=");
    expect(page).not.toMatch(/<script|\ssrc=|\shref=|@import/);
    const attributeUrls = [...(page ?? "").matchAll(/="url\(([^)]*)\)"/g)].map((match) => match[1]);
    expect(new Set(attributeUrls)).toEqual(new Set(["#arrow"]));
    expect(/<style>([^]*?)<\/style>/.exec(page ?? "")?.[1]).not.toContain("url(");
  });

  it("GIVEN an unknown environment THEN one line naming it and the known ones, exit 2, nothing written", async () => {
    const result = await diagram(["--env", "staging", "--out", "$OUT"]);
    expect(result.err).toBe("--env staging: no such environment in config/environments.ts (environments: example)\n");
    expect(result.exitCode).toBe(2);
    expect(result.page).toBeUndefined();
  });

  it("GIVEN no --env, or an unknown option THEN one line naming it, exit 2; GIVEN --help THEN usage, exit 0", async () => {
    expect(await diagram([])).toMatchObject({
      exitCode: 2,
      err: "error: required option '--env <name>' not specified (see npm run diagram -- --help)\n",
    });
    expect(await diagram(["--env", "example", "--svg"])).toMatchObject({
      exitCode: 2,
      err: "error: unknown option '--svg' (see npm run diagram -- --help)\n",
    });
    const help = await diagram(["--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.out).toContain("Usage: npm run diagram -- [options]");
    expect(help.out).toContain("--env <name>");
  });

  it("GIVEN an invalid configuration THEN its problems, exit 2 (a user's mistake)", async () => {
    const result = await diagram(["--env", "dev"], [{ ...defaults, endTriggerDelaySeconds: 5 }]);
    expect(result.err).toContain('environment "dev" (environments[0]): endTriggerDelaySeconds:');
    expect(result.exitCode).toBe(2);
  });
});
