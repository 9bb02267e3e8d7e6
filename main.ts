import { rmSync } from "node:fs";
import { loadEnvironments } from "./config/load";
import { ConfigError } from "./config/validate";
import { createApp, validationErrors } from "./constructs/app";
import { planDeployment } from "./deployment/plan";

try {
  // The configuration is validated before a single construct exists, the constructs before anything is written.
  const app = createApp(loadEnvironments().map(planDeployment));
  const errors = validationErrors(app);
  if (errors.length > 0) throw new ConfigError(errors, "Invalid preview-retries deployment");
  app.synth();
} catch (error) {
  // An earlier synth's output must not survive a failed one: it could be planned and applied by mistake.
  rmSync(process.env.CDKTF_OUTDIR ?? "cdktf.out", { recursive: true, force: true });
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
