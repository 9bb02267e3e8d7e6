import { describe, expect, it } from "vitest";
import { buildDriftReport, driftStatusOf } from "../../ops/drift-report";
import { diffValues } from "../../ops/value-diff";
import { fixturePlan } from "./support/fixtures";

describe("drift report of Genesys objects changed outside Terraform", () => {
  const { markdown, status } = buildDriftReport([
    { stack: "preview-retries-prod", status: "drift", plan: fixturePlan("genesys-drift.plan.json") },
  ]);

  it("shows each changed attribute with its state and current value", () => {
    expect(status).toBe("drift");
    expect(markdown).toContain("4 objects changed outside Terraform:");
    expect(markdown).toContain('| `name` | `"Preview ended"` | `"Preview ended (edited in UI)"` |');
    expect(markdown).toContain('| `roles[1].role_id` | `(absent)` | `"role-admin"` |');
  });

  it("says a deleted object is gone and lists changed outputs", () => {
    expect(markdown).toMatch(/retries-table_table_1A2B3C4D` \(genesyscloud_architect_datatable\)\n\nDeleted outside Terraform/);
    expect(markdown).toContain('| `retries_table_id` | `"tbl-1"` | `null` |');
  });

  it("masks values the provider marks sensitive and values whose names look secret", () => {
    expect(markdown).toContain("| `client_secret` | `(sensitive)` | `(sensitive)` |");
    expect(markdown).not.toContain("client-secret-value");
    expect(markdown).toContain("| `config[0].credentials.pureCloudOAuthClient` | `(sensitive)` | `(sensitive)` |");
    expect(markdown).not.toContain("cred-2");
  });

  it("maps terraform's -detailed-exitcode to a status, errors first", () => {
    expect([0, 1, 2].map(driftStatusOf)).toEqual(["none", "error", "drift"]);
    expect(
      buildDriftReport([
        { stack: "a", status: "error", error: "boom" },
        { stack: "b", status: "drift", plan: fixturePlan("genesys-drift.plan.json") },
      ]).status,
    ).toBe("error");
  });
});

describe("diffValues", () => {
  it("masks a whole value marked sensitive, and a nested leaf by its mask", () => {
    expect(diffValues("a", "b", { before: true })).toEqual([{ path: "", before: "(sensitive)", after: "(sensitive)" }]);
    expect(diffValues({ a: { b: 1, c: 1 } }, { a: { b: 2, c: 2 } }, { after: { a: { c: true } } })).toEqual([
      { path: "a.b", before: "1", after: "2" },
      { path: "a.c", before: "(sensitive)", after: "(sensitive)" },
    ]);
  });

  it("reports a container emptied or filled", () => {
    expect(diffValues({ tags: ["x"] }, { tags: [] })).toEqual([
      { path: "tags", before: "(absent)", after: "[]" },
      { path: "tags[0]", before: '"x"', after: "(absent)" },
    ]);
  });
});

describe("long drifted values", () => {
  it("are folded below the table instead of filling a cell", () => {
    const plan = fixturePlan("genesys-drift.plan.json");
    const drift = plan.resource_drift!.find((rc) => rc.change.actions[0] === "update")!;
    const edited = {
      ...plan,
      resource_drift: [
        { ...drift, change: { ...drift.change, before: { description: "a".repeat(300) }, after: { description: "b".repeat(300) } } },
      ],
    };
    const { markdown } = buildDriftReport([{ stack: "s", status: "drift", plan: edited }]);
    expect(markdown).toContain("| `description` | (long value, below) | (long value, below) |");
    expect(markdown).toContain(`<details><summary><code>description</code></summary>`);
    expect(markdown).toContain(`now:      "${"b".repeat(300)}"`);
  });
});
