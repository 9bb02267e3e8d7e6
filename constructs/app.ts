import type { DeploymentPlan } from "../deployment/plan";
import { App, type AppConfig } from "./cdk";
import { PreviewRetriesStack } from "./preview-retries-stack";

/** The cdktf app: one stack per deployment (one per environment). */
export function createApp(deployments: readonly DeploymentPlan[], appConfig?: AppConfig): App {
  const app = new App(appConfig);
  for (const deployment of deployments) new PreviewRetriesStack(app, { deployment });
  return app;
}

/**
 * Every construct validation of the app (workflow lint, trigger criteria), each with its construct
 * path: run before synth so one run lists every finding and nothing is written when there is one.
 */
export function validationErrors(app: App): string[] {
  return app.node.findAll().flatMap((construct) => construct.node.validate().map((message) => `[${construct.node.path}] ${message}`));
}
