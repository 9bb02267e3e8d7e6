import type { EnvironmentInput } from "./schema";

/**
 * The environments this repository deploys: one Genesys Cloud org each, one Terraform stack each.
 * Edit this list for your orgs (see README "Configure an environment"). Credentials never go here:
 * they come from GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET at plan/apply time.
 */
export const environments: EnvironmentInput[] = [
  {
    name: "example",
    region: "us-east-1",
    namePrefix: "example_",
    backend: { type: "local" },
    wrapupPolicies: [{ wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 240, maxAttempts: 3 }],
  },
];
