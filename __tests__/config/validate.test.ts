import { describe, expect, it } from "vitest";
import { environments as exampleEnvironments } from "../../config/environments";
import { PLATFORM_LIMITS } from "../../genesys/limits";
import type { EnvironmentInput } from "../../config/schema";
import { ConfigError, validateEnvironments } from "../../config/validate";
import { environmentInput } from "../support/synth";

/** The problems reported for a configuration that must be rejected. */
function problemsOf(input: unknown): readonly string[] {
  try {
    validateEnvironments(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

function problemsOfOne(overrides: Record<string, unknown>): readonly string[] {
  return problemsOf([{ ...environmentInput({ name: "prod" }), ...overrides }]);
}

describe("validateEnvironments", () => {
  it("accepts the shipped example and applies every default", () => {
    const [example] = validateEnvironments(exampleEnvironments);
    expect(example.correlationKey).toBe("conversationId");
    expect(example.endTriggerDelaySeconds).toBe(60);
    expect(example.backend).toEqual({ type: "local" });
    expect(example.divisionId).toBeUndefined();
    expect(example.campaignIds).toEqual([]);
    expect(example.dataActions.resubmit).toEqual({ priority: true, clearSystemData: false });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "waitTime of zero",
      { wrapupPolicies: [{ wrapupCode: "X", waitTimeSeconds: 0, maxAttempts: 1 }] },
      'environment "prod" (environments[0]): wrapupPolicies[0].waitTimeSeconds: must be greater than 0',
    ],
    [
      "waitTime over the 72-hour wait limit",
      { wrapupPolicies: [{ wrapupCode: "X", waitTimeSeconds: PLATFORM_LIMITS.workflowWaitMaxSeconds + 1, maxAttempts: 1 }] },
      'environment "prod" (environments[0]): wrapupPolicies[0].waitTimeSeconds: must be at most 259200 (a workflow Wait ends after 72 hours)',
    ],
    [
      "maxAttempts below 1",
      { wrapupPolicies: [{ wrapupCode: "X", waitTimeSeconds: 60, maxAttempts: 0 }] },
      'environment "prod" (environments[0]): wrapupPolicies[0].maxAttempts: must be at least 1',
    ],
    [
      "a duplicate wrap-up code",
      {
        wrapupPolicies: [
          { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 60, maxAttempts: 1 },
          { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 90, maxAttempts: 2 },
        ],
      },
      'environment "prod" (environments[0]): wrapupPolicies[1].wrapupCode: duplicate wrap-up code "ININ-OUTBOUND-PREVIEW-SKIPPED" (already at wrapupPolicies[0])',
    ],
    [
      "a wrap-up code longer than a data table key",
      { wrapupPolicies: [{ wrapupCode: "W".repeat(257), waitTimeSeconds: 60, maxAttempts: 1 }] },
      'environment "prod" (environments[0]): wrapupPolicies[0].wrapupCode: must be at most 256 characters (data table key limit)',
    ],
    ["no wrap-up policy", { wrapupPolicies: [] }, 'environment "prod" (environments[0]): wrapupPolicies: must hold at least one policy'],
    [
      "an unknown region",
      { region: "us-east-9" },
      'environment "prod" (environments[0]): region: must be one of us-east-1, us-east-2, us-west-2, ca-central-1, sa-east-1, eu-west-1, eu-west-2, eu-central-1, eu-central-2, ap-south-1, ap-southeast-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, me-central-1',
    ],
    [
      "an s3 backend without its bucket",
      { backend: { type: "s3", region: "eu-west-1" } },
      'environment "prod" (environments[0]): backend.bucket: is required for the s3 backend',
    ],
    [
      "a gcs backend without its bucket",
      { backend: { type: "gcs" } },
      'environment "prod" (environments[0]): backend.bucket: is required for the gcs backend',
    ],
    [
      "an unknown backend type",
      { backend: { type: "consul" } },
      `environment "prod" (environments[0]): backend.type: must have a type of "local", "s3", "gcs", "azurerm", "hcp" or "pg"`,
    ],
    [
      "an end trigger delay below the platform minimum",
      { endTriggerDelaySeconds: 59 },
      'environment "prod" (environments[0]): endTriggerDelaySeconds: must be between 60 and 900 seconds',
    ],
    [
      "an end trigger delay above the platform maximum",
      { endTriggerDelaySeconds: 901 },
      'environment "prod" (environments[0]): endTriggerDelaySeconds: must be between 60 and 900 seconds',
    ],
    [
      "an unknown correlation key",
      { correlationKey: "contactId" },
      'environment "prod" (environments[0]): correlationKey: must be one of "conversationId", "phoneNumber"',
    ],
    [
      "an existing integration id without its name",
      { dataActions: { existingIntegrationId: "0e7f1c2a-aaaa-4bbb-8ccc-123456789abc" } },
      'environment "prod" (environments[0]): dataActions.existingIntegrationName: is required with dataActions.existingIntegrationId (an existing integration is named by both its id and its name)',
    ],
    [
      "an existing integration name without its id",
      { dataActions: { existingIntegrationName: "PureCloud Data Actions" } },
      'environment "prod" (environments[0]): dataActions.existingIntegrationId: is required with dataActions.existingIntegrationName (an existing integration is named by both its id and its name)',
    ],
    [
      "an existing integration name that would break the workflow YAML",
      { dataActions: { existingIntegrationId: "i-1", existingIntegrationName: 'Data "Actions"' } },
      'environment "prod" (environments[0]): dataActions.existingIntegrationName: must be the integration\'s name as the org shows it: 1-256 characters, no quotes, backslashes, braces or control characters (it is substituted into the workflow YAML)',
    ],
    [
      'role divisions that are neither a list nor "all"',
      { dataActions: { roleDivisions: "everywhere" } },
      'environment "prod" (environments[0]): dataActions.roleDivisions: must be "all" or a list of division ids',
    ],
    [
      "an empty list of role divisions",
      { dataActions: { roleDivisions: [] } },
      'environment "prod" (environments[0]): dataActions.roleDivisions: must list at least one division id (or be "all")',
    ],
    [
      "the same role division twice",
      { dataActions: { roleDivisions: ["d-1", "d-1"] } },
      'environment "prod" (environments[0]): dataActions.roleDivisions: must not list the same division twice',
    ],
    [
      "a wildcard among the role divisions",
      { dataActions: { roleDivisions: ["*"] } },
      'environment "prod" (environments[0]): dataActions.roleDivisions[0]: must be a Genesys object id (letters, digits and dashes)',
    ],
    [
      "role divisions with an existing integration",
      { dataActions: { existingIntegrationId: "i-1", existingIntegrationName: "PureCloud Data Actions", roleDivisions: "all" } },
      'environment "prod" (environments[0]): dataActions.roleDivisions: has no effect with dataActions.existingIntegrationId (no OAuth client is created): grant the existing integration\'s client in the org',
    ],
    [
      "the same campaign twice",
      { campaignIds: ["c1", "c1"] },
      'environment "prod" (environments[0]): campaignIds: must not list the same campaign twice',
    ],
    [
      "a secret in the config",
      { oauthClientSecret: "s3cr3t" },
      'environment "prod" (environments[0]): unknown field(s) "oauthClientSecret"',
    ],
    [
      "a data action timeout over 60 s",
      { dataActions: { timeoutSeconds: 61 } },
      'environment "prod" (environments[0]): dataActions.timeoutSeconds: must be between 1 and 60 seconds',
    ],
  ])("rejects %s, naming environment, field and reason", (_case, overrides, expected) => {
    expect(problemsOfOne(overrides)).toEqual([expected]);
  });

  it("rejects duplicate environment names", () => {
    const input: EnvironmentInput[] = [environmentInput({ name: "prod" }), environmentInput({ name: "prod" })];
    expect(problemsOf(input)).toEqual(['environment "prod" (environments[1]): name: duplicate environment name "prod"']);
  });

  it("rejects an environment name that cannot be a stack id", () => {
    expect(problemsOf([environmentInput({ name: "Prod EU" })])).toEqual([
      "environment \"Prod EU\" (environments[0]): name: must start with a lowercase letter and hold only lowercase letters, digits and '-' (at most 31 characters)",
    ]);
  });

  it("reports every problem of every environment at once", () => {
    const problems = problemsOf([
      environmentInput({ name: "dev", region: "nowhere" as never }),
      environmentInput({ name: "prod", endTriggerDelaySeconds: 5 }),
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^environment "dev" \(environments\[0\]\): region: /);
    expect(problems[1]).toMatch(/^environment "prod" \(environments\[1\]\): endTriggerDelaySeconds: /);
  });

  it("rejects an empty environment list", () => {
    expect(problemsOf([])).toEqual(["environments: must define at least one environment"]);
  });
});
