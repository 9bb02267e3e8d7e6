import { rmSync } from "node:fs";
import { loadEnvironments } from "./config/load";
import { ConfigError } from "./config/validate";
import { createApp } from "./constructs/app";

try {
  // Everything is validated before a single construct exists.
  const environments = loadEnvironments();
  createApp(environments).synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // An earlier synth's output must not survive a failed one: it could be planned and applied by mistake.
  rmSync(process.env.CDKTF_OUTDIR ?? "cdktf.out", { recursive: true, force: true });
  console.error(error.message);
  process.exit(1);
}
