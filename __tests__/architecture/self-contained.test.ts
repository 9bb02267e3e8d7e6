/** The repository needs nothing beside it: no file refers to a folder outside it (facts are vendored as fixtures). */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SKIPPED = new Set(["node_modules", ".git", ".gen", "cdktf.out", "terraform-state"]);
/** A sibling folder named shared (the team's notes), by absolute or relative path. */
const SHARED = ["sha", "red"].join(""); // spelled apart so this file does not match itself
const OUTSIDE = new RegExp([`/${"work"}/`, `\\.\\./${SHARED}`, `(?<![\\w/.-])${SHARED}/(reference|provider-schema)`].join("|"));

function textFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return textFiles(full);
    return /\.(ts|mts|js|mjs|json|md|ya?ml|jsonl|txt|java)$|^run$/.test(entry.name) ? [full] : [];
  });
}

describe("self-contained repository", () => {
  it("GIVEN every text file THEN none refers to a path outside the repository", () => {
    const files = textFiles(ROOT);
    expect(files.length).toBeGreaterThan(50);
    const offending = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) => (OUTSIDE.test(line) ? [`${path.relative(ROOT, file)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offending).toEqual([]);
  });
});
