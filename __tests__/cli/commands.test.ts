import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { inParallel } from "../../cli/program";

/**
 * Every `npm run` command, run as a real process the way its script runs it: a thin entry file in
 * cli/ that answers --help with its usage (exit 0) and an unknown option with one line naming it
 * (exit 2, no stack trace).
 */

const ROOT = path.resolve(__dirname, "../..");
const SCRIPTS = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
/** Scripts that are not commands of this package: npm lifecycle, the cdktf CLI, the checks. */
const NOT_COMMANDS = new Set(["prepare", "prepack", "synth", "typecheck", "lint", "format", "test"]);
const ENTRY = /^ts-node (?:--transpile-only )?(cli\/[\w-]+\.ts)$/;

const commands = Object.entries(SCRIPTS).filter(([name]) => !NOT_COMMANDS.has(name));
const entryOf = (script: string) => ENTRY.exec(script)?.[1];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runEntry(entry: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", entry, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Both runs of every command, started when the file loads, four processes at once. */
const runs = inParallel(
  commands.flatMap(([name, script]) => [
    { name, entry: entryOf(script), args: ["--help"] },
    { name, entry: entryOf(script), args: ["--no-such-option"] },
  ]),
  4,
  async ({ name, entry, args }) => ({ name, args, run: entry === undefined ? undefined : await runEntry(entry, args) }),
);

async function runOf(name: string, option: string): Promise<Run> {
  const found = (await runs).find((candidate) => candidate.name === name && candidate.args[0] === option)?.run;
  if (found === undefined) throw new Error(`npm run ${name} has no entry file in cli/`);
  return found;
}

describe("every npm run command", () => {
  it("GIVEN package.json THEN the commands listed in the brief are all there", () => {
    const names = commands.map(([name]) => name);
    for (const expected of [
      "plan",
      "apply",
      "drift",
      "plan-report",
      "list-stacks",
      "replay",
      "replay:scale",
      "docs",
      "get",
      "schema:trim",
      "bench",
      "doctor",
      "diagram",
      "init-env",
      "config:schema",
      "twin",
      "build",
    ])
      expect(names).toContain(expected);
  });

  it.each(commands)("npm run %s is one thin entry file in cli/, nothing chained", (_name, script) => {
    const entry = entryOf(script);
    expect(entry, script).toBeDefined();
    expect(existsSync(path.join(ROOT, String(entry)))).toBe(true);
  });

  it("GIVEN npm ci THEN prepare runs the entry of npm run get", () => {
    expect(SCRIPTS.prepare.replace("ts-node --transpile-only ", "")).toBe(entryOf(SCRIPTS.get));
  });

  it.each(commands)("npm run %s -- --help prints its usage and exits 0", async (name) => {
    const run = await runOf(name, "--help");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Usage: npm run ${name} --`);
    expect(run.stdout).toMatch(/^Options:$/m);
    expect(run.stderr).toBe("");
  });

  it.each(commands)("npm run %s -- --no-such-option: one line naming it, exit 2, no stack trace", async (name) => {
    const run = await runOf(name, "--no-such-option");
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n"), run.stderr).toHaveLength(1);
    expect(run.stderr).toContain("unknown option '--no-such-option'");
    expect(run.stderr).not.toContain("    at ");
  });
});

describe("npm run get (prepare, on npm ci)", () => {
  const IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s*)["'](\.[^"']*)["']/gm;

  /** The project files a file loads, transitively (type-only imports included: a superset is enough). */
  function loadedFiles(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), specifier);
      if (target.includes(`${path.sep}.gen`)) {
        seen.add(target);
        continue;
      }
      const resolved = [`${target}.ts`, path.join(target, "index.ts")].find(existsSync);
      if (resolved) loadedFiles(resolved, seen);
    }
    return seen;
  }

  it("GIVEN no bindings yet THEN its entry loads nothing from .gen/ (it generates them)", () => {
    const loaded = [...loadedFiles(path.join(ROOT, String(entryOf(SCRIPTS.get))))].map((file) => path.relative(ROOT, file));
    expect(loaded).toContain("provider/generate-bindings.ts");
    expect(loaded.filter((file) => file.startsWith(".gen"))).toEqual([]);
  });
});
