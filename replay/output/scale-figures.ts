/**
 * The figures of a scale replay, counted as the replay runs (nothing of the timeline is kept): runs
 * and their exits, data action calls and trigger invocations per minute, rows in the retries table.
 * A replay may be split in parts (the scale replay's generations of offers): counts add up, and the
 * peak of rows is counted at the end over every row change, in the order of one replay of everything.
 */
import type { ReplayListener, RunReport, TimelineEntry } from "../driver/replay";

const MINUTE = 60_000;

/**
 * Where a run stands in the order runs start in one replay of all entries (its run number): by start
 * time, then by the time of the event that started it (a delayed trigger scheduled it earlier), then
 * by the order of that event in the input, then by trigger.
 */
export interface RunOrder {
  /** The position of the run's event among the events at the same time (e.g. the offer's number). */
  eventPosition(run: RunReport): number;
  triggerPosition(run: RunReport): number;
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
  /** Every insert (+1) and delete (-1) in the retries table: its time, its run's key (RUN_KEY_SIZE numbers), the change. */
  private readonly rowChanges = { at: [] as number[], runKeys: [] as number[], delta: [] as number[] };
  readonly listener: ReplayListener;

  constructor(
    readonly retriesTableName: string,
    private readonly runOrder: RunOrder,
  ) {
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

  /** After the last part: the contacts queued in all parts, and the row count over time. */
  finish(queued: number): void {
    this.queued = queued;
    this.countRows();
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
        this.rowChanges.at.push(step.at);
        this.rowChanges.runKeys.push(...this.runKey(entry.run));
        this.rowChanges.delta.push(change.kind === "rowInserted" ? 1 : -1);
      }
    }
  }

  private runKey(run: RunReport): readonly number[] {
    return [run.startedAt, run.eventTime, this.runOrder.eventPosition(run), this.runOrder.triggerPosition(run)];
  }

  /**
   * The row count over the changes by time, and at the same millisecond by run (in start order) and
   * step: the order the figures have always used. The peak depends on it (an insert and a delete in
   * the same millisecond).
   */
  private countRows(): void {
    const { at, runKeys, delta } = this.rowChanges;
    const order = Array.from(at, (_, index) => index);
    order.sort((a, b) => at[a] - at[b] || compareRunKeys(runKeys, a, b) || a - b);
    for (const index of order) {
      this.rows += delta[index];
      this.peakRows = Math.max(this.peakRows, this.rows);
    }
  }
}

const RUN_KEY_SIZE = 4;

function compareRunKeys(runKeys: readonly number[], a: number, b: number): number {
  for (let index = 0; index < RUN_KEY_SIZE; index++) {
    const difference = runKeys[a * RUN_KEY_SIZE + index] - runKeys[b * RUN_KEY_SIZE + index];
    if (difference !== 0) return difference;
  }
  return 0;
}

function exitOf(run: RunReport): string {
  return run.outcome?.kind === "ended" ? `${run.trigger}: ${run.outcome.exitReason}` : `${run.trigger}: ${run.outcome?.kind}`;
}

function increment<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
