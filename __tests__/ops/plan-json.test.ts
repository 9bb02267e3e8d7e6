import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changeKind, parsePlanJson, PlanInputError } from "../../ops/plan-json";
import { runCli } from "./support/terraform-stacks";
import { FIXTURES } from "./support/fixtures";

function parseError(text: string): PlanInputError {
  try {
    parsePlanJson(text, "stacks/x.plan.json");
  } catch (error) {
    if (error instanceof PlanInputError) return error;
    throw error;
  }
  throw new Error("parsePlanJson accepted the input");
}

describe("parsePlanJson", () => {
  it("names the file and the reason for input that is not plan JSON", () => {
    expect(parseError("Terraform will perform the following actions:").message).toMatch(/^stacks\/x\.plan\.json: not JSON/);
    expect(parseError("[1, 2]").message).toBe("stacks/x.plan.json: not a Terraform plan JSON document (expected a JSON object)");
    expect(parseError('{"resource_changes": []}').reason).toMatch(/no format_version/);
    expect(parseError('{"format_version": "1.0", "values": {}}').reason).toMatch(/state JSON/);
  });

  it("rejects an unknown format_version major", () => {
    expect(parseError('{"format_version": "2.0", "resource_changes": []}').reason).toBe(
      "unsupported plan JSON format_version 2.0 (this tool reads 1.x)",
    );
  });

  it("points at the invalid field", () => {
    const text = JSON.stringify({
      format_version: "1.2",
      resource_changes: [{ address: "a.b", mode: "managed", type: "a", name: "b", provider_name: "p", change: { actions: ["explode"] } }],
    });
    expect(parseError(text).reason).toMatch(/^invalid plan JSON at resource_changes\.0\.change\.actions\.0:/);
  });

  it("folds delete/create pairs into replace in either order", () => {
    expect(changeKind(["delete", "create"])).toBe("replace");
    expect(changeKind(["create", "delete"])).toBe("replace");
    expect(changeKind(["update"])).toBe("update");
  });
});

describe("npm run plan-report exit codes", () => {
  const dir = mkdtempSync(join(tmpdir(), "ops-report-"));

  it("exits 2 (the user's input) and names the file for bad input, in one line without a stack trace", () => {
    const bad = join(dir, "bad.plan.json");
    writeFileSync(bad, JSON.stringify({ format_version: "9.1" }));
    const result = runCli("plan-report", [bad]);
    expect(result.status).toBe(2);
    expect(result.stderr.startsWith(`${bad}: unsupported plan JSON format_version 9.1`)).toBe(true);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    const missing = runCli("plan-report", [join(dir, "missing.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`${join(dir, "missing.json")}: cannot read (ENOENT)\n`);
  });

  it("exits 2 without a file", () => {
    expect(runCli("plan-report", []).status).toBe(2);
  });

  it("exits 0 for a safe plan and 3 for a risky one, with one section per stack", () => {
    const safe = runCli("plan-report", [join(FIXTURES, "safe.plan.json")]);
    expect(safe.status).toBe(0);
    expect(safe.stdout).toContain("No risky changes.");
    const risky = runCli("plan-report", [join(FIXTURES, "safe.plan.json"), join(FIXTURES, "runtime-table-deleted.plan.json")]);
    expect(risky.status).toBe(3);
    expect(risky.stdout).toContain("### Stack `safe`");
    expect(risky.stdout).toContain("### Stack `runtime-table-deleted`");
    expect(risky.stdout).toContain("Risky changes in `runtime-table-deleted`");
  });
});
