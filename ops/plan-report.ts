import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { maskText } from "./masking";
import { code, fence, htmlCode, plural, tableCell } from "./markdown";
import {
  attribute,
  changeKind,
  effectiveChanges,
  isImport,
  type ChangeKind,
  type JsonValue,
  type PlanJson,
  type ResourceChange,
} from "./plan-json";
import { redactPlanText } from "./plan-text";
import { findRisks, RISK_RULES, type RiskFinding } from "./risk-rules";
import { diffValues, isLong, type ValueDifference } from "./value-diff";

/** The plan of one stack, named by its stack id, with terraform's own text of it when available. */
export interface StackPlan {
  readonly stack: string;
  readonly plan: PlanJson;
  /** `terraform show <planfile>` (redacted before it is printed). */
  readonly planText?: string;
}

/** The terraform commands planning runs, in order; a failure names the one that failed. */
export type PlanStep = "init" | "plan" | "show";

/** A stack that could not be planned: its risks are unknown. */
export interface StackPlanFailure {
  readonly stack: string;
  readonly failedStep: PlanStep;
  /** Terraform's error output (masked before it is printed). */
  readonly error: string;
}

export type StackPlanResult = StackPlan | StackPlanFailure;

function isFailure(result: StackPlanResult): result is StackPlanFailure {
  return "failedStep" in result;
}

export interface StackSummary {
  readonly stack: string;
  readonly counts: Readonly<Record<"import" | "create" | "update" | "replace" | "delete", number>>;
  readonly findings: readonly RiskFinding[];
}

export interface PlanReport {
  /** The whole report (job summary, file). */
  readonly markdown: string;
  /** The report fitted to a GitHub comment: whole sections folded away, never a table cut. */
  readonly comment: string;
  readonly stacks: readonly StackSummary[];
  /** Stacks that could not be planned. */
  readonly failed: readonly StackPlanFailure[];
  /** True when any stack has a risk finding. */
  readonly risky: boolean;
  /** Per stack, a digest of its risk findings ("unknown" when planning failed): what a reviewer approved. */
  readonly riskFingerprints: Readonly<Record<string, string>>;
  /** Stacks whose findings differ from the reviewed ones (only when reviewed fingerprints were given). */
  readonly unreviewed: readonly string[];
}

export interface PlanReportOptions {
  readonly commentLimit?: number;
  /**
   * The risk fingerprints shown on the pull request; a stack whose findings differ must be reviewed again
   * (a stack missing from them counts as reviewed without findings).
   */
  readonly reviewedFingerprints?: Readonly<Record<string, string>>;
}

/** GitHub rejects issue and pull-request comments longer than 65,536 characters; room is left for the footer. */
export const COMMENT_LIMIT = 60_000;

const ACTION_LABELS: Readonly<Record<ChangeKind, string>> = {
  create: "➕ create",
  update: "✏️ update",
  replace: "♻️ replace",
  delete: "🗑️ delete",
  forget: "📤 forget",
  read: "read",
  "no-op": "no-op",
};

/** What happens to a resource, imports included: "📥 import", "📥 import + ✏️ update". */
function actionLabel(change: ResourceChange): string {
  const kind = changeKind(change.change.actions);
  if (!isImport(change)) return ACTION_LABELS[kind];
  return kind === "no-op" ? "📥 import" : `📥 import + ${ACTION_LABELS[kind]}`;
}

/**
 * A part of the report. When the comment is too long, blocks are folded away from the highest
 * `foldOrder` down (terraform's text first, then values, then tables); order 0 is never folded.
 */
interface Block {
  readonly text: string;
  readonly foldOrder: number;
  /** What the one-line note says was left out. */
  readonly what: string;
}

const FOLD = { never: 0, table: 1, values: 2, planText: 3 } as const;

export function buildPlanReport(results: readonly StackPlanResult[], options: PlanReportOptions = {}): PlanReport {
  const failed = results.filter(isFailure);
  const planned = results.filter((result): result is StackPlan => !isFailure(result));
  const stacks = planned.map(summarize);
  const risky = stacks.some((stack) => stack.findings.length > 0);
  const riskFingerprints = Object.fromEntries(
    results.map((result) => [
      result.stack,
      isFailure(result) ? "unknown" : riskFingerprint(stacks.find((stack) => stack.stack === result.stack)!.findings),
    ]),
  );
  const reviewed = options.reviewedFingerprints;
  const unreviewed = reviewed
    ? results
        // A stack the pull request did not show was reviewed as having no findings: only a risk-free plan matches.
        .filter((result) => isFailure(result) || (reviewed[result.stack] ?? riskFingerprint([])) !== riskFingerprints[result.stack])
        .map((r) => r.stack)
    : [];
  const blocks: Block[] = [{ text: headline(failed, stacks, unreviewed).join("\n"), foldOrder: FOLD.never, what: "" }];
  for (const result of results) {
    if (isFailure(result)) blocks.push({ text: renderFailure(result).join("\n"), foldOrder: FOLD.never, what: "" });
    else
      blocks.push(
        ...renderStack(
          result,
          stacks.find((stack) => stack.stack === result.stack)!,
        ),
      );
  }
  const markdown = blocks.map((block) => block.text).join("\n");
  const comment = fitComment(blocks, options.commentLimit ?? COMMENT_LIMIT);
  return { markdown, comment, stacks, failed, risky, riskFingerprints, unreviewed };
}

/** The first line says what a reviewer most needs: planning failed (risks unknown), risky, or not risky. */
function headline(failed: readonly StackPlanFailure[], stacks: readonly StackSummary[], unreviewed: readonly string[]): string[] {
  const riskyStacks = stacks.filter((stack) => stack.findings.length > 0).map((stack) => code(stack.stack));
  const reviewAgain =
    unreviewed.length > 0
      ? [
          "> [!CAUTION]",
          `> The risks found now in ${unreviewed.map(code).join(", ")} differ from the ones reviewed on the pull request: ` +
            "nothing is applied until someone reviews this plan and confirms it.",
          "",
        ]
      : [];
  if (failed.length > 0) {
    return [
      `## ❌ Terraform plan: planning failed for ${plural(failed.length, "stack")}, so its risks are unknown`,
      "",
      "> [!CAUTION]",
      ...failed.map(
        (failure) => `> - ${code(failure.stack)}: \`terraform ${failure.failedStep}\` failed. Do not merge or apply until it plans.`,
      ),
      ...(riskyStacks.length > 0 ? [`> - Risky changes in ${riskyStacks.join(", ")}.`] : []),
      "",
      ...reviewAgain,
    ];
  }
  if (unreviewed.length > 0) {
    return [`## ✋ Terraform plan: the risks differ from the reviewed ones in ${unreviewed.map(code).join(", ")}`, "", ...reviewAgain];
  }
  if (riskyStacks.length > 0) {
    return [
      `## ⚠️ Terraform plan: risky changes in ${riskyStacks.join(", ")}`,
      "",
      "> [!WARNING]",
      `> Risky changes in ${riskyStacks.join(", ")}: read the risk sections before merging.`,
      "",
    ];
  }
  return ["## ✅ Terraform plan: No risky changes.", ""];
}

function summarize({ stack, plan }: StackPlan): StackSummary {
  const changes = effectiveChanges(plan);
  const count = (kind: ChangeKind) => changes.filter((change) => changeKind(change.change.actions) === kind).length;
  return {
    stack,
    counts: {
      import: changes.filter(isImport).length,
      create: count("create"),
      update: count("update"),
      replace: count("replace"),
      delete: count("delete"),
    },
    findings: findRisks(changes),
  };
}

/** A stable digest of a stack's findings: equal digests mean the same risks were found. */
function riskFingerprint(findings: readonly RiskFinding[]): string {
  const lines = findings.map((f) => `${f.ruleId}\t${f.address}\t${f.message}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16);
}

function renderFailure(failure: StackPlanFailure): string[] {
  const error = maskText(failure.error.trim()).split("\n").slice(-40).join("\n");
  return [
    `### Stack ${code(failure.stack)}`,
    "",
    `❌ \`terraform ${failure.failedStep}\` failed: nothing is known about this stack's changes or risks.`,
    "",
    "<details><summary>Terraform's error (last 40 lines, masked)</summary>",
    "",
    ...fence(error, "text"),
    "",
    "</details>",
    "",
  ];
}

function renderStack({ stack, plan, planText }: StackPlan, summary: StackSummary): Block[] {
  const { import: imports, create, update, replace, delete: destroy } = summary.counts;
  const changes = effectiveChanges(plan);
  const counted =
    create + update + replace + destroy + changes.filter((c) => isImport(c) && changeKind(c.change.actions) === "no-op").length;
  const lines = [`### Stack ${code(stack)}`, ""];
  if (plan.errored) lines.push("> [!CAUTION]\n> Terraform reported errors while planning: this plan is incomplete.", "");
  lines.push(
    changes.length === 0
      ? "No changes."
      : `**${imports > 0 ? `${imports} to import, ` : ""}${create} to create, ${update} to update, ${replace} to replace, ${destroy} to delete**` +
          (changes.length > counted ? ` (and ${changes.length - counted} other)` : ""),
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
  const imported = changes.filter(isImport);
  if (imported.length > 0) {
    lines.push(
      `#### 📥 ${plural(imported.length, "object")} to import`,
      "",
      ...imported.map(
        (change) =>
          `- ${code(change.address)} from id ${code(maskText(change.change.importing?.id ?? "(by identity)"))}` +
          (changeKind(change.change.actions) === "no-op" ? " (import only, no change)" : ` (${actionLabel(change)})`),
      ),
      "",
    );
  }
  const blocks: Block[] = [{ text: lines.join("\n"), foldOrder: FOLD.never, what: "" }];
  if (changes.length > 0) {
    blocks.push({
      text: [
        `<details><summary>Changed resources in ${htmlCode(stack)}</summary>`,
        "",
        "| Action | Resource | Changed attributes |",
        "| --- | --- | --- |",
        ...changes.map((change) => {
          const moved = change.previous_address ? ` (moved from ${code(change.previous_address)})` : "";
          return `| ${actionLabel(change)} | ${tableCell(code(change.address))}${tableCell(moved)} | ${tableCell(changedAttributes(change))} |`;
        }),
        "",
        "</details>",
        "",
      ].join("\n"),
      foldOrder: FOLD.table,
      what: `the table of changed resources in ${code(stack)}`,
    });
  }
  const valueSections = changes.flatMap((change) => renderValues(change));
  if (valueSections.length > 0) {
    blocks.push({ text: [`#### Changed values in ${code(stack)}`, ""].join("\n"), foldOrder: FOLD.values, what: "" });
    for (const section of valueSections) blocks.push({ ...section, foldOrder: FOLD.values });
  }
  if (planText !== undefined) {
    blocks.push({
      text: [
        `<details><summary><code>terraform show</code> of ${htmlCode(stack)} (masked)</summary>`,
        "",
        ...fence(redactPlanText(planText, plan).trim(), "text"),
        "",
        "</details>",
        "",
      ].join("\n"),
      foldOrder: FOLD.planText,
      what: `terraform's plan text of ${code(stack)}`,
    });
  }
  return blocks;
}

/** Before → after of every changed attribute of an update, replacement or import, masked; long values folded. */
function renderValues(change: ResourceChange): Omit<Block, "foldOrder">[] {
  const kind = changeKind(change.change.actions);
  if (kind !== "update" && kind !== "replace") return [];
  const { before, after } = withoutUnknown(change);
  const differences = diffValues(before, after, {
    before: change.change.before_sensitive,
    after: change.change.after_sensitive,
  });
  if (differences.length === 0) return [];
  const inline = differences.filter((d) => !isLong(d));
  const long = differences.filter(isLong);
  const lines = [`**${code(change.address)}** (${actionLabel(change)})`, "", ...inline.map((d) => `- ${code(valueLine(d))}`)];
  for (const d of long) {
    lines.push(
      "",
      `<details><summary>${htmlCode(d.path || "(value)")}: long value</summary>`,
      "",
      ...fence(`before: ${d.before}\nafter:  ${d.after}`, "text"),
      "",
      "</details>",
    );
  }
  lines.push("");
  return [{ text: lines.join("\n"), what: `the values of ${code(change.address)}` }];
}

function valueLine(difference: ValueDifference): string {
  return `${difference.path || "(value)"}: ${difference.before} → ${difference.after}`;
}

/** Before and after without the attributes known only after apply (recomputed values are not the author's changes). */
function withoutUnknown(change: ResourceChange): { before: JsonValue | undefined; after: JsonValue | undefined } {
  const { before, after, after_unknown: unknown } = change.change;
  if (typeof unknown !== "object" || Array.isArray(unknown)) return { before, after };
  const strip = (value: JsonValue | undefined) =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([name]) => unknown[name] !== true))
      : value;
  return { before: strip(before), after: strip(after) };
}

/** The comment: every block while it fits; else whole blocks folded away, latest and least important first. */
function fitComment(blocks: readonly Block[], limit: number): string {
  const kept = blocks.map(() => true);
  const length = () => blocks.reduce((sum, block, i) => sum + (kept[i] ? block.text.length + 1 : 0), 0) + 400;
  const candidates = blocks
    .map((block, i) => ({ block, i }))
    .filter(({ block }) => block.foldOrder !== FOLD.never)
    .sort((a, b) => b.block.foldOrder - a.block.foldOrder || b.i - a.i);
  for (const { i } of candidates) {
    if (length() <= limit) break;
    kept[i] = false;
  }
  const omitted = blocks.filter((block, i) => !kept[i] && block.what !== "");
  const omittedValues = omitted.filter((block) => block.foldOrder === FOLD.values).length;
  const named = [
    ...omitted.filter((block) => block.foldOrder !== FOLD.values).map((block) => block.what),
    ...(omittedValues > 0 ? [`the changed values of ${plural(omittedValues, "resource")}`] : []),
  ];
  const text = blocks
    .filter((_, i) => kept[i])
    .map((block) => block.text)
    .join("\n");
  if (omitted.length === 0) return text;
  return [
    text,
    `> [!NOTE]\n> Left out to stay under GitHub's comment size limit (the job summary has the full report): ${named.join("; ")}.`,
    "",
  ].join("\n");
}

/**
 * Names (never values) of the top-level attributes an update or replacement changes, the ones forcing
 * replacement marked.
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
