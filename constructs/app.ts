import type { EnvironmentConfig } from "../config/schema";
import { App, type AppConfig } from "./cdk";
import { PreviewRetriesStack, stackIdFor } from "./preview-retries-stack";

/** The cdktf app: one stack per (already validated) environment. */
export function createApp(environments: readonly EnvironmentConfig[], appConfig?: AppConfig): App {
  const app = new App(appConfig);
  for (const environment of environments) {
    new PreviewRetriesStack(app, stackIdFor(environment), { environment });
  }
  return app;
}
