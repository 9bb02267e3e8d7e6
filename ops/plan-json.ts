import { z } from "zod";
import { InputError } from "../errors";

/**
 * Typed model of the JSON that `terraform show -json <planfile>` prints (format_version 1.x), limited
 * to what the reports read. Unknown fields are kept, so newer minor versions still parse.
 * Reference: https://developer.hashicorp.com/terraform/internals/json-format
 */

export const SUPPORTED_FORMAT_MAJOR = 1;

const actionSchema = z.enum(["no-op", "create", "read", "update", "delete", "forget"]);
export type ChangeAction = z.infer<typeof actionSchema>;

/** A value as Terraform renders it: any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

/**
 * Mirror of a value where `true` marks a sensitive (or unknown) part: either a boolean for the whole
 * value, or an object/array of the same shape.
 */
export type ValueMask = boolean | ValueMask[] | { [key: string]: ValueMask };
const valueMask: z.ZodType<ValueMask> = z.lazy(() => z.union([z.boolean(), z.array(valueMask), z.record(z.string(), valueMask)]));

const changeSchema = z.looseObject({
  actions: z
    .array(actionSchema)
    .refine((actions) => actions.length === 1 || isReplacement(actions), "actions must be one action or a delete/create pair"),
  before: jsonValue.optional(),
  after: jsonValue.optional(),
  after_unknown: valueMask.optional(),
  before_sensitive: valueMask.optional(),
  after_sensitive: valueMask.optional(),
  replace_paths: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
  /** Present when the plan adopts an existing object (an `import` block); its actions say what else happens. */
  importing: z.looseObject({ id: z.string().optional(), identity: z.unknown().optional() }).optional(),
});
export type Change = z.infer<typeof changeSchema>;

const resourceChangeSchema = z.looseObject({
  address: z.string(),
  previous_address: z.string().optional(),
  module_address: z.string().optional(),
  mode: z.enum(["managed", "data"]),
  type: z.string(),
  name: z.string(),
  index: z.union([z.string(), z.number()]).optional(),
  provider_name: z.string(),
  change: changeSchema,
  action_reason: z.string().optional(),
});
export type ResourceChange = z.infer<typeof resourceChangeSchema>;

const outputChangeSchema = changeSchema;
export type OutputChange = z.infer<typeof outputChangeSchema>;

const planSchema = z.looseObject({
  format_version: z.string().regex(/^\d+\.\d+$/, "format_version must look like <major>.<minor>"),
  terraform_version: z.string().optional(),
  resource_changes: z.array(resourceChangeSchema).optional(),
  resource_drift: z.array(resourceChangeSchema).optional(),
  output_changes: z.record(z.string(), outputChangeSchema).optional(),
  errored: z.boolean().optional(),
  complete: z.boolean().optional(),
  applyable: z.boolean().optional(),
});
export type PlanJson = z.infer<typeof planSchema>;

/** The plan file (or other input) is not usable; the message names the file and the reason. */
export class PlanInputError extends InputError {
  override name = "PlanInputError";
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(source, reason);
  }
}

/** Parses the text of `terraform show -json <planfile>`; `source` names the input in errors. */
export function parsePlanJson(text: string, source: string): PlanJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PlanInputError(source, `not JSON (${(error as Error).message})`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new PlanInputError(source, "not a Terraform plan JSON document (expected a JSON object)");
  }
  const formatVersion = (raw as { format_version?: unknown }).format_version;
  if (formatVersion === undefined) {
    throw new PlanInputError(
      source,
      "not a Terraform plan JSON document (no format_version); produce it with `terraform show -json <planfile>`",
    );
  }
  if (typeof formatVersion === "string" && /^\d+\./.test(formatVersion)) {
    const major = Number(formatVersion.split(".")[0]);
    if (major !== SUPPORTED_FORMAT_MAJOR) {
      throw new PlanInputError(
        source,
        `unsupported plan JSON format_version ${formatVersion} (this tool reads ${SUPPORTED_FORMAT_MAJOR}.x)`,
      );
    }
  }
  if ("values" in raw && !("resource_changes" in raw) && !("planned_values" in raw)) {
    throw new PlanInputError(source, "this is state JSON (`terraform show -json` without a plan file), not plan JSON");
  }
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlanInputError(source, `invalid plan JSON at ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

/** What happens to one resource, with Terraform's two-action replacements folded into "replace". */
export type ChangeKind = "create" | "update" | "replace" | "delete" | "read" | "forget" | "no-op";

function isReplacement(actions: readonly ChangeAction[]): boolean {
  return actions.length === 2 && actions.includes("delete") && actions.includes("create");
}

/** Action lists are validated by parsePlanJson: one action, or delete and create in either order. */
export function changeKind(actions: readonly ChangeAction[]): ChangeKind {
  return isReplacement(actions) ? "replace" : actions[0];
}

/** True when the plan adopts this existing object into the state (alone or with an update). */
export function isImport(change: ResourceChange): boolean {
  return change.change.importing !== undefined;
}

/** Resource changes that do something: no data source reads, no no-ops except imports. */
export function effectiveChanges(plan: PlanJson): ResourceChange[] {
  return (plan.resource_changes ?? []).filter(
    (rc) => rc.mode === "managed" && (isImport(rc) || !["no-op", "read"].includes(changeKind(rc.change.actions))),
  );
}

/** An attribute of the object before or after the change, or undefined when absent or not an object. */
export function attribute(value: JsonValue | undefined, name: string): JsonValue | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return value[name];
}
