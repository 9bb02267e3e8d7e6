/**
 * Replays a sequence of notifications, dispositions and injected faults against an in-memory org:
 * every trigger of the environment is evaluated for every notification, matching triggers start
 * their workflow after the trigger's delay, and the runs are interleaved on one virtual clock.
 *
 * Entries are taken one at a time (`ReplayDriver.add`), and what happens is reported as it happens
 * (`ReplayListener`), so a replay holds only the runs still alive and the org, not its input or output.
 */
import type { EnvironmentConfig } from "../../config/schema";
import { WorkflowRun, type RunOutcome, type RunStep } from "../architect/interpreter";
import { deploymentOf, orgFor, type DeployedTrigger, type ReplayDeployment } from "../deployment";
import type { Disposition, FaultInjection, Notification, ReplayEntry } from "../input/events";
import { inTimeOrder } from "../input/time-order";
import { FaultPlan, executeDataAction } from "../platform/data-actions";
import type { InMemoryOrg, OrgChange, OrgSnapshot } from "../platform/org";
import { prepareTriggerMatcher, startTime, workflowInputs, type TriggerMatcher } from "../platform/trigger-matching";
import { Agenda } from "./agenda";
import { UserError } from "../../errors";

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
  /** Every step of the run; empty unless the replay keeps steps (`keepRunSteps`). */
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
  /** A run started or continued, the steps it took, and whether it now waits or has ended (then its outcome is set). */
  | {
      readonly kind: "run";
      readonly at: number;
      readonly run: RunReport;
      readonly resumed: boolean;
      readonly steps: readonly RunStep[];
      readonly waitsUntil?: number;
    }
  | { readonly kind: "unexpected"; readonly at: number; readonly message: string };

/** What a replay reports while it runs. */
export interface ReplayListener {
  /** Every timeline entry, in order, as it happens. */
  timeline?(entry: TimelineEntry): void;
  /** A run was started by a trigger (it may fail at once: then `runEnded` follows). */
  runStarted?(run: RunReport): void;
  /** A run has ended; its outcome is set. */
  runEnded?(run: RunReport): void;
  /** An unexpected failure (also reported as an "unexpected" timeline entry). */
  unexpected?(message: string): void;
}

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
  readonly entries: Iterable<ReplayEntry>;
  /** Rows and contacts the org holds before the first entry. */
  readonly snapshot?: OrgSnapshot;
  /** Keep the timeline (false for large replays that only need the runs). @default true */
  readonly recordTimeline?: boolean;
}

/** An entry in the file names an action the environment does not have, or similar: the input is invalid. */
export class ReplayEntryError extends UserError {
  override name = "ReplayEntryError";
}

/** Why an entry cannot be replayed in this deployment, or undefined when it can. */
export function entryProblem(deployment: ReplayDeployment, entry: ReplayEntry): string | undefined {
  if (entry.kind !== "fault") return undefined;
  const known = Object.values(deployment.specs).map((spec) => spec.id);
  if (known.includes(entry.action)) return undefined;
  return `fault for unknown data action "${entry.action}" (data actions: ${known.join(", ")})`;
}

export interface ReplayDriverOptions {
  readonly deployment: ReplayDeployment;
  readonly listener: ReplayListener;
  readonly snapshot?: OrgSnapshot;
  /** Continue on this org (its rows, contacts and dialer queue) instead of a new one. @default a new org with the deployment's tables */
  readonly org?: InMemoryOrg;
  /** Keep every step on its RunReport (tests and small replays). @default false */
  readonly keepRunSteps?: boolean;
}

/** A trigger of the deployment, prepared for matching. */
interface PreparedTrigger {
  readonly trigger: DeployedTrigger;
  readonly matcher: TriggerMatcher;
}

/** Prepared matchers per deployment, so repeated replays of one deployment prepare them once. */
const preparedTriggers = new WeakMap<ReplayDeployment, readonly PreparedTrigger[]>();

function triggersOf(deployment: ReplayDeployment): readonly PreparedTrigger[] {
  let prepared = preparedTriggers.get(deployment);
  if (!prepared) {
    prepared = deployment.triggers.map((trigger) => ({ trigger, matcher: prepareTriggerMatcher(trigger.definition) }));
    preparedTriggers.set(deployment, prepared);
  }
  return prepared;
}

/**
 * One replay: add entries in time order, then `finish`. Entries at the same time run in the order
 * they were added, before anything the replay scheduled itself for that time.
 */
export class ReplayDriver {
  readonly org: InMemoryOrg;
  private readonly deployment: ReplayDeployment;
  private readonly listener: ReplayListener;
  private readonly keepRunSteps: boolean;
  private readonly triggers: readonly PreparedTrigger[];
  private readonly faults = new FaultPlan();
  private readonly agenda = new Agenda();
  private runCount = 0;
  /** Time of the latest notification or disposition added: a fault applies from there on. */
  private lastEntryTime = Number.NEGATIVE_INFINITY;

  constructor(options: ReplayDriverOptions) {
    this.deployment = options.deployment;
    this.listener = options.listener;
    this.keepRunSteps = options.keepRunSteps ?? false;
    this.triggers = triggersOf(options.deployment);
    this.org = options.org ?? orgFor(options.deployment);
    try {
      if (options.snapshot) this.org.loadSnapshot(options.snapshot);
    } catch (error) {
      throw new ReplayEntryError(`org snapshot: ${(error as Error).message}`);
    }
  }

  /** Takes the next entry of the input; runs everything due before it first. */
  add(entry: ReplayEntry): void {
    const problem = entryProblem(this.deployment, entry);
    if (problem) throw new ReplayEntryError(problem);
    const at = entry.kind === "fault" ? this.lastEntryTime : entry.at;
    if (at < this.lastEntryTime) {
      throw new ReplayEntryError(`entries must be in time order: ${time(at)} comes after ${time(this.lastEntryTime)}`);
    }
    this.lastEntryTime = at;
    this.runTasksBefore(at);
    this.agenda.schedule(at, "input", () => this.apply(entry));
  }

  /** Runs everything left: every run ends. */
  finish(): void {
    this.runTasksBefore(Number.POSITIVE_INFINITY);
  }

  private runTasksBefore(limit: number): void {
    for (let at = this.agenda.peekTime(); at !== undefined && at < limit; at = this.agenda.peekTime()) {
      const task = this.agenda.next();
      if (!task) return;
      if (Number.isFinite(task.at) && task.at > this.org.now) this.org.now = task.at;
      task.run();
    }
  }

  private apply(entry: ReplayEntry): void {
    switch (entry.kind) {
      case "fault":
        return this.applyFault(entry);
      case "disposition":
        return this.applyDisposition(entry);
      case "notification":
        return this.applyNotification(entry);
    }
  }

  private applyFault(entry: FaultInjection): void {
    this.faults.add(entry.action, entry.outcome, entry.times);
    this.note({ kind: "fault", at: this.org.now, action: entry.action, outcome: entry.outcome, times: entry.times });
  }

  private applyDisposition(entry: Disposition): void {
    const org = this.org;
    org.now = entry.at;
    const changes: OrgChange[] = [];
    const previous = org.onChange;
    org.onChange = (change) => changes.push(change);
    try {
      org.recordDisposition(entry.contactListId, entry.contactId, entry.wrapupCode, entry.phoneColumn);
      this.note({ kind: "disposition", at: entry.at, changes });
    } catch (error) {
      this.fail(entry.at, `disposition for contact ${entry.contactId}: ${(error as Error).message}`);
    } finally {
      org.onChange = previous;
    }
  }

  private applyNotification(entry: Notification): void {
    this.org.now = entry.at;
    const matched: DeployedTrigger[] = [];
    for (const { trigger, matcher } of this.triggers) {
      try {
        if (trigger.enabled && matcher.matches(entry.topicName, entry.eventBody)) matched.push(trigger);
      } catch (error) {
        this.fail(entry.at, `trigger ${trigger.id} on ${entry.topicName}: ${(error as Error).message}`);
      }
    }
    this.note({
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
      this.agenda.schedule(startsAt, "scheduled", () => this.startRun(trigger, entry.at, startsAt, entry.eventBody));
    }
  }

  private startRun(trigger: DeployedTrigger, eventTime: number, at: number, eventBody: Record<string, unknown>): void {
    const org = this.org;
    org.now = at;
    const conversationId = typeof eventBody.conversationId === "string" ? eventBody.conversationId : undefined;
    const report: RunReport = {
      id: ++this.runCount,
      trigger: trigger.id,
      workflowName: trigger.workflowName,
      eventTime,
      conversationId,
      startedAt: at,
      steps: [],
    };
    this.listener.runStarted?.(report);
    let run: WorkflowRun;
    try {
      const inputs = workflowInputs(trigger.definition, trigger.workflow, eventBody);
      run = new WorkflowRun(trigger.workflow, inputs, {
        org,
        callDataAction: (spec, input) => executeDataAction(spec, input, org, this.faults),
        substitutions: trigger.substitutions,
      });
    } catch (error) {
      report.outcome = { kind: "interpreterError", message: (error as Error).message };
      this.fail(at, `run #${report.id} (${trigger.workflowName}): ${(error as Error).message}`);
      this.listener.runEnded?.(report);
      return;
    }
    this.advance(report, run, false);
  }

  /** Runs a run until it waits or ends, and reports the steps it took. */
  private advance(report: RunReport, run: WorkflowRun, resumed: boolean): void {
    const org = this.org;
    let waitsUntil: number | undefined;
    try {
      waitsUntil = run.advance();
    } catch (error) {
      report.outcome = { kind: "interpreterError", message: error instanceof Error ? error.message : String(error) };
    }
    const steps = run.takeSteps();
    if (this.keepRunSteps) report.steps.push(...steps);
    const interrupted = report.outcome?.kind === "interpreterError";
    if (!interrupted && waitsUntil === undefined) report.outcome = run.outcome;
    this.note({ kind: "run", at: org.now, run: report, resumed, steps, waitsUntil });
    for (const step of steps) {
      if (step.call?.contractViolation) this.fail(step.at, `run #${report.id} "${step.action}": ${step.call.contractViolation}`);
    }
    if (interrupted) {
      this.fail(
        org.now,
        `run #${report.id} (${report.workflowName}): interpreter error: ${(report.outcome as { message: string }).message}`,
      );
    } else if (waitsUntil !== undefined) {
      const resumeAt = waitsUntil;
      this.agenda.schedule(resumeAt, "scheduled", () => {
        org.now = resumeAt;
        this.advance(report, run, true);
      });
      return;
    } else if (run.outcome?.kind === "flowError") {
      this.fail(org.now, `run #${report.id} (${report.workflowName}): flow error: ${run.outcome.message}`);
    }
    this.listener.runEnded?.(report);
  }

  private note(entry: TimelineEntry): void {
    this.listener.timeline?.(entry);
  }

  private fail(at: number, message: string): void {
    this.listener.unexpected?.(message);
    this.note({ kind: "unexpected", at, message });
  }
}

const time = (at: number): string => (Number.isFinite(at) ? new Date(at).toISOString() : "(start)");

/** Replays entries held in memory (any order) and keeps everything: the timeline, every run with its steps. */
export function replay(options: ReplayOptions): ReplayResult {
  const deployment = deploymentOf(options.environment);
  const recordTimeline = options.recordTimeline ?? true;
  const timeline: TimelineEntry[] = [];
  const runs: RunReport[] = [];
  const unexpected: string[] = [];
  const driver = new ReplayDriver({
    deployment,
    snapshot: options.snapshot,
    keepRunSteps: true,
    listener: {
      timeline: (entry) => {
        if (recordTimeline || entry.kind === "unexpected") timeline.push(entry);
      },
      runStarted: (run) => runs.push(run),
      unexpected: (message) => unexpected.push(message),
    },
  });
  const entries = inTimeOrder(options.entries);
  // Nothing runs when one entry is invalid.
  for (const entry of entries) {
    const problem = entryProblem(deployment, entry);
    if (problem) throw new ReplayEntryError(problem);
  }
  for (const entry of entries) driver.add(entry);
  driver.finish();
  return { deployment, org: driver.org, timeline, runs, unexpected };
}
