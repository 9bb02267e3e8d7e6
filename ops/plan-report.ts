import { isDeepStrictEqual } from "node:util";
import { code, plural, tableCell } from "./markdown";
import { attribute, changeKind, effectiveChanges, type ChangeKind, type PlanJson, type ResourceChange } from "./plan-json";
import { findRisks, RISK_RULES, type RiskFinding } from "./risk-rules";

/** The plan of one stack, named by its stack id. */
export interface StackPlan {
  readonly stack: string;
  readonly plan: PlanJson;
}

export interface StackSummary {
  readonly stack: string;
  readonly counts: Readonly<Record<"create" | "update" | "replace" | "delete", number>>;
  readonly findings: readonly RiskFinding[];
}

export interface PlanReport {
  readonly markdown: string;
  readonly stacks: readonly StackSummary[];
  /** True when any stack has a risk finding. */
  readonly risky: boolean;
}

/** Resources listed per stack before the table is cut (GitHub comments hold at most 65,536 characters). */
export const MAX_TABLE_ROWS = 150;

const ACTION_LABELS: Readonly<Record<ChangeKind, string>> = {
  create: "➕ create",
  update: "✏️ update",
  replace: "♻️ replace",
  delete: "🗑️ delete",
  forget: "📤 forget",
  read: "read",
  "no-op": "no-op",
};

export function buildPlanReport(stackPlans: readonly StackPlan[]): PlanReport {
  const stacks = stackPlans.map(summarize);
  const risky = stacks.some((stack) => stack.findings.length > 0);
  const riskyStacks = stacks.filter((stack) => stack.findings.length > 0).map((stack) => code(stack.stack));
  const lines = [
    "## Terraform plan",
    "",
    risky ? `> [!WARNING]\n> Risky changes in ${riskyStacks.join(", ")}: read the risk sections before merging.` : "No risky changes.",
    "",
  ];
  stackPlans.forEach((stackPlan, i) => lines.push(...renderStack(stackPlan, stacks[i])));
  return { markdown: lines.join("\n"), stacks, risky };
}

function summarize({ stack, plan }: StackPlan): StackSummary {
  const changes = effectiveChanges(plan);
  const count = (kind: ChangeKind) => changes.filter((change) => changeKind(change.change.actions) === kind).length;
  return {
    stack,
    counts: { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete") },
    findings: findRisks(changes),
  };
}

function renderStack({ stack, plan }: StackPlan, summary: StackSummary): string[] {
  const { create, update, replace, delete: destroy } = summary.counts;
  const changes = effectiveChanges(plan);
  const lines = [`### Stack ${code(stack)}`, ""];
  if (plan.errored) lines.push("> [!CAUTION]\n> Terraform reported errors while planning: this plan is incomplete.", "");
  lines.push(
    changes.length === 0
      ? "No changes."
      : `**${create} to create, ${update} to update, ${replace} to replace, ${destroy} to delete**` +
          (changes.length > create + update + replace + destroy
            ? ` (and ${changes.length - create - update - replace - destroy} other)`
            : ""),
    "",
  );
  const driftCount = (plan.resource_drift ?? []).filter((drift) => changeKind(drift.change.actions) !== "no-op").length;
  if (driftCount > 0) {
    lines.push(`${plural(driftCount, "object")} changed outside Terraform since the last apply (\`npm run drift\` shows what).`, "");
  }
  if (summary.findings.length > 0) {
    lines.push("#### ⚠️ Risks", "");
    for (const rule of RISK_RULES) {
      const ruleFindings = summary.findings.filter((f) => f.ruleId === rule.id);
      if (ruleFindings.length === 0) continue;
      lines.push(`**${rule.title}** (${code(rule.id)})`, "", ...ruleFindings.map((f) => `- ${f.message}`), "");
    }
  }
  if (changes.length > 0) {
    lines.push("<details><summary>Changed resources</summary>", "", "| Action | Resource | Changed attributes |", "| --- | --- | --- |");
    for (const change of changes.slice(0, MAX_TABLE_ROWS)) {
      const kind = changeKind(change.change.actions);
      const moved = change.previous_address ? ` (moved from ${code(change.previous_address)})` : "";
      lines.push(
        `| ${ACTION_LABELS[kind]} | ${tableCell(code(change.address))}${tableCell(moved)} | ${tableCell(changedAttributes(change))} |`,
      );
    }
    if (changes.length > MAX_TABLE_ROWS) lines.push("", `…and ${changes.length - MAX_TABLE_ROWS} more (see the job log).`);
    lines.push("", "</details>", "");
  }
  return lines;
}

/**
 * Names (never values: plan JSON holds sensitive values in clear) of the top-level attributes an
 * update or replacement changes, the ones forcing replacement marked.
 */
export function changedAttributes(change: ResourceChange): string {
  const kind = changeKind(change.change.actions);
  if (kind !== "update" && kind !== "replace") return "";
  const { before, after } = change.change;
  const forcing = new Set((change.change.replace_paths ?? []).map((path) => String(path[0])));
  const names = new Set<string>();
  for (const value of [before, after]) {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) Object.keys(value).forEach((name) => names.add(name));
  }
  const changed = [...names].filter((name) => {
    const afterValue = attribute(after, name);
    // Attributes computed again at apply (after_unknown) are not changes the author made.
    if (afterValue === undefined) return false;
    return !isDeepStrictEqual(attribute(before, name), afterValue);
  });
  forcing.forEach((name) => changed.includes(name) || changed.push(name));
  return changed
    .sort()
    .map((name) => (forcing.has(name) ? `${name} (forces replacement)` : name))
    .join(", ");
}
