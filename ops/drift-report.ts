import { createHash } from "node:crypto";
import { code, fence, htmlCode, plural, tableCell } from "./markdown";
import { maskText } from "./masking";
import { changeKind, type OutputChange, type PlanJson, type ResourceChange } from "./plan-json";
import { diffValues, isLong, type ValueDifference } from "./value-diff";

/** What `terraform plan -refresh-only -detailed-exitcode` said about one stack. */
export type DriftStatus = "none" | "drift" | "error";

export type StackDrift =
  | { readonly stack: string; readonly status: "none" | "drift"; readonly plan: PlanJson }
  | { readonly stack: string; readonly status: "error"; readonly error: string };

/** Maps terraform's -detailed-exitcode (0 no changes, 1 error, 2 changes) to a drift status. */
export function driftStatusOf(terraformExitCode: number): DriftStatus {
  if (terraformExitCode === 0) return "none";
  if (terraformExitCode === 2) return "drift";
  return "error";
}

export interface DriftReport {
  readonly markdown: string;
  /** The worst status over all stacks: error, then drift, then none. */
  readonly status: DriftStatus;
  /**
   * Digest of what drifted (the masked report): the drift workflow comments on the stack's issue only
   * when it changes, so persisting drift is not repeated and changed drift always notifies.
   */
  readonly fingerprint: string;
}

/** The hidden line that carries a drift report's fingerprint into a GitHub issue or comment. */
function driftFingerprintMarker(fingerprint: string): string {
  return `<!-- drift-fingerprint: ${fingerprint} -->`;
}

/** Splits refresh-only resource_drift into objects changed outside Terraform and pure moves. */
export function classifyDrift(plan: PlanJson): { changed: ResourceChange[]; moved: ResourceChange[] } {
  const drift = (plan.resource_drift ?? []).filter((rc) => rc.mode === "managed");
  return {
    changed: drift.filter((rc) => changeKind(rc.change.actions) !== "no-op"),
    moved: drift.filter((rc) => changeKind(rc.change.actions) === "no-op" && rc.previous_address !== undefined),
  };
}

export function changedOutputs(plan: PlanJson): [string, OutputChange][] {
  return Object.entries(plan.output_changes ?? {}).filter(([, change]) => changeKind(change.actions) !== "no-op");
}

export function buildDriftReport(stacks: readonly StackDrift[]): DriftReport {
  const status: DriftStatus = stacks.some((s) => s.status === "error")
    ? "error"
    : stacks.some((s) => s.status === "drift")
      ? "drift"
      : "none";
  const headline = {
    none: "No drift: every stack matches its state.",
    drift: "Drift detected.",
    error: "Drift detection failed for at least one stack.",
  }[status];
  const lines = ["## Drift report", "", headline, ""];
  for (const stack of stacks) lines.push(...renderStack(stack));
  const fingerprint = createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16);
  lines.push(driftFingerprintMarker(fingerprint), "");
  return { markdown: lines.join("\n"), status, fingerprint };
}

function renderStack(stack: StackDrift): string[] {
  const lines = [`### Stack ${code(stack.stack)}`, ""];
  if (stack.status === "error") {
    lines.push("❌ `terraform plan -refresh-only` failed:", "", ...fence(maskText(stack.error.trim()), "text"), "");
    return lines;
  }
  const { changed, moved } = classifyDrift(stack.plan);
  const outputs = changedOutputs(stack.plan);
  if (stack.status === "none" && changed.length === 0 && outputs.length === 0) lines.push("No drift.", "");
  if (changed.length > 0) {
    lines.push(`${plural(changed.length, "object")} changed outside Terraform:`, "");
    for (const drift of changed) lines.push(...renderResourceDrift(drift));
  }
  if (outputs.length > 0) {
    lines.push(
      "Outputs whose refreshed value differs from the state:",
      "",
      ...differenceTable(
        "Output",
        outputs.flatMap(([name, change]) => outputDifferences(name, change)),
      ),
    );
  }
  if (moved.length > 0) {
    lines.push(
      "Moved in the configuration (a `moved` block, not a change outside Terraform):",
      "",
      ...moved.map((rc) => `- ${code(rc.previous_address!)} → ${code(rc.address)}`),
      "",
    );
  }
  if (stack.status === "drift") {
    lines.push(
      "To accept these values into the state: `terraform apply -refresh-only`; to restore the configured ones: plan and apply.",
      "",
    );
  }
  return lines;
}

function renderResourceDrift(drift: ResourceChange): string[] {
  const heading = `#### ${code(drift.address)} (${drift.type})`;
  if (changeKind(drift.change.actions) === "delete") {
    return [heading, "", "Deleted outside Terraform: the object no longer exists. The next plan re-creates it.", ""];
  }
  const differences = diffValues(drift.change.before, drift.change.after, {
    before: drift.change.before_sensitive,
    after: drift.change.after_sensitive,
  });
  return [
    heading,
    "",
    ...differenceTable(
      "Attribute",
      differences.map((d) => ({ ...d, path: d.path || "(value)" })),
    ),
  ];
}

function outputDifferences(name: string, change: OutputChange): ValueDifference[] {
  // Rooted at the output's name, so a name like "client_secret" masks the value too.
  return diffValues(
    { [name]: change.before ?? null },
    { [name]: change.after ?? null },
    { before: { [name]: change.before_sensitive ?? false }, after: { [name]: change.after_sensitive ?? false } },
  );
}

/** Long values are folded below the table, so a cell never holds a whole flow or contract. */
function differenceTable(header: string, differences: readonly ValueDifference[]): string[] {
  const long = differences.filter(isLong);
  return [
    `| ${header} | In state (last apply) | Now |`,
    "| --- | --- | --- |",
    ...differences.map((d) =>
      isLong(d)
        ? `| ${tableCell(code(d.path))} | (long value, below) | (long value, below) |`
        : `| ${tableCell(code(d.path))} | ${tableCell(code(d.before))} | ${tableCell(code(d.after))} |`,
    ),
    "",
    ...long.flatMap((d) => [
      `<details><summary>${htmlCode(d.path)}</summary>`,
      "",
      ...fence(`in state: ${d.before}\nnow:      ${d.after}`, "text"),
      "",
      "</details>",
      "",
    ]),
  ];
}
