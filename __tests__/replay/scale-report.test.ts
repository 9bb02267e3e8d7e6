/**
 * The scale report's figures for a fixed seed. The fixtures were recorded from the replay before it was
 * rewritten for speed (compiled templates, streaming), so a change of any figure is a change of behaviour.
 * The 10,000-preview fixture (the default of `npm run replay:scale`) is checked by `npm run bench`.
 * They were recorded with phone-number keys, then the default: the test replays that configuration.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnvironments } from "../../config/load";
import { scaleReport } from "../../replay/scale-report";

const fixture = (previews: number) =>
  readFileSync(path.join(__dirname, "fixtures", `scale-report.example.seed-1.previews-${previews}.txt`), "utf8");

describe("npm run replay:scale", () => {
  it("GIVEN the example environment and seed 1 WHEN 1,000 previews are replayed THEN every figure is as recorded before the rewrite", () => {
    const example = loadEnvironments({}).find((candidate) => candidate.name === "example");
    if (!example) throw new Error("config/environments.ts has no example environment");
    const report = scaleReport(
      { ...example, correlationKey: "phoneNumber" },
      { previews: 1000, skipRate: 0.3, previewsPerMinute: 100, seed: 1 },
    );
    expect(report.text).toBe(fixture(1000));
    expect(report.unexpected).toBe(0);
  }, 120_000);
});
