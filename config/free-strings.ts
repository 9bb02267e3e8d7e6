/**
 * One rule for every configured free string (a value not limited to a fixed set or a pattern of
 * safe characters) that reaches Terraform or a workflow's YAML: it arrives exactly as configured,
 * or the configuration is rejected with the reason.
 *
 * - Terraform evaluates `${...}` and `%{...}` in every string of cdk.tf.json, so a string that
 *   Terraform hands to the provider is escaped where the construct sets it (escapeForTerraform).
 * - The provider puts flow substitutions into the YAML by plain text replacement of `{{key}}`, and
 *   the renderer places every placeholder inside a double-quoted YAML scalar (workflows/render.ts),
 *   so a substituted value must not end that scalar (`"`), start an escape (`\`), break the line
 *   (control characters, YAML 1.1 line breaks) or hold another placeholder (`{{`, `}}`).
 * - Backend settings are read by `terraform init`, which evaluates no templates: `${` and `%{` there
 *   are rejected rather than escaped, as are control characters.
 */
import type { z } from "zod";

/** How a configured string is kept intact on its way to the provider. */
export type FreeStringRule =
  /** escapeForTerraform where the construct sets it; any text arrives as written. */
  | "escaped-for-terraform"
  /** escapeForTerraform, and rejected when it could change the flow YAML after substitution. */
  | "escaped-for-terraform-and-yaml-safe"
  /** Rejected when it holds a Terraform template sequence or a control character. */
  | "no-templates"
  /** Limited by the schema to characters that neither Terraform nor YAML treat specially. */
  | "safe-characters-only";

export interface FreeStringField {
  /** Path in an environment, `[]` for every list entry, `{}` for every map key or value. */
  readonly path: string;
  /** Where the value goes: the provider attribute or the YAML placeholder. */
  readonly reaches: string;
  readonly rule: FreeStringRule;
}

/** Every configured string field and its rule; the property tests in __tests__/config/free-strings.test.ts check each "escaped" field end to end. */
export const FREE_STRING_FIELDS: readonly FreeStringField[] = [
  { path: "wrapupPolicies[].wrapupCode", reaches: "genesyscloud_architect_datatable_row.key_value", rule: "escaped-for-terraform" },
  { path: "adopt.policyRowCodes[]", reaches: "import.id of the policy rows (<tableId>/<code>)", rule: "escaped-for-terraform" },
  { path: "wrapupPolicies[].wrapupCode (adopted rows)", reaches: "import.id of the policy rows", rule: "escaped-for-terraform" },
  {
    path: "triggers.accepted.matchCriteria[].jsonPath",
    reaches: "genesyscloud_processautomation_trigger.match_criteria (JSON text)",
    rule: "escaped-for-terraform",
  },
  {
    path: "triggers.accepted.matchCriteria[].value / values[]",
    reaches: "genesyscloud_processautomation_trigger.match_criteria (JSON text)",
    rule: "escaped-for-terraform",
  },
  {
    path: "workflowDivisionName",
    reaches: 'genesyscloud_flow.substitutions.division_name → `division: "{{division_name}}"` in both flows',
    rule: "escaped-for-terraform-and-yaml-safe",
  },
  {
    path: "dataActions.existingIntegrationName",
    reaches: "genesyscloud_integration_action.category, genesyscloud_flow.substitutions.data_action_category",
    rule: "safe-characters-only",
  },
  {
    path: "backend.bucket / region / resourceGroupName / storageAccountName / containerName",
    reaches: "terraform.backend",
    rule: "no-templates",
  },
  { path: "backend.organization / hostname", reaches: "terraform.cloud", rule: "no-templates" },
  {
    path: "backend.directory / keyPrefix / prefix / workspacePrefix / schemaPrefix",
    reaches: "terraform.backend",
    rule: "safe-characters-only",
  },
  { path: "name", reaches: "stack id, state key", rule: "safe-characters-only" },
  { path: "namePrefix", reaches: "every object name, flow substitutions", rule: "safe-characters-only" },
  {
    path: "divisionId, campaignIds[], queueIds[], existingIntegrationId, adopt.*Id(s)",
    reaches: "ids, import.id",
    rule: "safe-characters-only",
  },
  {
    path: "region, correlationKey, triggers.accepted.topicName / dataFormat, operator",
    reaches: "provider, trigger",
    rule: "safe-characters-only",
  },
  {
    path: "adopt.dataActionIds{} keys",
    reaches: "nothing: looked up among the package's data action ids (an unknown key is rejected)",
    rule: "safe-characters-only",
  },
];

/** Characters YAML 1.1 treats as line breaks or that are not printable, plus C0/C1 controls and DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL_OR_LINE_BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/u;

/** Why a value substituted into a double-quoted YAML placeholder would not arrive intact, or undefined. */
export function yamlSubstitutionProblem(value: string): string | undefined {
  if (value.includes("{{") || value.includes("}}")) return "must not contain '{{' or '}}' (the flow's substitution placeholders)";
  if (value.includes('"') || value.includes("\\")) return "must not contain '\"' or '\\' (it is placed inside a quoted YAML value)";
  if (CONTROL_OR_LINE_BREAK.test(value)) return "must not contain line breaks, tabs or other control characters";
  return undefined;
}

/** Why a backend setting would not reach `terraform init` as written, or undefined. */
export function backendStringProblem(value: string): string | undefined {
  if (value.includes("${") || value.includes("%{")) return "must not contain '${' or '%{' (backend settings are not templates)";
  if (CONTROL_OR_LINE_BREAK.test(value)) return "must not contain line breaks, tabs or other control characters";
  return undefined;
}

/** A zod string refined by one of the problem functions above. */
export function refinedString(base: z.ZodString, problem: (value: string) => string | undefined): z.ZodString {
  return base.superRefine((value, ctx) => {
    const message = problem(value);
    if (message !== undefined) ctx.addIssue({ code: "custom", message });
  }) as unknown as z.ZodString;
}
