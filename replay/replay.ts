/**
 * Replays a sequence of notifications, dispositions and injected faults against an in-memory org:
 * every trigger of the environment is evaluated for every notification, matching triggers start
 * their workflow after the trigger's delay, and the runs are interleaved on one virtual clock.
 */
import type { EnvironmentConfig } from "../config/schema";
import { FaultPlan } from "./data-action-executor";
import { deploymentOf, orgFor, type DeployedTrigger, type ReplayDeployment } from "./deployment";
import type { ReplayEntry } from "./events";
import { WorkflowRun, type RunOutcome, type RunStep } from "./interpreter";
import type { InMemoryOrg, OrgChange, OrgSnapshot } from "./org";
import { startTime, triggerMatches, workflowInputs } from "./triggers";

/** One workflow run started by a trigger. */
export interface RunReport {
  /** 1, 2, ... in start order. */
  readonly id: number;
  readonly trigger: DeployedTrigger["id"];
  readonly workflowName: string;
  /** The notification that fired the trigger. */
  readonly eventTime: number;
  readonly conversationId?: string;
  readonly startedAt: number;
  readonly steps: RunStep[];
  outcome?: RunOutcome | { readonly kind: "interpreterError"; readonly message: string };
}

export type TimelineEntry =
  | {
      readonly kind: "notification";
      readonly at: number;
      readonly topicName: string;
      readonly matched: readonly { readonly trigger: string; readonly workflowName: string; readonly startsAt: number }[];
    }
  | { readonly kind: "disposition"; readonly at: number; readonly changes: readonly OrgChange[] }
  | { readonly kind: "fault"; readonly at: number; readonly action: string; readonly outcome: string; readonly times: number }
  /** A run started or continued, the steps it took, and whether it now waits or has ended. */
  | {
      readonly kind: "run";
      readonly at: number;
      readonly run: RunReport;
      readonly resumed: boolean;
      readonly steps: readonly RunStep[];
      readonly waitsUntil?: number;
    }
  | { readonly kind: "unexpected"; readonly at: number; readonly message: string };

export interface ReplayResult {
  readonly deployment: ReplayDeployment;
  readonly org: InMemoryOrg;
  readonly timeline: readonly TimelineEntry[];
  readonly runs: readonly RunReport[];
  /** Unexpected failures: interpreter errors, flow errors, broken data action contracts, invalid entries. Empty when all went as designed. */
  readonly unexpected: readonly string[];
}

export interface ReplayOptions {
  readonly environment: EnvironmentConfig;
  readonly entries: readonly ReplayEntry[];
  /** Rows and contacts the org holds before the first entry. */
  readonly snapshot?: OrgSnapshot;
  /** Keep the timeline (false for large replays that only need the runs). @default true */
  readonly recordTimeline?: boolean;
}

/** An entry in the file names an action the environment does not have, or similar: the input is invalid. */
export class ReplayEntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReplayEntryError";
  }
}

interface Task {
  readonly at: number;
  readonly sequence: number;
  readonly run: () => void;
}

/** Tasks by time, then by the order they were scheduled (a binary heap: large replays schedule tens of thousands). */
class Agenda {
  private readonly heap: Task[] = [];
  private sequence = 0;

  schedule(at: number, run: () => void): void {
    const heap = this.heap;
    heap.push({ at, sequence: this.sequence++, run });
    for (let index = heap.length - 1; index > 0;) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index], heap[parent])) break;
      [heap[index], heap[parent]] = [heap[parent], heap[index]];
      index = parent;
    }
  }

  next(): Task | undefined {
    const heap = this.heap;
    const first = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let index = 0; ;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
        if (smallest === index) break;
        [heap[index], heap[smallest]] = [heap[smallest], heap[index]];
        index = smallest;
      }
    }
    return first;
  }
}

const before = (a: Task, b: Task): boolean => a.at < b.at || (a.at === b.at && a.sequence < b.sequence);

export function replay(options: ReplayOptions): ReplayResult {
  const deployment = deploymentOf(options.environment);
  const org = orgFor(deployment);
  try {
    if (options.snapshot) org.loadSnapshot(options.snapshot);
  } catch (error) {
    throw new ReplayEntryError(`org snapshot: ${(error as Error).message}`);
  }
  const recordTimeline = options.recordTimeline ?? true;
  const timeline: TimelineEntry[] = [];
  const runs: RunReport[] = [];
  const unexpected: string[] = [];
  const faults = new FaultPlan();
  const agenda = new Agenda();
  const note = (entry: TimelineEntry) => {
    if (recordTimeline) timeline.push(entry);
  };
  const fail = (at: number, message: string) => {
    unexpected.push(message);
    timeline.push({ kind: "unexpected", at, message });
  };

  const knownActions = new Set(Object.values(deployment.specs).map((spec) => spec.id));
  let lastTime = Number.NEGATIVE_INFINITY;
  for (const entry of options.entries) {
    if (entry.kind === "fault") {
      if (!knownActions.has(entry.action)) {
        throw new ReplayEntryError(`fault for unknown data action "${entry.action}" (data actions: ${[...knownActions].join(", ")})`);
      }
      // A fault applies to the calls after the entries before it.
      const at = lastTime;
      agenda.schedule(at, () => {
        faults.add(entry.action, entry.outcome, entry.times);
        note({ kind: "fault", at: org.now, action: entry.action, outcome: entry.outcome, times: entry.times });
      });
      continue;
    }
    lastTime = entry.at;
    if (entry.kind === "disposition") {
      agenda.schedule(entry.at, () => {
        org.now = entry.at;
        const changes: OrgChange[] = [];
        const previous = org.onChange;
        org.onChange = (change) => changes.push(change);
        try {
          org.recordDisposition(entry.contactListId, entry.contactId, entry.wrapupCode, entry.phoneColumn);
          note({ kind: "disposition", at: entry.at, changes });
        } catch (error) {
          fail(entry.at, `disposition for contact ${entry.contactId}: ${(error as Error).message}`);
        } finally {
          org.onChange = previous;
        }
      });
      continue;
    }
    agenda.schedule(entry.at, () => {
      org.now = entry.at;
      const matched: DeployedTrigger[] = [];
      for (const trigger of deployment.triggers) {
        try {
          if (triggerMatches(trigger.definition, entry.topicName, entry.eventBody)) matched.push(trigger);
        } catch (error) {
          fail(entry.at, `trigger ${trigger.id} on ${entry.topicName}: ${(error as Error).message}`);
        }
      }
      note({
        kind: "notification",
        at: entry.at,
        topicName: entry.topicName,
        matched: matched.map((trigger) => ({
          trigger: trigger.name,
          workflowName: trigger.workflowName,
          startsAt: startTime(trigger.definition, entry.at),
        })),
      });
      for (const trigger of matched) {
        const startsAt = startTime(trigger.definition, entry.at);
        agenda.schedule(startsAt, () => startRun(trigger, entry.at, startsAt, entry.eventBody));
      }
    });
  }

  const startRun = (trigger: DeployedTrigger, eventTime: number, at: number, eventBody: Record<string, unknown>) => {
    org.now = at;
    const conversationId = typeof eventBody.conversationId === "string" ? eventBody.conversationId : undefined;
    const report: RunReport = {
      id: runs.length + 1,
      trigger: trigger.id,
      workflowName: trigger.workflowName,
      eventTime,
      conversationId,
      startedAt: at,
      steps: [],
    };
    runs.push(report);
    let run: WorkflowRun;
    try {
      const inputs = workflowInputs(trigger.definition, trigger.workflow, eventBody);
      run = new WorkflowRun(trigger.workflow, inputs, { org, faults, substitutions: trigger.substitutions });
    } catch (error) {
      report.outcome = { kind: "interpreterError", message: (error as Error).message };
      fail(at, `run #${report.id} (${trigger.workflowName}): ${(error as Error).message}`);
      return;
    }
    advance(report, run, false);
  };

  const advance = (report: RunReport, run: WorkflowRun, resumed: boolean) => {
    const before = run.steps.length;
    let waitsUntil: number | undefined;
    try {
      waitsUntil = run.advance();
    } catch (error) {
      report.outcome = { kind: "interpreterError", message: error instanceof Error ? error.message : String(error) };
    }
    const steps = run.steps.slice(before);
    report.steps.push(...steps);
    note({ kind: "run", at: org.now, run: report, resumed, steps, waitsUntil });
    for (const step of steps) {
      if (step.call?.contractViolation) fail(step.at, `run #${report.id} "${step.action}": ${step.call.contractViolation}`);
    }
    if (report.outcome?.kind === "interpreterError") {
      fail(org.now, `run #${report.id} (${report.workflowName}): interpreter error: ${report.outcome.message}`);
      return;
    }
    if (waitsUntil !== undefined) {
      agenda.schedule(waitsUntil, () => {
        org.now = waitsUntil;
        advance(report, run, true);
      });
      return;
    }
    report.outcome = run.outcome;
    if (run.outcome?.kind === "flowError") fail(org.now, `run #${report.id} (${report.workflowName}): flow error: ${run.outcome.message}`);
  };

  for (let task = agenda.next(); task; task = agenda.next()) {
    if (Number.isFinite(task.at) && task.at > org.now) org.now = task.at;
    task.run();
  }
  return { deployment, org, timeline, runs, unexpected };
}
