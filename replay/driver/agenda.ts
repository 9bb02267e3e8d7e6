/**
 * The replay's virtual clock: tasks by time; at the same time, the input's entries (in input order)
 * before the tasks the replay scheduled itself (trigger starts, resumed waits, in scheduling order).
 */
import { Heap } from "./heap";

export type TaskOrigin = "input" | "scheduled";

interface Task {
  readonly at: number;
  /** 0 for input entries, 1 for scheduled tasks. */
  readonly rank: number;
  readonly sequence: number;
  readonly run: () => void;
}

export class Agenda {
  private readonly tasks = new Heap<Task>(
    (a, b) => a.at < b.at || (a.at === b.at && (a.rank < b.rank || (a.rank === b.rank && a.sequence < b.sequence))),
  );
  private sequence = 0;

  schedule(at: number, origin: TaskOrigin, run: () => void): void {
    this.tasks.push({ at, rank: origin === "input" ? 0 : 1, sequence: this.sequence++, run });
  }

  /** Time of the next task, if any. */
  peekTime(): number | undefined {
    return this.tasks.peek()?.at;
  }

  next(): { readonly at: number; readonly run: () => void } | undefined {
    return this.tasks.pop();
  }
}
