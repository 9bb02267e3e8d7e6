/** The replay's printed timeline: one block per notification, disposition, fault and run step. */
import type { DataActionCall } from "./data-action-executor";
import type { RunStep } from "./interpreter";
import type { OrgChange, Row } from "./org";
import type { ReplayResult, RunReport, TimelineEntry } from "./replay";

const time = (at: number): string => (Number.isFinite(at) ? new Date(at).toISOString() : "(start)");
const INDENT = "    ";

export function formatTimeline(result: ReplayResult): string {
  const lines: string[] = [`environment ${result.deployment.environment.name}`];
  for (const entry of result.timeline) lines.push(...formatEntry(entry));
  lines.push("", ...formatSummary(result));
  return `${lines.join("\n")}\n`;
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

function formatSummary(result: ReplayResult): string[] {
  const calls = result.runs.flatMap((run) => run.steps).filter((step) => step.call).length;
  const lines = [
    "summary",
    `${INDENT}runs: ${result.runs.length}, data action calls: ${calls}, contacts queued for the dialer: ${result.org.dialerQueue.length}`,
  ];
  for (const run of result.runs) lines.push(`${INDENT}run #${run.id} "${run.workflowName}" ${formatOutcome(run)}`);
  const retries = result.org.tableByName(result.deployment.retriesTableName);
  lines.push(`${INDENT}rows left in ${result.deployment.retriesTableName}: ${retries?.rows.size ?? 0}`);
  for (const [key, row] of retries?.rows ?? []) lines.push(`${INDENT}${INDENT}${JSON.stringify(key)} ${formatRow(row)}`);
  lines.push(
    result.unexpected.length === 0 ? `${INDENT}no unexpected failures` : `${INDENT}UNEXPECTED FAILURES: ${result.unexpected.length}`,
    ...result.unexpected.map((message) => `${INDENT}${INDENT}${message}`),
  );
  return lines;
}
