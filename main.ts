import { rmSync } from "node:fs";
import { loadEnvironments } from "./config/load";
import { ConfigError } from "./config/validate";
import { createApp } from "./constructs/app";
import { outsideTwinProblem, selectedTwin } from "./twin/environment";
import { pointBackendsAtTwin } from "./twin/synth";
import { WorkflowLintError } from "./workflows/lint";

const twin = selectedTwin();
const outDir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
const outsideTwin = twin && outsideTwinProblem(twin, outDir);
if (outsideTwin) {
  console.error(outsideTwin);
  process.exit(1);
}

try {
  // The configuration is validated before a single construct exists; workflows are linted as they are built.
  const environments = loadEnvironments();
  createApp(environments).synth();
  // A rehearsal against the org twin never touches a real state (twin/environment.ts).
  if (twin) pointBackendsAtTwin(twin, outDir);
} catch (error) {
  // An earlier synth's output must not survive a failed one: it could be planned and applied by mistake.
  rmSync(process.env.CDKTF_OUTDIR ?? "cdktf.out", { recursive: true, force: true });
  if (!(error instanceof ConfigError || error instanceof WorkflowLintError)) throw error;
  console.error(error.message);
  process.exit(1);
}
