import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { ExitCode } from "../../errors";
import { buildDriftReport, classifyDrift } from "../../ops/drift-report";
import { detectDrift } from "../../ops/stack-operations";
import { synthesizedStacks } from "../../ops/stacks";
import { fakeSynthOutput, runCli, type FakeSynthOutput, type TerraformState } from "./support/terraform-stacks";
import { describeWithTerraform } from "../support/terraform";

const STACK = "preview-retries-drift";
const SECRET_VALUE = "hunter2-never-printed";

const config = {
  variable: { api_token: { type: "string", sensitive: true, default: SECRET_VALUE } },
  resource: { terraform_data: { table: { input: "preview_contact_retries" } } },
  output: {
    table_name: { value: "${terraform_data.table.output}" },
    api_token: { value: "${var.api_token}", sensitive: true },
  },
};

describeWithTerraform("drift detection with terraform plan -refresh-only on terraform_data resources", () => {
  let synth: FakeSynthOutput;
  let appliedState: TerraformState;
  const stack = () => synthesizedStacks(synth.outDir)[0];
  const editState = (edit: (state: TerraformState) => void) => {
    const state = structuredClone(appliedState);
    edit(state);
    synth.pushState(STACK, state);
  };

  beforeAll(() => {
    synth = fakeSynthOutput([STACK]);
    synth.writeStack(STACK, config);
    synth.terraform(STACK, ["init", "-input=false"]);
    synth.terraform(STACK, ["apply", "-auto-approve", "-input=false"]);
    appliedState = synth.pullState(STACK);
  });

  beforeEach(() => {
    synth.writeStack(STACK, config);
    synth.pushState(STACK, appliedState);
  });

  it("reports no drift and exits 0 when nothing changed", () => {
    const result = runCli("drift", ["--out-dir", synth.outDir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("No drift.");
    expect(readFileSync(join(synth.outDir, "drift-report.md"), "utf8")).toContain("No drift: every stack matches its state.");
  });

  it("terraform_data never reports resource_drift (its refresh returns the stored state); only outputs built from it change", async () => {
    editState((state) => {
      const attributes = state.resources[0].instances[0].attributes as Record<string, { value: unknown }>;
      attributes.input.value = "edited-behind-terraforms-back";
      attributes.output.value = "edited-behind-terraforms-back";
    });
    const drift = await detectDrift(stack());
    if (drift.status === "error") throw new Error(drift.error);
    expect(drift.plan.resource_drift).toBeUndefined();
    expect(drift.status).toBe("drift");
    expect(drift.plan.output_changes?.table_name).toMatchObject({
      before: "preview_contact_retries",
      after: "edited-behind-terraforms-back",
    });
  });

  it("reports outputs whose state value was edited as drift, masks the sensitive one, and exits 3 (findings)", async () => {
    editState((state) => {
      state.outputs.table_name.value = "stale_table_name";
      state.outputs.api_token.value = "stale-token-never-printed";
    });
    const drift = await detectDrift(stack());
    expect(drift.status).toBe("drift");

    const result = runCli("drift", ["--out-dir", synth.outDir]);
    expect(result.status).toBe(ExitCode.FINDINGS);
    expect(result.stdout).toContain('| `table_name` | `"stale_table_name"` | `"preview_contact_retries"` |');
    expect(result.stdout).toContain("| `api_token` | `(sensitive)` | `(sensitive)` |");
    expect(result.stdout).not.toContain(SECRET_VALUE);
    expect(result.stdout).not.toContain("stale-token-never-printed");
  });

  it("lists a moved block's entry in resource_drift as a move, not as drift (terraform exits 0)", async () => {
    synth.writeStack(STACK, {
      ...config,
      resource: { terraform_data: { retries_table: config.resource.terraform_data.table } },
      output: { ...config.output, table_name: { value: "${terraform_data.retries_table.output}" } },
      moved: [{ from: "terraform_data.table", to: "terraform_data.retries_table" }],
    });
    const drift = await detectDrift(stack());
    if (drift.status === "error") throw new Error(drift.error);
    expect(drift.status).toBe("none");
    expect(drift.plan.resource_drift).toHaveLength(1);
    expect(classifyDrift(drift.plan)).toMatchObject({ changed: [], moved: [{ previous_address: "terraform_data.table" }] });
    const markdown = buildDriftReport([drift]).markdown;
    expect(markdown).toContain("- `terraform_data.table` → `terraform_data.retries_table`");
    expect(markdown).not.toContain("changed outside Terraform:");
  });

  it("reports an error and exits 1 when terraform cannot plan", () => {
    synth.writeStack(STACK, { ...config, output: { broken: { value: "${terraform_data.missing.id}" } } });
    const result = runCli("drift", ["--out-dir", synth.outDir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("Drift detection failed for at least one stack.");
    expect(result.stdout).toContain("Reference to undeclared resource");
  });
});
