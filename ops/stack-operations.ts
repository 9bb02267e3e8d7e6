import { existsSync, statSync, writeFileSync } from "node:fs";
import { changedOutputs, classifyDrift, driftStatusOf, type StackDrift } from "./drift-report";
import { parsePlanJson, PlanInputError } from "./plan-json";
import type { StackPlan } from "./plan-report";
import { stackFiles, synthesizedAt, type SynthesizedStack } from "./stacks";
import { runTerraform, terraformOrThrow, TerraformError, type TerraformOptions } from "./terraform";

export interface OperationOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly echo?: boolean;
}

function terraformOptions(stack: SynthesizedStack, options: OperationOptions): TerraformOptions {
  return { cwd: stack.workingDirectory, env: options.env, echo: options.echo };
}

export async function initStack(stack: SynthesizedStack, options: OperationOptions = {}): Promise<void> {
  await terraformOrThrow(["init", "-input=false", "-no-color"], terraformOptions(stack, options));
}

/** init, plan -out=<stack>.tfplan, show -json; the JSON is kept next to the plan for the report. */
export async function planStack(stack: SynthesizedStack, options: OperationOptions = {}): Promise<StackPlan> {
  const files = stackFiles(stack);
  await initStack(stack, options);
  await terraformOrThrow(
    ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${files.plan}`],
    terraformOptions(stack, options),
    [0, 2],
  );
  const shown = await terraformOrThrow(["show", "-json", "-no-color", files.plan], { ...terraformOptions(stack, options), echo: false });
  writeFileSync(files.planJson, shown.stdout);
  return { stack: stack.id, plan: parsePlanJson(shown.stdout, files.planJson) };
}

/** The saved plan cannot be applied: it is missing or was made before the last synth. */
export class StalePlanError extends Error {
  override name = "StalePlanError";
}

/** Throws StalePlanError unless <stack>.tfplan exists and is newer than the synthesized configuration. */
export function assertPlanIsCurrent(stack: SynthesizedStack): void {
  const { plan } = stackFiles(stack);
  if (!existsSync(plan))
    throw new StalePlanError(`${stack.id}: no saved plan at ${plan}; run \`npm run plan -- --stack ${stack.id}\` and review it first.`);
  if (statSync(plan).mtimeMs < synthesizedAt(stack)) {
    throw new StalePlanError(`${stack.id}: ${plan} is older than the synthesized configuration; plan again and review the new plan.`);
  }
}

/** Applies exactly the reviewed plan file; terraform itself refuses it if the state changed since. */
export async function applyStack(stack: SynthesizedStack, options: OperationOptions = {}): Promise<void> {
  assertPlanIsCurrent(stack);
  await terraformOrThrow(["apply", "-input=false", "-no-color", stackFiles(stack).plan], terraformOptions(stack, options));
}

/** init, plan -refresh-only -detailed-exitcode, show -json. Terraform failures become an "error" status. */
export async function detectDrift(stack: SynthesizedStack, options: OperationOptions = {}): Promise<StackDrift> {
  const files = stackFiles(stack);
  try {
    await initStack(stack, options);
    const plan = await runTerraform(
      ["plan", "-refresh-only", "-detailed-exitcode", "-input=false", "-no-color", `-out=${files.driftPlan}`],
      terraformOptions(stack, options),
    );
    const status = driftStatusOf(plan.exitCode);
    if (status === "error") return { stack: stack.id, status, error: plan.stderr || plan.stdout };
    const shown = await terraformOrThrow(["show", "-json", "-no-color", files.driftPlan], {
      ...terraformOptions(stack, options),
      echo: false,
    });
    writeFileSync(files.driftJson, shown.stdout);
    const driftPlan = parsePlanJson(shown.stdout, files.driftJson);
    // terraform can exit 2 with only no-op output changes (hashicorp/terraform#37406): the plan JSON decides.
    const drifted = classifyDrift(driftPlan).changed.length > 0 || changedOutputs(driftPlan).length > 0;
    return { stack: stack.id, status: status === "drift" && !drifted ? "none" : status, plan: driftPlan };
  } catch (error) {
    if (error instanceof TerraformError || error instanceof PlanInputError)
      return { stack: stack.id, status: "error", error: error.message };
    throw error;
  }
}
