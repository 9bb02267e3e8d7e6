/**
 * The order the replay takes entries in: by time, in input order at the same time; a fault takes
 * the time of the entry before it in the input (it applies to the calls after that entry).
 *
 * Inputs are roughly in time order, but not exactly (notifications arrive late; a scenario may list a
 * wrap-up before an earlier event). A streamed input is put in order through a window as long as its
 * latest entry is late (`Lateness`, measured in a first pass), so memory grows with that disorder only.
 */
import { Heap } from "../driver/heap";
import type { ReplayEntry } from "./events";

/** Effective times of entries in input order. */
export class EntryClock {
  private last = Number.NEGATIVE_INFINITY;
  private latest = Number.NEGATIVE_INFINITY;
  /** The most an entry's time is before the time of an entry above it, in milliseconds. */
  lateness = 0;

  timeOf(entry: ReplayEntry): number {
    if (entry.kind !== "fault") this.last = entry.at;
    const at = entry.kind === "fault" ? this.last : entry.at;
    if (Number.isFinite(at)) {
      if (at < this.latest) this.lateness = Math.max(this.lateness, this.latest - at);
      this.latest = Math.max(this.latest, at);
    }
    return at;
  }
}

/** Entries held in memory, in the order the replay takes them. */
export function inTimeOrder(entries: Iterable<ReplayEntry>): ReplayEntry[] {
  const clock = new EntryClock();
  const timed = [...entries].map((entry, index) => ({ entry, at: clock.timeOf(entry), index }));
  return timed.sort((a, b) => a.at - b.at || a.index - b.index).map(({ entry }) => entry);
}

interface Pending {
  readonly entry: ReplayEntry;
  readonly at: number;
  readonly index: number;
}

/**
 * Streamed entries in the order the replay takes them, given how late entries come at most (from a
 * first pass over the same input): an entry is released once no later line can come before it.
 */
export async function* inTimeOrderStreamed(entries: AsyncIterable<ReplayEntry>, lateness: number): AsyncGenerator<ReplayEntry> {
  const clock = new EntryClock();
  const pending = new Heap<Pending>((a, b) => a.at < b.at || (a.at === b.at && a.index < b.index));
  let latest = Number.NEGATIVE_INFINITY;
  let index = 0;
  for await (const entry of entries) {
    const at = clock.timeOf(entry);
    if (Number.isFinite(at)) latest = Math.max(latest, at);
    pending.push({ entry, at, index: index++ });
    // Every later line is at latest - lateness or after.
    for (let next = pending.peek(); next && next.at <= latest - lateness; next = pending.peek()) yield (pending.pop() as Pending).entry;
  }
  for (let next = pending.pop(); next; next = pending.pop()) yield next.entry;
}
