/**
 * The figures of a scale replay, counted as the replay runs (nothing of the timeline is kept): runs
 * and their exits, data action calls and trigger invocations per minute, rows in the retries table.
 */
import type { ReplayListener, RunReport, TimelineEntry } from "../driver/replay";
import type { InMemoryOrg } from "../platform/org";

const MINUTE = 60_000;

/** A change of the retries table's row count, and where it happened. */
interface RowCountChange {
  readonly runId: number;
  readonly delta: 1 | -1;
}

export class ScaleFigures {
  runs = 0;
  calls = 0;
  queued = 0;
  rows = 0;
  peakRows = 0;
  readonly exits = new Map<string, number>();
  readonly unexpected: string[] = [];
  private readonly callsPerMinute = new Map<number, number>();
  private readonly invocationsPerMinute = new Map<number, number>();
  /** Row count changes at `pendingAt`, counted once the clock moves on (see `countRows`). */
  private pendingRows: RowCountChange[] = [];
  private pendingAt = Number.NEGATIVE_INFINITY;
  readonly listener: ReplayListener;

  constructor(readonly retriesTableName: string) {
    this.listener = {
      timeline: (entry) => this.entry(entry),
      runStarted: (run) => {
        this.runs++;
        increment(this.invocationsPerMinute, Math.floor(run.startedAt / MINUTE));
      },
      runEnded: (run) => increment(this.exits, exitOf(run)),
      unexpected: (message) => this.unexpected.push(message),
    };
  }

  finish(org: InMemoryOrg): void {
    this.countRows();
    this.queued = org.dialerQueue.length;
  }

  peakCallsPerMinute(): number {
    return Math.max(0, ...this.callsPerMinute.values());
  }

  peakInvocationsPerMinute(): number {
    return Math.max(0, ...this.invocationsPerMinute.values());
  }

  private entry(entry: TimelineEntry): void {
    if (entry.kind !== "run") return;
    for (const step of entry.steps) {
      if (step.call) {
        this.calls++;
        increment(this.callsPerMinute, Math.floor(step.at / MINUTE));
      }
      for (const change of step.changes) {
        if (!("table" in change) || change.table !== this.retriesTableName) continue;
        if (change.kind !== "rowInserted" && change.kind !== "rowDeleted") continue;
        if (step.at !== this.pendingAt) this.countRows();
        this.pendingAt = step.at;
        this.pendingRows.push({ runId: entry.run.id, delta: change.kind === "rowInserted" ? 1 : -1 });
      }
    }
  }

  /**
   * The peak is counted over the changes ordered by time, and at the same millisecond by run (in
   * start order) and step: the order the figures have always used, whatever order the runs took.
   */
  private countRows(): void {
    const changes = this.pendingRows.sort((a, b) => a.runId - b.runId);
    for (const change of changes) {
      this.rows += change.delta;
      this.peakRows = Math.max(this.peakRows, this.rows);
    }
    this.pendingRows = [];
  }
}

function exitOf(run: RunReport): string {
  return run.outcome?.kind === "ended" ? `${run.trigger}: ${run.outcome.exitReason}` : `${run.trigger}: ${run.outcome?.kind}`;
}

function increment<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
