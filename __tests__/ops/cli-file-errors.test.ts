import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runReplayCli } from "../../cli/replay";
import { ExitCode } from "../../errors";
import { StackSelectionError, synthesizedStacks } from "../../ops/stacks";
import { recordingIo } from "../support/command-io";
import { runCli } from "./support/terraform-stacks";

const STACK_TRACE = /\n\s+at \S+/;
const freshDir = () => mkdtempSync(join(tmpdir(), "cli-file-errors-"));

describe("plan-report --out <a path that cannot be written>", () => {
  it("names the file and exits 2 (usage), without a stack trace", () => {
    const out = join(freshDir(), "no-such-folder", "report.md");
    const result = runCli("plan-report", ["--out", out, resolve(__dirname, "fixtures", "safe.plan.json")]);
    expect(result.status).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain(`--out ${out}: cannot write the report (ENOENT)`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("a malformed cdktf.out/manifest.json", () => {
  it.each([
    ["not JSON", "{ truncated"],
    ["JSON without stacks", '{"version": "0.21.0"}'],
  ])("(%s) is a StackSelectionError naming the file", (_label, text) => {
    const outDir = freshDir();
    writeFileSync(join(outDir, "manifest.json"), text);
    expect(() => synthesizedStacks(outDir)).toThrow(StackSelectionError);
    expect(() => synthesizedStacks(outDir)).toThrow(`${join(outDir, "manifest.json")} is not a cdktf manifest`);
  });

  it("a manifest.json that is a directory is a StackSelectionError naming it", () => {
    const outDir = freshDir();
    mkdirSync(join(outDir, "manifest.json"));
    expect(() => synthesizedStacks(outDir)).toThrow(`${join(outDir, "manifest.json")} is not a cdktf manifest (EISDIR)`);
  });

  it("npm run plan names the file and exits 2 (usage: no usable synth output)", () => {
    const outDir = freshDir();
    writeFileSync(join(outDir, "manifest.json"), "{ truncated");
    const result = runCli("plan", ["--out-dir", outDir]);
    expect(result.status).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain(`${join(outDir, "manifest.json")} is not a cdktf manifest`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("replay --events / --org <not a file>", () => {
  async function run(args: string[]) {
    const io = recordingIo();
    const code = await runReplayCli(args, io);
    return { code, err: io.written.err };
  }

  it("names a directory given as --events and exits 2", async () => {
    const directory = freshDir();
    const result = await run(["--env", "example", "--events", directory]);
    expect(result).toEqual({ code: 2, err: `--events ${directory}: is a directory, expected a file\n` });
  });

  it("names a missing --events file and exits 2", async () => {
    const file = join(freshDir(), "events.jsonl");
    expect(await run(["--env", "example", "--events", file])).toEqual({ code: 2, err: `--events ${file}: cannot read (ENOENT)\n` });
  });

  it("names a directory given as --org and exits 2", async () => {
    const directory = freshDir();
    const events = join(directory, "events.jsonl");
    writeFileSync(events, "");
    const result = await run(["--env", "example", "--events", events, "--org", directory]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`--org ${directory}: is a directory`);
  });
});
