/**
 * Benchmarks (a report, not a test): `npm run bench [-- --runs N] [--replay-only]` (cli/bench.ts).
 *
 * Replay (issue #15): `npm run replay:scale` at 10,000 and 100,000 previews and `npm run replay` of a
 * 100,000-line event file, each in its own process: wall and CPU time, previews per second, peak RSS
 * (/usr/bin/time), with the machine's size and load; the 10,000-preview report is compared with the
 * figures recorded before the replay was rewritten. `--replay-only` runs only this part.
 *
 * Last (each run takes a minute on two cores): `terraform plan` of 1 and of 20 stacks through the
 * org twin (twin/), all stacks at once as parallel ops would run them (issue #10's target: 20 < 3x one).
 *
 * Synth: for the example environment and for 20 copies of it, measures the app run directly
 * (node + ts-node, as cdktf.json's app does) and through `cdktf synth`, plus the same CLI
 * running an empty TypeScript cdktf app with the same runner (with no stack, and with one empty stack), and reports wall time (median of N runs) and peak memory
 * (max RSS of the process tree, from /usr/bin/time when present). Targets from issue #2.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { environments } from "../config/environments";
import { CONFIG_FILE_VARIABLE } from "../config/load";
import type { EnvironmentInput } from "../config/schema";
import { synthesizeIntoTwin } from "../cli/twin-backends";
import { planStack } from "../ops/stack-operations";
import { TWIN_VARIABLE } from "../twin/environment";
import { installTwin } from "../twin/install";
import { freshOfferEntries, scaleSnapshot, type ScaleOptions } from "../replay/scale-report";

const ROOT = path.resolve(__dirname, "..");
const CDKTF_CLI = path.join(ROOT, "node_modules", ".bin", "cdktf");
const TS_NODE = require.resolve("ts-node/dist/bin");
const GNU_TIME = "/usr/bin/time";

interface Measurement {
  readonly seconds: number;
  readonly peakMegabytes?: number;
}

function measure(command: string, args: string[], env: NodeJS.ProcessEnv): Measurement {
  const memoryFile = path.join(mkdtempSync(path.join(tmpdir(), "bench-")), "rss");
  const useTime = existsSync(GNU_TIME);
  const started = performance.now();
  const result = useTime
    ? spawnSync(GNU_TIME, ["-f", "%M", "-o", memoryFile, command, ...args], { cwd: ROOT, env, encoding: "utf8" })
    : spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
  const peakMegabytes = useTime ? Number(readFileSync(memoryFile, "utf8").trim().split("\n").pop()) / 1024 : undefined;
  return { seconds, peakMegabytes };
}

function median(samples: Measurement[]): Measurement {
  const sorted = [...samples].sort((a, b) => a.seconds - b.seconds);
  const middle = sorted[Math.floor(sorted.length / 2)];
  const peaks = samples.map((s) => s.peakMegabytes).filter((p): p is number => p !== undefined);
  return { seconds: middle.seconds, peakMegabytes: peaks.length ? Math.max(...peaks) : undefined };
}

function repeat(count: number, run: () => Measurement): Measurement {
  return median(Array.from({ length: count }, run));
}

function configFile(count: number): string {
  const example = environments[0];
  const copies: EnvironmentInput[] = Array.from({ length: count }, (_, i) => ({ ...example, name: `${example.name}-${i + 1}` }));
  const file = path.join(mkdtempSync(path.join(tmpdir(), "bench-config-")), "environments.json");
  writeFileSync(file, JSON.stringify(copies));
  return file;
}

interface ChildMeasurement {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakMegabytes: number;
  readonly status: number | null;
  readonly stdout: string;
}

/** Runs `node <ts-node> <args>` (as the npm scripts do) under GNU time; stdout to a file when given. */
function measureChild(args: readonly string[], stdoutFile?: string, env: NodeJS.ProcessEnv = {}): ChildMeasurement {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} is needed to measure peak memory`);
  const timeFile = path.join(mkdtempSync(path.join(tmpdir(), "bench-time-")), "time");
  const out = stdoutFile ? openSync(stdoutFile, "w") : "pipe";
  const result = spawnSync(GNU_TIME, ["-f", "%e %U %S %M", "-o", timeFile, process.execPath, TS_NODE, ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: "1", ...env },
    stdio: ["ignore", out, "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (typeof out === "number") closeSync(out);
  const [wall, user, system, maxKilobytes] = readFileSync(timeFile, "utf8").trim().split("\n").pop()?.split(" ").map(Number) ?? [];
  if (result.status === null || result.status > 1) throw new Error(`node ${args.join(" ")} failed (${result.status}):\n${result.stderr}`);
  return {
    wallSeconds: wall,
    cpuSeconds: user + system,
    peakMegabytes: maxKilobytes / 1024,
    status: result.status,
    stdout: result.stdout ?? "",
  };
}

const SCALE_DEFAULTS: Omit<ScaleOptions, "previews"> = { skipRate: 0.3, previewsPerMinute: 100, seed: 1 };

/** A replay input of `lines` lines: the fresh offers of the scale replay (3 lines each), and its org. */
function eventFile(lines: number): { events: string; org: string; previews: number } {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-events-"));
  const previews = Math.ceil(lines / 3);
  const text: string[] = [];
  for (const entry of freshOfferEntries({ ...SCALE_DEFAULTS, previews })) {
    if (entry.kind === "notification") text.push(JSON.stringify({ topicName: entry.topicName, eventBody: entry.eventBody }));
    else if (entry.kind === "disposition") {
      const { at, contactListId, contactId, wrapupCode } = entry;
      text.push(JSON.stringify({ disposition: { at, contactListId, contactId, wrapupCode } }));
    }
  }
  const events = path.join(dir, "events.jsonl");
  writeFileSync(events, `${text.slice(0, lines).join("\n")}\n`);
  const org = path.join(dir, "org.json");
  writeFileSync(org, JSON.stringify(scaleSnapshot(previews)));
  return { events, org, previews };
}

function replayBench(): void {
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(1)} GB memory; load average ${load} at the start`,
  );
  const rows: [string, ChildMeasurement, number, { seconds: number; megabytes: number }, string][] = [];
  // The 10,000-preview report was recorded with phone-number keys (then the default): it runs with them.
  const phoneKeys = path.join(mkdtempSync(path.join(tmpdir(), "bench-phone-keys-")), "environments.json");
  writeFileSync(phoneKeys, JSON.stringify(environments.map((environment) => ({ ...environment, correlationKey: "phoneNumber" }))));
  for (const previews of [10_000, 100_000]) {
    const measured = measureChild(["cli/replay-scale.ts", "--previews", String(previews)], undefined, {
      [CONFIG_FILE_VARIABLE]: phoneKeys,
    });
    let note = "";
    if (previews === 10_000) {
      const recorded = readFileSync(path.join(ROOT, "__tests__/replay/fixtures/scale-report.example.seed-1.previews-10000.txt"), "utf8");
      note =
        measured.stdout === recorded
          ? "report identical to the one recorded before the rewrite (phone keys)"
          : "REPORT DIFFERS from the recording";
    }
    const target = previews === 10_000 ? { seconds: 15, megabytes: 300 } : { seconds: 120, megabytes: 400 };
    rows.push([`npm run replay:scale -- --previews ${previews}`, measured, previews, target, note]);
  }
  const input = eventFile(100_000);
  const output = path.join(path.dirname(input.events), "timeline.txt");
  const measured = measureChild(["cli/replay.ts", "--env", "example", "--events", input.events, "--org", input.org], output);
  const note = `exit ${measured.status}, ${(statSync(output).size / 2 ** 20).toFixed(0)} MB of timeline streamed to a file`;
  rows.push([
    `npm run replay, 100,000-line event file (${input.previews} previews)`,
    measured,
    input.previews,
    { seconds: 20, megabytes: 400 },
    note,
  ]);
  rmSync(path.dirname(input.events), { recursive: true, force: true });

  console.log("\n| replay | wall | CPU (user+sys) | previews/s (wall) | peak RSS | target | met | |");
  console.log("|---|---:|---:|---:|---:|---|---|---|");
  for (const [name, m, previews, target, note] of rows) {
    const met = m.wallSeconds <= target.seconds && m.peakMegabytes <= target.megabytes;
    console.log(
      `| ${name} | ${m.wallSeconds.toFixed(1)} s | ${m.cpuSeconds.toFixed(1)} s | ${Math.round(previews / m.wallSeconds)} | ${m.peakMegabytes.toFixed(0)} MB | ≤ ${target.seconds} s, ≤ ${target.megabytes} MB | ${met ? "yes" : "NO"} | ${note} |`,
    );
  }
}

/** Wall time of planning every stack of `environmentCount` environments through a fresh twin, all at once. */
async function twinPlanSeconds(environmentCount: number): Promise<number> {
  const twin = installTwin(mkdtempSync(path.join(tmpdir(), "bench-twin-")));
  const env = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    [CONFIG_FILE_VARIABLE]: configFile(environmentCount),
    [TWIN_VARIABLE]: twin.directory,
  };
  const stacks = synthesizeIntoTwin(twin, env);
  const started = performance.now();
  await Promise.all(stacks.map((stack) => planStack(stack, { env })));
  const seconds = (performance.now() - started) / 1000;
  rmSync(twin.directory, { recursive: true, force: true });
  return seconds;
}

export interface BenchOptions {
  /** Runs of each synth measurement (the median is reported). */
  readonly runs: number;
  /** Only the replay benchmarks. */
  readonly replayOnly: boolean;
}

export async function runBench({ runs: count, replayOnly }: BenchOptions): Promise<void> {
  replayBench();
  if (replayOnly) return;
  const outdir = mkdtempSync(path.join(tmpdir(), "bench-out-"));
  const baseEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  // Baselines: empty TypeScript cdktf apps run by the same runner as ours (cdktf.json's app: node + ts-node),
  // with no stack and with one empty stack, so the difference is what this project's code costs.
  const baselineDir = mkdtempSync(path.join(tmpdir(), "bench-empty-"));
  const cdktf = JSON.stringify(require.resolve("cdktf"));
  const emptyApp = path.join(baselineDir, "empty-app.ts");
  writeFileSync(emptyApp, `const { App } = require(${cdktf});\nnew App().synth();\n`);
  const emptyStackApp = path.join(baselineDir, "empty-stack-app.ts");
  writeFileSync(
    emptyStackApp,
    `const { App, TerraformStack } = require(${cdktf});\nconst app = new App();\nnew TerraformStack(app, "empty");\napp.synth();\n`,
  );
  const runner = (file: string) => `node --require ts-node/register ${file}`;

  const results: [string, Measurement][] = [];
  const direct: Record<number, Measurement> = {};
  const cli: Record<number, Measurement> = {};
  for (const environmentCount of [1, 20]) {
    const env = { ...baseEnv, [CONFIG_FILE_VARIABLE]: configFile(environmentCount), CDKTF_OUTDIR: outdir };
    direct[environmentCount] = repeat(count, () => measure(process.execPath, [TS_NODE, "main.ts"], env));
    cli[environmentCount] = repeat(count, () => measure(CDKTF_CLI, ["synth", "--output", outdir], env));
    results.push([`app run directly, ${environmentCount} environment(s)`, direct[environmentCount]]);
    results.push([`npx cdktf synth, ${environmentCount} environment(s)`, cli[environmentCount]]);
  }
  const empty = repeat(count, () => measure(CDKTF_CLI, ["synth", "--app", runner(emptyApp), "--output", outdir], baseEnv));
  results.push(["npx cdktf synth, empty TypeScript cdktf app (no stack)", empty]);
  const emptyStack = repeat(count, () => measure(CDKTF_CLI, ["synth", "--app", runner(emptyStackApp), "--output", outdir], baseEnv));
  results.push(["npx cdktf synth, empty TypeScript cdktf app with one empty stack", emptyStack]);
  rmSync(outdir, { recursive: true, force: true });

  console.log(`| run (median of ${count}) | wall time | peak memory |`);
  console.log("|---|---:|---:|");
  for (const [name, m] of results) {
    console.log(`| ${name} | ${m.seconds.toFixed(2)} s | ${m.peakMegabytes === undefined ? "n/a" : `${m.peakMegabytes.toFixed(0)} MB`} |`);
  }
  const checks: [string, boolean, string][] = [
    ["direct synth of one environment < 1 s", direct[1].seconds < 1, `${direct[1].seconds.toFixed(2)} s`],
    [
      "20 environments < 3x one (direct)",
      direct[20].seconds < 3 * direct[1].seconds,
      `${(direct[20].seconds / direct[1].seconds).toFixed(2)}x`,
    ],
    [
      "own code adds < 0.5 s to an empty-app cdktf synth",
      cli[1].seconds - empty.seconds < 0.5,
      `+${(cli[1].seconds - empty.seconds).toFixed(2)} s`,
    ],
  ];
  console.log("\n| target | met | measured |\n|---|---|---:|");
  for (const [target, met, measured] of checks) console.log(`| ${target} | ${met ? "yes" : "NO"} | ${measured} |`);

  const onePlan = await twinPlanSeconds(1);
  const twentyPlans = await twinPlanSeconds(20);
  console.log("\n| terraform plan through the org twin (one run, stacks in parallel) | wall time |\n|---|---:|");
  console.log(`| 1 stack | ${onePlan.toFixed(2)} s |\n| 20 stacks | ${twentyPlans.toFixed(2)} s |`);
  const ratio = twentyPlans / onePlan;
  console.log(
    `\n| target | met | measured |\n|---|---|---:|\n| 20 stacks < 3x one (twin plan) | ${ratio < 3 ? "yes" : "NO"} | ${ratio.toFixed(2)}x |`,
  );
}
