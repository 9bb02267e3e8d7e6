import { describe, expect, it } from "vitest";
import { buildDriftReport } from "../../ops/drift-report";
import { isSecretName, maskText } from "../../ops/masking";
import { parsePlanJson, type JsonValue } from "../../ops/plan-json";
import { buildPlanReport } from "../../ops/plan-report";
import { diffValues } from "../../ops/value-diff";

describe("isSecretName", () => {
  it.each([
    "Authorization",
    "authorization",
    "Cookie",
    "Set-Cookie",
    "client_secret",
    "clientSecret",
    "x-auth-token",
    "accessToken",
    "password",
    "PASSWD",
    "credentials",
    "apiKey",
    "api_key",
    "X-Api-Key",
    "subscriptionKey",
    "privateKey",
    "signature",
    "auth",
  ])("%s is a secret's name", (name) => expect(isSecretName(name)).toBe(true));

  it.each(["waitTime", "key_value", "name", "properties_json", "monkey", "keyboard", "delay_by_seconds", "topic_name"])(
    "%s is not",
    (name) => expect(isSecretName(name)).toBe(false),
  );

  it("`key` alone is a secret's name only for the value right under it (a data table's key column is also `key`)", () => {
    expect(isSecretName("key", "leaf")).toBe(true);
    expect(isSecretName("key", "ancestor")).toBe(false);
    expect(diffValues({ properties: { key: { title: "A" } } }, { properties: { key: { title: "B" } } })).toEqual([
      { path: "properties.key.title", before: '"A"', after: '"B"' },
    ]);
    expect(diffValues({ key: "k1" }, { key: "k2" })).toEqual([{ path: "key", before: "(sensitive)", after: "(sensitive)" }]);
  });
});

describe("maskText", () => {
  it("hides every URL query and fragment value and URL user info, keeping the rest of the URL", () => {
    expect(maskText("https://u:p4ss@h.example/a?x=1&token=abc#access_token=z")).toBe(
      "https://***@h.example/a?x=***&token=***#access_token=***",
    );
  });

  it("hides credentials after an authorization scheme and values of secret-named pairs", () => {
    expect(maskText("Authorization: Bearer eyJhbGciOi.J9x")).toBe("Authorization: *** ***");
    expect(maskText('curl -H "X-Api-Key: abcd1234" password=hunter2 "clientSecret": "s3"')).toBe(
      'curl -H "X-Api-Key: ***" password=*** "clientSecret": ***',
    );
    expect(maskText("Token rotation failed for Basic retries")).toBe("Token rotation failed for Basic retries");
  });
});

describe("diffValues", () => {
  it("compares inside JSON-string attributes and masks keys named like secrets there", () => {
    const before = { properties_json: JSON.stringify({ waitTime: 240, apiKey: "k-1" }) };
    const after = { properties_json: JSON.stringify({ waitTime: 300, apiKey: "k-2" }) };
    expect(diffValues(before, after)).toEqual([
      { path: "properties_json › apiKey", before: "(sensitive)", after: "(sensitive)" },
      { path: "properties_json › waitTime", before: "240", after: "300" },
    ]);
  });

  it("masks the value of a header given as a name/value pair", () => {
    const headers = (value: string) => ({ headers: [{ name: "Authorization", value }] });
    expect(diffValues(headers("Bearer a"), headers("Bearer b"))).toEqual([
      { path: "headers[0].value", before: "(sensitive)", after: "(sensitive)" },
    ]);
  });

  it("shows only the changed path for a JSON-looking text that does not parse and mentions a secret", () => {
    expect(diffValues({ t: '{"token": x1' }, { t: '{"token": x2' })).toEqual([
      { path: "t", before: "(changed, not shown)", after: "(changed, not shown)" },
    ]);
    // No `name: value` pair to mask here: the secret's name alone hides the text.
    expect(diffValues({ t: "[${var.api_token}, 1]" }, { t: "[${var.api_token}, 2]" })[0].after).toBe("(changed, not shown)");
  });

  it("shows a JSON-looking text that does not parse when it mentions no secret (a Terraform interpolation)", () => {
    expect(diffValues({ t: "[${var.wait_time}, 1]" }, { t: "[${var.wait_time}, 2]" })).toEqual([
      { path: "t", before: '"[${var.wait_time}, 1]"', after: '"[${var.wait_time}, 2]"' },
    ]);
  });
});

/** A plan whose one resource hides a planted value in each place a secret can hide. */
function plantedPlan(): string {
  const value = (n: number): JsonValue => ({
    url: `https://api.example.com/x?sig=PLANTED-q${n}`,
    headers: { Authorization: `Bearer PLANTED-a${n}`, cookie: `id=PLANTED-c${n}`, "X-Api-Key": `PLANTED-k${n}` },
    body: JSON.stringify({ nested: { password: `PLANTED-j${n}` } }),
    pairs: [{ key: "Authorization", value: `PLANTED-p${n}` }],
    marked: `PLANTED-s${n}`,
  });
  const change = {
    address: "genesyscloud_integration_action.a",
    mode: "managed",
    type: "genesyscloud_integration_action",
    name: "a",
    provider_name: "registry.terraform.io/mypurecloud/genesyscloud",
    change: {
      actions: ["update"],
      before: value(1),
      after: value(2),
      before_sensitive: { marked: true },
      after_sensitive: { marked: true },
    },
  };
  return JSON.stringify({ format_version: "1.2", resource_changes: [change], resource_drift: [change] });
}

describe("one masking for the plan report and the drift report", () => {
  it("GIVEN planted values in every hiding place THEN neither report prints any, and both show the same masked paths", () => {
    const plan = parsePlanJson(plantedPlan(), "planted.json");
    const planReport = buildPlanReport([{ stack: "s", plan, planText: plantedPlan() }]).markdown;
    const driftReport = buildDriftReport([{ stack: "s", status: "drift", plan }]).markdown;
    for (const report of [planReport, driftReport]) {
      expect(report.match(/PLANTED[\w-]*/g) ?? []).toEqual([]);
      for (const path of [
        "headers.Authorization",
        "headers.cookie",
        "headers.X-Api-Key",
        "body › nested.password",
        "pairs[0].value",
        "marked",
      ]) {
        expect(report).toContain(path);
      }
    }
  });
});
