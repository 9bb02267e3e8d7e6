import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeSynthOutput, readJson, runCli, type CliResult, type FakeSynthOutput } from "./support/terraform-stacks";

/**
 * The pull-request review of a real terraform plan (terraform_data resources standing in for the
 * Genesys objects): imports, values, masking, failed stacks.
 */

const STACK = "preview-retries-review";
const ADOPT = "preview-retries-adopt";

/** Every place a secret can hide in a plan; each planted value contains PLANTED and must never be printed. */
function secrets(version: 1 | 2) {
  return {
    authorizationHeader: `Bearer PLANTED-authorization-${version}xyz`,
    cookieHeader: `session=PLANTED-cookie-${version}`,
    queryUrl: `https://api.example.com/records?code=PLANTED-query-${version}&page=1`,
    userInfoUrl: `https://robot:PLANTED-userinfo-${version}@api.example.com/v1`,
    jsonKey: JSON.stringify({ apiKey: `PLANTED-jsonkey-${version}`, waitTime: 1 }),
    nestedJson: JSON.stringify({ settings: JSON.stringify({ auth: { token: `PLANTED-nested-${version}` } }) }),
    headerPair: [{ name: "X-Api-Key", value: `PLANTED-pair-${version}` }],
    clientSecret: `PLANTED-name-${version}`,
    brokenJson: `{"token": PLANTED-broken-${version}`,
    sensitiveVariable: `PLANTED-variable-${version}`,
  };
}

function reviewStack(version: 1 | 2): Record<string, unknown> {
  const s = secrets(version);
  return {
    variable: { api_password: { type: "string", sensitive: true, default: s.sensitiveVariable } },
    ...(version === 2 ? { import: [{ to: "terraform_data.retries_table", id: "tbl-123" }] } : {}),
    resource: {
      terraform_data: {
        ...(version === 2 ? { retries_table: {} } : {}),
        policy_row: {
          input: { key_value: "WRAPUP-1", properties_json: JSON.stringify({ waitTime: version === 1 ? 240 : 300, maxAttempts: 3 }) },
        },
        trigger: { input: { name: "Preview ended", delay_by_seconds: version === 1 ? 10 : 20 } },
        data_action: {
          input: {
            config_request: {
              request_url_template: s.queryUrl,
              headers: { Authorization: s.authorizationHeader, Cookie: s.cookieHeader, Accept: "application/json" },
            },
            endpoint: s.userInfoUrl,
            body_json: s.jsonKey,
            nested_json: s.nestedJson,
            header_list: s.headerPair,
            client_secret: s.clientSecret,
            template: s.brokenJson,
            note: "${var.api_password}",
          },
        },
      },
    },
  };
}

function adoptStack(version: 1 | 2): Record<string, unknown> {
  return version === 1
    ? { resource: { terraform_data: { kept: { input: "k" } } } }
    : {
        import: [{ to: "terraform_data.flow", id: "flow-9" }],
        resource: { terraform_data: { kept: { input: "k" }, flow: { input: { name: "Retry flow" } } } },
      };
}

function everythingPrinted(synth: FakeSynthOutput, run: CliResult): string {
  return [
    run.stdout,
    run.stderr,
    readFileSync(join(synth.outDir, "plan-report.md"), "utf8"),
    readFileSync(join(synth.outDir, "plan-comment.md"), "utf8"),
    readFileSync(join(synth.outDir, "risk-fingerprints.json"), "utf8"),
  ].join("\n");
}

describe("GIVEN a plan that imports the retries table, changes a policy row's waitTime and rotates secrets", () => {
  let synth: FakeSynthOutput;
  let run: CliResult;
  let report: string;

  beforeAll(() => {
    synth = fakeSynthOutput([STACK, ADOPT]);
    synth.writeStack(STACK, reviewStack(1));
    synth.writeStack(ADOPT, adoptStack(1));
    for (const stack of [STACK, ADOPT]) {
      synth.terraform(stack, ["init", "-input=false"]);
      synth.terraform(stack, ["apply", "-auto-approve", "-input=false"]);
    }
    synth.writeStack(STACK, reviewStack(2));
    synth.writeStack(ADOPT, adoptStack(2));
    run = runCli("plan", ["--out-dir", synth.outDir, "--no-lock"]);
    report = readFileSync(join(synth.outDir, "plan-report.md"), "utf8");
  });

  it("THEN the plan JSON really holds every planted secret in clear (the test plants what it claims)", () => {
    const planJson = readFileSync(join(synth.stackDir(STACK), `${STACK}.plan.json`), "utf8");
    for (const value of ["authorization", "cookie", "query", "userinfo", "jsonkey", "nested", "pair", "name", "broken", "variable"]) {
      expect(planJson).toContain(`PLANTED-${value}-2`);
    }
  });

  it('THEN the report counts "1 to import" and lists the import, and shows an import with changes as "import + update"', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(report).toContain("**1 to import, 0 to create, 3 to update, 0 to replace, 0 to delete**");
    expect(report).toContain("- `terraform_data.retries_table` from id `tbl-123` (import only, no change)");
    expect(report).toContain("| 📥 import | `terraform_data.retries_table` |");
    expect(report).toContain("- `terraform_data.flow` from id `flow-9` (📥 import + ✏️ update)");
    expect(report).toContain("**`terraform_data.flow`** (📥 import + ✏️ update)");
  });

  it("THEN it shows the safe values before → after, inside JSON-string attributes too", () => {
    expect(report).toContain("`input.properties_json › waitTime: 240 → 300`");
    expect(report).toContain("`input.delay_by_seconds: 10 → 20`");
    expect(report).toContain('`input.name: (absent) → "Retry flow"`');
  });

  it("THEN an Authorization header change shows masked, and so does every other hiding place", () => {
    expect(report).toContain("`input.config_request.headers.Authorization: (sensitive) → (sensitive)`");
    expect(report).toContain("`input.config_request.headers.Cookie: (sensitive) → (sensitive)`");
    expect(report).toContain('`input.config_request.request_url_template: "https://api.example.com/records?code=***&page=***"');
    expect(report).toContain("`input.body_json › apiKey: (sensitive) → (sensitive)`");
    expect(report).toContain("`input.header_list[0].value: (sensitive) → (sensitive)`");
    expect(report).toContain("`input.template: (changed, not shown) → (changed, not shown)`");
    expect(report).toContain("`input.note: (sensitive) → (sensitive)`");
  });

  it("THEN no planted secret appears in the report, the comment, the fingerprints, stdout or the log", () => {
    const printed = everythingPrinted(synth, run);
    expect(printed).toContain("terraform show");
    expect(printed.match(/PLANTED[\w-]*/g) ?? []).toEqual([]);
  });

  it("THEN terraform's own plan text is in a folded section, redacted", () => {
    expect(report).toMatch(/<details><summary><code>terraform show<\/code> of <code>preview-retries-review<\/code> \(masked\)<\/summary>/);
    expect(report).toContain("# terraform_data.retries_table will be imported");
    expect(report).toMatch(/~ Authorization = \*\*\* -> "\*\*\*"/);
    expect(report).toContain('request_url_template = "https://api.example.com/records?code=***&page=***"');
  });
});

describe("GIVEN two stacks where one cannot be planned", () => {
  let synth: FakeSynthOutput;

  beforeAll(() => {
    synth = fakeSynthOutput(["preview-retries-a-good", "preview-retries-b-broken"]);
    synth.writeStack("preview-retries-a-good", { resource: { terraform_data: { x: { input: 1 } } } });
  });

  it("WHEN init fails THEN the first line says planning failed for 1 stack and its risks are unknown, naming init; exit 1", () => {
    // A provider that cannot be installed (no registry answers for example.invalid): init fails.
    synth.writeStack("preview-retries-b-broken", {
      terraform: { required_providers: { nothing: { source: "example.invalid/none/nothing", version: "1.0.0" } } },
      resource: { terraform_data: { y: { input: 1 } } },
    });
    const run = runCli("plan", ["--out-dir", synth.outDir, "--no-lock"]);
    expect(run.status).toBe(1);
    const report = readFileSync(join(synth.outDir, "plan-report.md"), "utf8");
    expect(report.split("\n")[0]).toBe("## ❌ Terraform plan: planning failed for 1 stack, so its risks are unknown");
    expect(report).toContain("> - `preview-retries-b-broken`: `terraform init` failed.");
    expect(report).not.toMatch(/no risky changes/i);
    expect(readFileSync(join(synth.outDir, "plan-comment.md"), "utf8").split("\n")[0]).toBe(report.split("\n")[0]);
    expect(readJson<Record<string, string>>(join(synth.outDir, "risk-fingerprints.json"))["preview-retries-b-broken"]).toBe("unknown");
    // The healthy stack is still reported.
    expect(report).toContain("### Stack `preview-retries-a-good`");
  });

  it("WHEN plan fails THEN the report names the plan step", () => {
    synth.writeStack("preview-retries-b-broken", {
      resource: { terraform_data: { y: { input: '${file("does-not-exist.txt")}' } } },
    });
    const run = runCli("plan", ["--out-dir", synth.outDir, "--no-lock"]);
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")[0]).toContain("planning failed for 1 stack");
    expect(run.stdout).toContain("> - `preview-retries-b-broken`: `terraform plan` failed.");
  });
});
