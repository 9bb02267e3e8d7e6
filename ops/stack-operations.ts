import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { changedOutputs, classifyDrift, driftStatusOf, type StackDrift } from "./drift-report";
import { maskText } from "./masking";
import { parsePlanJson, PlanInputError } from "./plan-json";
import type { PlanStep, StackPlanResult } from "./plan-report";
import { redactPlanText } from "./plan-text";
import { stackFiles, type SynthesizedStack } from "./stacks";
import {
  DEFAULT_LOCK_TIMEOUT,
  lockArguments,
  runTerraform,
  terraformOrThrow,
  echoWriter,
  TerraformError,
  type Echo,
  type StateLock,
  type TerraformOptions,
} from "./terraform";
import { StepFailure } from "../errors";

export interface OperationOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly echo?: Echo;
  /** How plan, apply and refresh treat the state lock (default: hold it, wait up to DEFAULT_LOCK_TIMEOUT). */
  readonly lock?: StateLock;
  /** Where committed provider lock files live (default provider/locks). */
  readonly providerLocksDir?: string;
}

/** Terraform's plan output prints values in clear; the ops commands print only the masked report and text. */
function quiet(stack: SynthesizedStack, options: OperationOptions): TerraformOptions {
  return { ...terraformOptions(stack, options), echo: false };
}

/** The committed provider lock files, one per stack: `provider/locks/<stack>.terraform.lock.hcl`. */
const PROVIDER_LOCKS_DIR = resolve(__dirname, "..", "provider", "locks");

function committedLockFile(stackId: string, dir = PROVIDER_LOCKS_DIR): string {
  return join(dir, `${stackId}.terraform.lock.hcl`);
}

function terraformOptions(stack: SynthesizedStack, options: OperationOptions): TerraformOptions {
  return { cwd: stack.workingDirectory, env: options.env, echo: options.echo };
}

function lockOf(options: OperationOptions): StateLock {
  return options.lock ?? { hold: true, timeout: DEFAULT_LOCK_TIMEOUT };
}

/**
 * `terraform init`. With a committed lock file for the stack it is copied in and init runs with
 * `-lockfile=readonly`: a provider whose hashes differ from the committed ones fails init instead of
 * being trusted on first use. Without one, init records what it downloads (and says it is not pinned).
 */
export async function initStack(
  stack: SynthesizedStack,
  options: OperationOptions & { readonly keepLockFile?: boolean } = {},
): Promise<void> {
  const committed = committedLockFile(stack.id, options.providerLocksDir);
  const workingLockFile = join(stack.workingDirectory, ".terraform.lock.hcl");
  // Applying a plan made elsewhere (a CI artifact): the providers must be the ones the plan was made with.
  const pinned = existsSync(committed) || (options.keepLockFile === true && existsSync(workingLockFile));
  if (existsSync(committed)) copyFileSync(committed, workingLockFile);
  else if (!pinned) echoWriter(options.echo)?.(`warning: no committed provider lock file ${committed}: provider hashes are not pinned\n`);
  await terraformOrThrow(
    ["init", "-input=false", "-no-color", ...(pinned ? ["-lockfile=readonly"] : [])],
    terraformOptions(stack, options),
  );
}

/**
 * init, plan -out=<stack>.tfplan, show -json and show: the JSON is kept next to the plan for the
 * report. Never throws for a terraform failure: it returns the step that failed, so the report can say
 * this stack's risks are unknown.
 */
export async function planStack(stack: SynthesizedStack, options: OperationOptions = {}): Promise<StackPlanResult> {
  const files = stackFiles(stack);
  let step: PlanStep = "init";
  try {
    await initStack(stack, options);
    step = "plan";
    await terraformOrThrow(
      ["plan", "-input=false", "-no-color", "-detailed-exitcode", ...lockArguments(lockOf(options)), `-out=${files.plan}`],
      quiet(stack, options),
      [0, 2],
    );
    writeFileSync(files.planMeta, JSON.stringify({ configDigest: configDigest(stack) } satisfies PlanMeta, null, 2) + "\n");
    step = "show";
    const shown = await terraformOrThrow(["show", "-json", "-no-color", files.plan], quiet(stack, options));
    writeFileSync(files.planJson, shown.stdout);
    const planText = (await terraformOrThrow(["show", "-no-color", files.plan], quiet(stack, options))).stdout;
    const plan = parsePlanJson(shown.stdout, files.planJson);
    echoWriter(options.echo)?.(redactPlanText(planText, plan));
    if (plan.errored)
      return { stack: stack.id, failedStep: "plan", error: "terraform reported errors while planning: the plan is incomplete" };
    return { stack: stack.id, plan, planText };
  } catch (error) {
    if (error instanceof TerraformError || error instanceof PlanInputError) {
      echoWriter(options.echo)?.(`${maskText(error.message)}\n`);
      return { stack: stack.id, failedStep: step, error: error.message };
    }
    throw error;
  }
}

/** Written next to a saved plan: what it was made from. */
interface PlanMeta {
  readonly configDigest: string;
}

/**
 * Digest of the synthesized configuration a plan is made from: cdk.tf.json and every file under
 * assets/ (the flow YAML). Content, not modification times: a plan downloaded as a CI artifact has new ones.
 */
function configDigest(stack: SynthesizedStack): string {
  const hash = createHash("sha256");
  const files = [stackFiles(stack).config];
  const assets = join(stack.workingDirectory, "assets");
  if (existsSync(assets)) {
    for (const entry of readdirSync(assets, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
    }
  }
  for (const file of files.sort()) hash.update(relative(stack.workingDirectory, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/** The saved plan cannot be applied: it is missing or was made from another configuration. */
export class StalePlanError extends StepFailure {
  override name = "StalePlanError";
}

/** Throws StalePlanError unless <stack>.tfplan exists and was made from the configuration now synthesized. */
export function assertPlanIsCurrent(stack: SynthesizedStack): void {
  const { plan, planMeta } = stackFiles(stack);
  if (!existsSync(plan))
    throw new StalePlanError(`${stack.id}: no saved plan at ${plan}; run \`npm run plan -- --stack ${stack.id}\` and review it first.`);
  if (!existsSync(planMeta)) throw new StalePlanError(`${stack.id}: ${planMeta} is missing; plan again and review the new plan.`);
  const meta = JSON.parse(readFileSync(planMeta, "utf8")) as Partial<PlanMeta>;
  if (meta.configDigest !== configDigest(stack)) {
    throw new StalePlanError(
      `${stack.id}: ${plan} was made from another synthesized configuration than the one in ${stack.workingDirectory}; plan again and review the new plan.`,
    );
  }
}

/** Applies exactly the reviewed plan file; terraform itself refuses it if the state changed since ("Saved plan is stale"). */
export async function applyStack(stack: SynthesizedStack, options: OperationOptions = {}): Promise<void> {
  assertPlanIsCurrent(stack);
  await initStack(stack, { ...options, keepLockFile: true });
  await terraformOrThrow(
    ["apply", "-input=false", "-no-color", ...lockArguments(lockOf(options)), stackFiles(stack).plan],
    terraformOptions(stack, options),
  );
}

/** init, plan -refresh-only -detailed-exitcode, show -json. Terraform failures become an "error" status. */
export async function detectDrift(stack: SynthesizedStack, options: OperationOptions = {}): Promise<StackDrift> {
  const files = stackFiles(stack);
  try {
    await initStack(stack, options);
    const plan = await runTerraform(
      [
        "plan",
        "-refresh-only",
        "-detailed-exitcode",
        "-input=false",
        "-no-color",
        ...lockArguments(lockOf(options)),
        `-out=${files.driftPlan}`,
      ],
      quiet(stack, options),
    );
    const status = driftStatusOf(plan.exitCode);
    if (status === "error") return { stack: stack.id, status, error: plan.stderr || plan.stdout };
    const shown = await terraformOrThrow(["show", "-json", "-no-color", files.driftPlan], quiet(stack, options));
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
