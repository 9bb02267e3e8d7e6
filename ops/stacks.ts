import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { selectedTwin } from "../twin/environment";
import { UserError } from "../errors";

/** A synthesized stack: its id and its Terraform working directory. */
export interface SynthesizedStack {
  readonly id: string;
  readonly workingDirectory: string;
}

const manifestSchema = z.object({
  stacks: z.record(z.string(), z.looseObject({ name: z.string(), workingDirectory: z.string(), synthesizedStackPath: z.string() })),
});

/** cdktf's output directory: $CDKTF_OUTDIR (as main.ts honours it), else the selected twin's, else cdktf.out. */
export function defaultOutDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CDKTF_OUTDIR ?? selectedTwin(env)?.outDir ?? "cdktf.out";
}

/** Missing synth output, an unknown stack name: the command cannot start. */
export class StackSelectionError extends UserError {
  override name = "StackSelectionError";
}

/** The stacks of the last synth (from manifest.json), in manifest order. */
export function synthesizedStacks(outDir: string): SynthesizedStack[] {
  const manifestPath = join(outDir, "manifest.json");
  if (!existsSync(manifestPath)) throw new StackSelectionError(`${manifestPath} not found: run \`npm run synth\` first.`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message.split("\n")[0] : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new StackSelectionError(`${manifestPath} is not a cdktf manifest (${reason}): run \`npm run synth\` again.`);
  }
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) throw new StackSelectionError(`${manifestPath} is not a cdktf manifest: ${parsed.error.issues[0].message}`);
  return Object.values(parsed.data.stacks).map((stack) => ({ id: stack.name, workingDirectory: resolve(outDir, stack.workingDirectory) }));
}

/** The requested stacks (all when none is named); an unknown name is an error listing the known ones. */
export function selectStacks(all: readonly SynthesizedStack[], requested: readonly string[]): SynthesizedStack[] {
  if (requested.length === 0) return [...all];
  const unknown = requested.filter((id) => !all.some((stack) => stack.id === id));
  if (unknown.length > 0) {
    throw new StackSelectionError(
      `unknown stack ${unknown.join(", ")}; synthesized stacks: ${all.map((stack) => stack.id).join(", ") || "(none)"}`,
    );
  }
  return all.filter((stack) => requested.includes(stack.id));
}

/** Files a stack's working directory holds between plan and apply. */
export function stackFiles(stack: SynthesizedStack) {
  const file = (name: string) => join(stack.workingDirectory, name);
  return {
    config: file("cdk.tf.json"),
    plan: file(`${stack.id}.tfplan`),
    planJson: file(`${stack.id}.plan.json`),
    /** What the saved plan was made from (a digest of the configuration), checked before apply. */
    planMeta: file(`${stack.id}.plan-meta.json`),
    driftPlan: file(`${stack.id}.drift.tfplan`),
    driftJson: file(`${stack.id}.drift.json`),
  };
}
