import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { FREE_STRING_FIELDS } from "../../config/free-strings";
import type { EnvironmentInput } from "../../config/schema";
import { ConfigError, validateEnvironments } from "../../config/validate";
import { Testing } from "../../constructs/cdk";
import { PreviewRetriesStack } from "../../constructs/preview-retries-stack";
import { WORKFLOW_KEYS } from "../../deployment/names";
import { planDeployment } from "../../deployment/plan";
import { environmentInput, type TerraformJson } from "../support/synth";

/**
 * Property: every configured free string either is rejected with a message naming its field, or
 * arrives exactly as configured at the provider — checked on the synthesized Terraform JSON
 * evaluated by the real terraform binary (its template unescaping), and for the flow substitutions
 * on the YAML after the provider's plain-text `{{key}}` substitution.
 */

/** Pieces that Terraform templates, YAML or the substitution treat specially, and ordinary text. */
const PIECES = [
  "${",
  "%{",
  "$${",
  "%%{",
  "}",
  "{",
  "{{",
  "}}",
  "$",
  "%",
  '"',
  "'",
  "\\",
  "\n",
  "\t",
  ":",
  "#",
  "- ",
  "é",
  "日本",
  "\u2028",
  "x",
  "Sales",
  " ",
];
const tricky = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(""));
/** Mostly values a user could mean (no quote, backslash, control or placeholder), so most samples are accepted. */
const plausible = fc
  .array(fc.constantFrom("${", "%{", "$${", "%%{", "}", "{", "$", "%", "'", ":", "#", "é", "日本", "x", "Sales", " ", "-"), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(""));

interface Sample {
  readonly wrapupCode: string;
  readonly jsonPath: string;
  readonly criterionValue: string;
  readonly divisionName: string;
}

const sampleArbitrary: fc.Arbitrary<Sample> = fc.record({
  wrapupCode: fc.oneof(plausible, tricky).map((code) => code.trim() || "X"),
  jsonPath: fc.oneof(plausible, tricky),
  criterionValue: fc.oneof(plausible, tricky),
  divisionName: fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: tricky }),
});

const POLICY_TABLE_ID = "policy-table-1";

function inputFor(sample: Sample): EnvironmentInput {
  return environmentInput({
    name: "prop",
    wrapupPolicies: [{ wrapupCode: sample.wrapupCode, waitTimeSeconds: 60, maxAttempts: 2 }],
    adopt: { policyTableId: POLICY_TABLE_ID, policyRowCodes: [sample.wrapupCode] },
    triggers: {
      accepted: {
        matchCriteria: [{ jsonPath: sample.jsonPath, operator: "In", values: [sample.criterionValue, { nested: sample.criterionValue }] }],
      },
    },
    workflowDivisionName: sample.divisionName,
  });
}

interface Synthesized {
  readonly sample: Sample;
  readonly json: TerraformJson;
  readonly stack: PreviewRetriesStack;
}

interface Check {
  readonly label: string;
  /** The string as cdk.tf.json holds it (terraform evaluates it). */
  readonly synthesized: string;
  /** What the provider must receive, from the evaluated string. */
  readonly verify: (evaluated: string) => void;
}

/** The provider's flow substitution: plain text replacement of every `{{key}}`. */
function substitute(yaml: string, substitutions: Readonly<Record<string, string>>): string {
  return Object.entries(substitutions).reduce((text, [key, value]) => text.split(`{{${key}}}`).join(value), yaml);
}

function checksOf({ sample, json, stack }: Synthesized): Check[] {
  const rows = Object.values(json.resource.genesyscloud_architect_datatable_row) as { key_value: string }[];
  const trigger = Object.values(json.resource.genesyscloud_processautomation_trigger).find((candidate) =>
    String(candidate.name).endsWith("Preview Accepted"),
  ) as { match_criteria: string };
  const flows = json.resource.genesyscloud_flow as Record<string, { substitutions: Record<string, string> }>;
  const rowImports = (json.import ?? []).filter((block) => block.to.startsWith("genesyscloud_architect_datatable_row."));
  const checks: Check[] = [
    ...rows.map((row) => ({
      label: "row key_value",
      synthesized: row.key_value,
      verify: (evaluated: string) => expect(evaluated).toBe(sample.wrapupCode),
    })),
    ...rowImports.map((block) => ({
      label: "row import id",
      synthesized: block.id,
      verify: (evaluated: string) => expect(evaluated).toBe(`${POLICY_TABLE_ID}/${sample.wrapupCode}`),
    })),
    {
      label: "trigger match_criteria",
      synthesized: trigger.match_criteria,
      verify: (evaluated: string) =>
        expect(JSON.parse(evaluated)).toContainEqual({
          jsonPath: sample.jsonPath,
          operator: "In",
          values: [sample.criterionValue, { nested: sample.criterionValue }],
        }),
    },
  ];
  for (const key of WORKFLOW_KEYS) {
    const yaml = stack.previewRetries.workflowYaml[key];
    const flow = Object.entries(flows).find(([id]) => id.includes(`preview-${key}`))?.[1];
    if (!flow) throw new Error(`no flow resource for the ${key} workflow`);
    checks.push({
      label: `preview-${key} division substitution`,
      synthesized: flow.substitutions.division_name,
      verify: (evaluated: string) => {
        const substitutions = { ...flow.substitutions, division_name: evaluated };
        const document = parseYaml(substitute(yaml, substitutions), { version: "1.1" }) as {
          workflow: { division: string; name: string };
        };
        expect(document.workflow.division).toBe(sample.divisionName);
        expect(document.workflow.name).toBe(flow.substitutions.flow_name);
      },
    });
  }
  return checks;
}

const SAMPLE_COUNT = 60;
const workdir = mkdtempSync(join(tmpdir(), "free-strings-"));
const accepted: Synthesized[] = [];
const rejected: { sample: Sample; problems: readonly string[] }[] = [];
let checks: Check[] = [];
let outputs: Record<string, { value: string }> = {};

/** The round trip needs the terraform binary (README: terraform on PATH for tests and deploys). */
const TERRAFORM_AVAILABLE = spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
if (!TERRAFORM_AVAILABLE) console.info("free-strings: the terraform round trip is skipped: put terraform >= 1.10 on PATH to run it");

beforeAll(() => {
  if (!TERRAFORM_AVAILABLE) return;
  const samples = fc.sample(sampleArbitrary, { numRuns: SAMPLE_COUNT, seed: Number(process.env.FREE_STRINGS_SEED ?? 20261126) });
  for (const sample of samples) {
    let config;
    try {
      [config] = validateEnvironments([inputFor(sample)]);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      rejected.push({ sample, problems: error.problems });
      continue;
    }
    const app = Testing.app();
    const stack = new PreviewRetriesStack(app, { deployment: planDeployment(config) });
    accepted.push({ sample, stack, json: JSON.parse(Testing.synth(stack)) as TerraformJson });
  }
  checks = accepted.flatMap(checksOf);
  const config = { output: Object.fromEntries(checks.map((check, index) => [`check_${index}`, { value: check.synthesized }])) };
  writeFileSync(join(workdir, "main.tf.json"), JSON.stringify(config));
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  const terraform = (...args: string[]) => {
    try {
      return execFileSync("terraform", args, { cwd: workdir, env, encoding: "utf8", stdio: "pipe", maxBuffer: 256 * 1024 * 1024 });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? "");
      throw new Error(`terraform ${args[0]} failed on the synthesized strings:\n${stderr.split("\n").slice(0, 12).join("\n")}`, {
        cause: error,
      });
    }
  };
  terraform("init", "-input=false", "-no-color");
  terraform("apply", "-auto-approve", "-input=false", "-no-color");
  outputs = JSON.parse(terraform("output", "-json", "-no-color")) as Record<string, { value: string }>;
}, 300_000);

afterAll(() => rmSync(workdir, { recursive: true, force: true }));

describe.skipIf(!TERRAFORM_AVAILABLE)("every configured free string reaches the provider exactly as configured, or is rejected", () => {
  it("accepts most samples, so the round trip is exercised (and the values hold Terraform template sequences)", () => {
    expect(accepted.length).toBeGreaterThanOrEqual(SAMPLE_COUNT / 2);
    expect(accepted.some(({ sample }) => sample.wrapupCode.includes("${") || sample.wrapupCode.includes("%{"))).toBe(true);
    expect(accepted.some(({ sample }) => sample.divisionName.includes("${") || sample.divisionName.includes("%{"))).toBe(true);
  });

  it("hands the provider each accepted string unchanged after terraform's evaluation (row key, import id, match criteria, flow substitution)", () => {
    expect(checks.length).toBe(accepted.length * 5);
    const mismatches: string[] = [];
    checks.forEach((check, index) => {
      const evaluated = outputs[`check_${index}`]?.value;
      try {
        check.verify(evaluated);
      } catch (error) {
        mismatches.push(`${check.label}: ${(error as Error).message.split("\n")[0]} (evaluated ${JSON.stringify(evaluated)})`);
      }
    });
    expect(mismatches).toEqual([]);
  });

  it("rejects a sample only with a message naming the field and why", () => {
    for (const { problems } of rejected) {
      for (const problem of problems) {
        expect(problem).toMatch(
          /^environment "prop" \(environments\[0\]\): (workflowDivisionName|wrapupPolicies\[0\]\.wrapupCode|triggers\.accepted\.matchCriteria\[0\]\.jsonPath): \S/,
        );
      }
    }
  });

  it("accepts every YAML-safe division name, and rejects quotes, backslashes, control characters and placeholders", () => {
    fc.assert(
      fc.property(
        plausible.filter((name) => !name.includes("{{") && !name.includes("}}")),
        (name) => {
          expect(() => validateEnvironments([environmentInput({ workflowDivisionName: name })])).not.toThrow();
        },
      ),
    );
    for (const name of ['a"b', "a\\b", "a\nb", "a\tb", "{{flow_name}}", "x}}", "a\u2028b", "a\u0085b"]) {
      expect(() => validateEnvironments([environmentInput({ workflowDivisionName: name })]), JSON.stringify(name)).toThrow(ConfigError);
    }
  });
});

describe("FREE_STRING_FIELDS", () => {
  it("names a rule for every field the property test drives", () => {
    const paths = FREE_STRING_FIELDS.map((field) => field.path).join("\n");
    for (const field of [
      "wrapupPolicies[].wrapupCode",
      "adopt.policyRowCodes[]",
      "matchCriteria[].jsonPath",
      "workflowDivisionName",
      "backend.bucket",
    ]) {
      expect(paths).toContain(field);
    }
  });
});

describe("backend settings (read by terraform init, which evaluates no templates)", () => {
  it("are either rejected or synthesized exactly as configured, never with a template sequence", () => {
    fc.assert(
      fc.property(fc.oneof(plausible, tricky), (bucket) => {
        let config;
        try {
          [config] = validateEnvironments([environmentInput({ backend: { type: "s3", bucket, region: "eu-west-1" } })]);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          expect(error.problems.join("\n")).toMatch(/backend\.bucket: (must not contain|is required for the s3 backend)/);
          return;
        }
        // eslint-disable-next-line no-control-regex
        expect(bucket).not.toMatch(/\$\{|%\{|[\u0000-\u001f]/);
        const app = Testing.app();
        const stack = new PreviewRetriesStack(app, { deployment: planDeployment(config) });
        const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
        expect(json.terraform.backend.s3.bucket).toBe(bucket);
      }),
      { numRuns: 40, examples: [[""], ["${var.bucket}"], ["%{ if true }b%{ endif }"], ["b\nc"]] },
    );
  });
});
