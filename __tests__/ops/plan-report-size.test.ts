import { describe, expect, it } from "vitest";
import { parsePlanJson } from "../../ops/plan-json";
import { buildPlanReport, COMMENT_LIMIT } from "../../ops/plan-report";

/** GitHub rejects a comment body over 65,536 characters. */
const GITHUB_COMMENT_LIMIT = 65_536;

function bigPlan(resources: number) {
  const changes = Array.from({ length: resources }, (_, i) => ({
    address: `genesyscloud_architect_datatable_row.row_${i}`,
    mode: "managed",
    type: "genesyscloud_architect_datatable_row",
    name: `row_${i}`,
    provider_name: "registry.terraform.io/mypurecloud/genesyscloud",
    change: {
      actions: i === 0 ? ["delete"] : ["update"],
      before: { key_value: `CODE-${i}`, properties_json: JSON.stringify({ waitTime: 240, note: "x".repeat(150) }) },
      after: i === 0 ? null : { key_value: `CODE-${i}`, properties_json: JSON.stringify({ waitTime: 300, note: "y".repeat(150) }) },
    },
  }));
  return parsePlanJson(JSON.stringify({ format_version: "1.2", resource_changes: changes }), "big.json");
}

/** Markdown tables of a report: each header row up to the blank line that ends it. */
function tables(markdown: string): string[] {
  return markdown.match(/^\| Action \|[\s\S]*?\n\n/gm) ?? [];
}

describe("a plan too large for one pull-request comment", () => {
  const planText = "  ~ resource ...\n".repeat(20_000);
  const report = buildPlanReport([
    { stack: "preview-retries-a", plan: bigPlan(300), planText },
    { stack: "preview-retries-b", plan: bigPlan(40), planText: "small" },
  ]);

  it("GIVEN a full report far over GitHub's limit THEN the comment fits, starting with the same headline and keeping every risk", () => {
    expect(report.markdown.length).toBeGreaterThan(4 * GITHUB_COMMENT_LIMIT);
    expect(report.comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(COMMENT_LIMIT).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(report.comment.split("\n")[0]).toBe(report.markdown.split("\n")[0]);
    expect(report.comment).toContain("- genesyscloud_architect_datatable_row.row_0 will be destroyed.");
    expect(report.comment).toContain("**0 to create, 299 to update, 0 to replace, 1 to delete**");
  });

  it("THEN whole sections are left out (terraform's text first) and named, never a table cut in half", () => {
    expect(report.comment).toContain("Left out to stay under GitHub's comment size limit");
    expect(report.comment).toContain("terraform's plan text of `preview-retries-a`");
    for (const table of tables(report.comment)) expect(report.markdown).toContain(table);
    const lines = report.comment.split("\n");
    const opened = lines.filter((line) => line.startsWith("<details>")).length;
    expect(lines.filter((line) => line === "</details>").length).toBe(opened);
    expect(report.comment.match(/^```/gm)?.length ?? 0).toSatisfy((n: number) => n % 2 === 0);
  });

  it("GIVEN a report that fits THEN the comment is the report", () => {
    const small = buildPlanReport([{ stack: "preview-retries-b", plan: bigPlan(3), planText: "small" }]);
    expect(small.comment).toBe(small.markdown);
  });
});
