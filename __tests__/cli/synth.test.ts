import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runSynth } from "../../cli/synth";
import { stackFiles, synthesizedStacks } from "../../ops/stacks";
import { TWIN_VARIABLE, twinPaths } from "../../twin/environment";

describe("runSynth into a twin", () => {
  it("GIVEN a selected twin WHEN synthesized THEN every published stack keeps its state in the twin (local backend, no cloud block)", () => {
    const twin = twinPaths(mkdtempSync(path.join(tmpdir(), "synth-twin-")));
    const stderr: string[] = [];
    const status = runSynth(
      { ...process.env, [TWIN_VARIABLE]: twin.directory, CDKTF_OUTDIR: twin.outDir },
      { write: (text) => (stderr.push(String(text)), true) },
    );
    expect(stderr.join("")).toBe("");
    expect(status).toBe(0);
    const stacks = synthesizedStacks(twin.outDir);
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) {
      const config = JSON.parse(readFileSync(stackFiles(stack).config, "utf8")) as { terraform: Record<string, unknown> };
      expect(config.terraform.backend).toEqual({ local: { path: path.join(twin.stateDirectory, `${stack.id}.tfstate`) } });
      expect(config.terraform).not.toHaveProperty("cloud");
    }
  }, 60_000);
});
