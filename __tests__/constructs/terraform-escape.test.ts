import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDeploymentValues } from "../../data-actions/deployment-values";
import { requestUrlTemplate } from "../../data-actions/request-url";
import { escapeForTerraform, escapeMapForTerraform } from "../../constructs/terraform-escape";
import { resourcesOf, synthStack } from "../support/synth";
import { specTemplates } from "../data-actions/support/specs";

/** Stands in for the retries table's id: characters Terraform's urlencode() must encode as the replay does. */
const TABLE_ID = "tbl 1/é+~*'";
const allSpecs = Object.values(specTemplates).map((spec) => withDeploymentValues(spec, { retriesTableId: TABLE_ID }));
/** The synthesized reference to the retries table's id, resolved here from a local value. */
const TABLE_ID_REFERENCE = /genesyscloud_architect_datatable\.retries-table_[0-9A-F]+\.id/g;
import { describeWithTerraform } from "../support/terraform";

const TRICKY = [
  "${input.key}",
  "$!{input.key}",
  "$${already.escaped}",
  "%{ if true }x%{ endif }",
  "%%{literal}",
  "$$ and %% and $ and % alone",
  "#{hash} @{at} {plain}",
  "${",
  "trailing $",
  "trailing %",
  '{"a": ${b}, "c": "$esc.jsonString($input.c)"}',
];

interface ActionJson {
  readonly name: string;
  readonly contract_input: string;
  readonly contract_output: string;
  readonly config_request: { request_url_template: string; request_template?: string; headers?: Record<string, string> };
  readonly config_response: {
    success_template: string;
    translation_map: Record<string, string>;
    translation_map_defaults: Record<string, string>;
  };
}

/** Original strings (what Genesys must receive) and their escaped form, as terraform outputs. */
const cases: { label: string; original: string; escaped: string }[] = [];

function addCase(label: string, original: string, escaped: string) {
  cases.push({ label, original, escaped });
}

describe("escapeForTerraform", () => {
  it("doubles the introducer of every interpolation and directive, nothing else", () => {
    expect(escapeForTerraform("a ${b} %{c} $d %e")).toBe("a $${b} %%{c} $d %e");
  });

  it("escapes map keys and values", () => {
    expect(escapeMapForTerraform({ "${k}": "%{v}" })).toEqual({ "$${k}": "%%{v}" });
  });
});

describeWithTerraform("round trip through the real terraform binary", () => {
  let outputs: Record<string, { value: string }>;
  const workdir = mkdtempSync(join(tmpdir(), "tf-escape-"));

  beforeAll(() => {
    TRICKY.forEach((text, index) => addCase(`tricky ${index}`, text, escapeForTerraform(text)));

    // The strings exactly as the stack synthesizes them, against the spec they come from.
    const actions = resourcesOf(synthStack().json, "genesyscloud_integration_action") as unknown as ActionJson[];
    for (const spec of allSpecs) {
      const action = actions.find((candidate) => candidate.name.endsWith(spec.baseName));
      if (!action) throw new Error(`no action for ${spec.id}`);
      addCase(`${spec.id} url`, requestUrlTemplate(spec), action.config_request.request_url_template);
      addCase(`${spec.id} body`, spec.request.bodyTemplate, action.config_request.request_template ?? "");
      addCase(`${spec.id} success`, spec.response.successTemplate, action.config_response.success_template);
      addCase(`${spec.id} contract_input`, JSON.stringify(spec.inputContract), action.contract_input);
      addCase(`${spec.id} contract_output`, JSON.stringify(spec.outputContract), action.contract_output);
      for (const [name, value] of Object.entries(spec.request.headers))
        addCase(`${spec.id} header ${name}`, value, action.config_request.headers?.[name] ?? "");
      for (const [name, path] of Object.entries(spec.response.translationMap)) {
        addCase(`${spec.id} translation ${name}`, path, action.config_response.translation_map[name]);
      }
      for (const [name, value] of Object.entries(spec.response.translationMapDefaults)) {
        addCase(`${spec.id} default ${name}`, value, action.config_response.translation_map_defaults[name]);
      }
    }

    const config = {
      locals: { retries_table_id: TABLE_ID },
      output: Object.fromEntries(
        cases.map((testCase, index) => [
          `case_${index}`,
          { value: testCase.escaped.replace(TABLE_ID_REFERENCE, "local.retries_table_id") },
        ]),
      ),
    };
    writeFileSync(join(workdir, "main.tf.json"), JSON.stringify(config));
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
    const terraform = (...args: string[]) => execFileSync("terraform", args, { cwd: workdir, env, encoding: "utf8", stdio: "pipe" });
    terraform("init", "-input=false", "-no-color");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    outputs = JSON.parse(terraform("output", "-json", "-no-color")) as Record<string, { value: string }>;
  }, 120_000);

  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("covers every template, header, translation map entry and contract of the five actions", () => {
    expect(cases.filter((testCase) => testCase.label.endsWith(" success"))).toHaveLength(allSpecs.length);
    expect(cases.some((testCase) => testCase.original.includes("${"))).toBe(true);
    expect(cases.filter((testCase) => TABLE_ID_REFERENCE.test(testCase.escaped))).toHaveLength(3);
  });

  it("gives back exactly the original Velocity after Terraform's unescaping", () => {
    const mismatches = cases
      .map((testCase, index) => ({ ...testCase, actual: outputs[`case_${index}`]?.value }))
      .filter((testCase) => testCase.actual !== testCase.original)
      .map((testCase) => `${testCase.label}: expected ${JSON.stringify(testCase.original)}, got ${JSON.stringify(testCase.actual)}`);
    expect(mismatches).toEqual([]);
  });
});
