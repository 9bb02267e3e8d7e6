import { validateEnvironments } from "../../config/validate";
import type { EnvironmentConfig, EnvironmentInput } from "../../config/schema";
import { Testing } from "../../constructs/cdk";
import { PreviewRetriesStack } from "../../constructs/preview-retries-stack";
import { planDeployment } from "../../deployment/plan";

/** A minimal valid environment; override any field. */
export function environmentInput(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return {
    name: "test",
    region: "eu-west-1",
    namePrefix: "t_",
    wrapupPolicies: [{ wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 }],
    ...overrides,
  };
}

export function environment(overrides: Partial<EnvironmentInput> = {}): EnvironmentConfig {
  return validateEnvironments([environmentInput(overrides)])[0];
}

/** Terraform JSON of one environment's stack, resources by type then by logical id. */
export interface SynthesizedStack {
  readonly stack: PreviewRetriesStack;
  readonly json: TerraformJson;
}

export interface TerraformJson {
  terraform: { backend: Record<string, Record<string, unknown>>; required_providers: Record<string, { source: string; version: string }> };
  provider: Record<string, Record<string, unknown>[]>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: string; description?: string; sensitive?: boolean }>;
  import?: { to: string; id: string }[];
}

export function synthStack(overrides: Partial<EnvironmentInput> = {}): SynthesizedStack {
  const config = environment(overrides);
  const app = Testing.app();
  const stack = new PreviewRetriesStack(app, { deployment: planDeployment(config) });
  return { stack, json: JSON.parse(Testing.synth(stack)) as TerraformJson };
}

/** All resources of one type in a synthesized stack. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}
