/** The replay's printed timeline: one block per notification, disposition, fault and run step, then a summary. */
import type { RunStep } from "../architect/interpreter";
import type { ReplayDeployment } from "../deployment";
import type { ReplayListener, ReplayResult, RunReport, TimelineEntry } from "../driver/replay";
import type { DataActionCall } from "../platform/data-actions";
import type { InMemoryOrg, OrgChange, Row } from "../platform/org";

let lastTime = { at: Number.NaN, text: "" };

/** ISO time of a virtual time (many lines in a row share one: the last is kept). */
function time(at: number): string {
  if (at !== lastTime.at) lastTime = { at, text: Number.isFinite(at) ? new Date(at).toISOString() : "(start)" };
  return lastTime.text;
}
const INDENT = "    ";

/** The whole timeline of a replay that kept it (tests, small inputs), written by the same TimelineWriter as the CLI's. */
export function formatTimeline(result: ReplayResult): string {
  let text = "";
  const writer = new TimelineWriter(result.deployment, (chunk) => (text += chunk));
  for (const entry of result.timeline) writer.listener.timeline?.(entry);
  for (const run of result.runs) writer.listener.runEnded?.(run);
  for (const message of result.unexpected) writer.listener.unexpected?.(message);
  writer.end(result.org);
  return text;
}

const environmentLine = (deployment: ReplayDeployment) => `environment ${deployment.environment.name}`;

/** Output is written in pieces of about this size (one write per line would dominate large replays). */
const CHUNK = 64 * 1024;

/**
 * Writes the timeline as the replay runs (or, with `summaryOnly`, only the summary), holding one
 * line per run for the summary and nothing else of the output. Call `end` after the replay.
 */
export class TimelineWriter {
  private buffer = "";
  private calls = 0;
  private readonly runLines: string[] = [];
  private readonly unexpected: string[] = [];
  readonly listener: ReplayListener;

  constructor(
    private readonly deployment: ReplayDeployment,
    private readonly write: (text: string) => void,
    private readonly summaryOnly = false,
  ) {
    this.listener = {
      timeline: (entry) => this.entry(entry),
      runStarted: (run) => this.runLines.push(`${INDENT}run #${run.id} "${run.workflowName}" did not finish`),
      runEnded: (run) => (this.runLines[run.id - 1] = formatRunSummary(run)),
      unexpected: (message) => this.unexpected.push(message),
    };
    this.lines([environmentLine(deployment)]);
  }

  get unexpectedCount(): number {
    return this.unexpected.length;
  }

  end(org: InMemoryOrg): void {
    this.lines(["", ...formatSummary(this.deployment, org, this.calls, this.runLines, this.unexpected)]);
    this.flush();
  }

  private entry(entry: TimelineEntry): void {
    if (entry.kind === "run") for (const step of entry.steps) if (step.call) this.calls++;
    if (!this.summaryOnly) this.lines(formatEntry(entry));
  }

  private lines(lines: readonly string[]): void {
    for (const line of lines) this.buffer += `${line}\n`;
    if (this.buffer.length >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.buffer === "") return;
    this.write(this.buffer);
    this.buffer = "";
  }
}

function formatEntry(entry: TimelineEntry): string[] {
  switch (entry.kind) {
    case "notification": {
      const head = `${time(entry.at)}  event ${entry.topicName}`;
      if (entry.matched.length === 0) return [head, `${INDENT}no trigger matched`];
      return [
        head,
        ...entry.matched.map(
          (match) => `${INDENT}trigger "${match.trigger}" matched: "${match.workflowName}" starts at ${time(match.startsAt)}`,
        ),
      ];
    }
    case "disposition":
      return [`${time(entry.at)}  disposition`, ...entry.changes.map((change) => `${INDENT}${formatChange(change)}`)];
    case "fault":
      return [`${time(entry.at)}  fault: the next ${entry.times} call(s) of ${entry.action} → ${entry.outcome}`];
    case "unexpected":
      return [`${time(entry.at)}  UNEXPECTED: ${entry.message}`];
    case "run":
      return formatRunChunk(entry.at, entry.run, entry.resumed, entry.steps, entry.waitsUntil);
  }
}

function formatRunChunk(at: number, run: RunReport, resumed: boolean, steps: readonly RunStep[], waitsUntil?: number): string[] {
  const lines = [`${time(at)}  run #${run.id} "${run.workflowName}" ${resumed ? "continues" : "starts"}`];
  for (const step of steps) lines.push(...formatStep(step));
  if (waitsUntil !== undefined) lines.push(`${INDENT}… waits until ${time(waitsUntil)}`);
  else if (run.outcome) lines.push(`${INDENT}run #${run.id} ${formatOutcome(run)}`);
  return lines;
}

export function formatOutcome(run: RunReport): string {
  const outcome = run.outcome;
  if (!outcome) return "did not finish";
  switch (outcome.kind) {
    case "ended":
      return `ended: ${outcome.exitReason}`;
    case "completed":
      return "ended after its last action";
    case "flowError":
      return `FLOW ERROR: ${outcome.message}`;
    case "interpreterError":
      return `INTERPRETER ERROR: ${outcome.message}`;
  }
}

function formatStep(step: RunStep): string[] {
  const path = step.path ? ` → ${step.path}` : "";
  const detail = step.kind === "endWorkflow" ? "" : step.detail ? `: ${step.detail}` : "";
  const lines = [`${INDENT}${step.kind} "${step.action}"${detail}${path}`];
  if (step.call) lines.push(...formatCall(step.call));
  for (const change of step.changes) lines.push(`${INDENT}${INDENT}${formatChange(change)}`);
  return lines;
}

function formatCall(call: DataActionCall): string[] {
  const prefix = `${INDENT}${INDENT}`;
  if (call.injectedFault) return [`${prefix}injected ${call.injectedFault}`];
  const lines: string[] = [];
  if (call.request) lines.push(`${prefix}${call.request.method} ${call.request.url}${call.request.body ? ` ${call.request.body}` : ""}`);
  if (call.response)
    lines.push(`${prefix}← ${call.response.status}${call.result.outcome === "failure" ? ` ${JSON.stringify(call.response.body)}` : ""}`);
  if (call.contractViolation) lines.push(`${prefix}CONTRACT VIOLATION: ${call.contractViolation}`);
  if (call.result.outcome === "success" && Object.keys(call.result.output).length > 0) {
    lines.push(`${prefix}output ${JSON.stringify(call.result.output)}`);
  }
  return lines;
}

export function formatChange(change: OrgChange): string {
  switch (change.kind) {
    case "rowInserted":
      return `row inserted ${change.table}[${JSON.stringify(change.key)}] ${formatRow(change.row)}`;
    case "rowUpdated":
      return `row updated ${change.table}[${JSON.stringify(change.key)}] ${formatRow(change.row)}`;
    case "rowDeleted":
      return `row deleted ${change.table}[${JSON.stringify(change.key)}]`;
    case "contactSaved":
      return `contact ${change.contactListId}/${change.contactId} ${change.created ? "created" : "saved"} (data ${change.dataChanged ? "changed" : "unchanged"})`;
    case "contactQueued":
      return `contact ${change.queued.contactListId}/${change.queued.contactId} queued for the dialer${change.queued.priority ? " (priority)" : ""} at ${time(change.queued.at)}`;
    case "dispositionRecorded":
      return `contact ${change.contactListId}/${change.contactId}: call record ${change.phoneColumn} = ${change.wrapupCode}`;
  }
}

function formatRow(row: Row): string {
  return JSON.stringify(Object.fromEntries(Object.entries(row).filter(([column]) => column !== "key")));
}

const formatRunSummary = (run: RunReport): string => `${INDENT}run #${run.id} "${run.workflowName}" ${formatOutcome(run)}`;

function formatSummary(
  deployment: ReplayDeployment,
  org: InMemoryOrg,
  calls: number,
  runLines: readonly string[],
  unexpected: readonly string[],
): string[] {
  const lines = [
    "summary",
    `${INDENT}runs: ${runLines.length}, data action calls: ${calls}, contacts queued for the dialer: ${org.dialerQueue.length}`,
    ...runLines,
  ];
  const retries = org.tableByName(deployment.tables.retries.name);
  lines.push(`${INDENT}rows left in ${deployment.tables.retries.name}: ${retries?.rows.size ?? 0}`);
  for (const [key, row] of retries?.rows ?? []) lines.push(`${INDENT}${INDENT}${JSON.stringify(key)} ${formatRow(row)}`);
  lines.push(
    unexpected.length === 0 ? `${INDENT}no unexpected failures` : `${INDENT}UNEXPECTED FAILURES: ${unexpected.length}`,
    ...unexpected.map((message) => `${INDENT}${INDENT}${message}`),
  );
  return lines;
}
