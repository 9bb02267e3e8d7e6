import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReplayEntry } from "../../../replay/input/events";
import { EntryClock, inTimeOrder, inTimeOrderStreamed } from "../../../replay/input/time-order";

const disposition = (at: number, contactId: string): ReplayEntry => ({
  kind: "disposition",
  at,
  contactListId: "list",
  contactId,
  wrapupCode: "code",
});
const fault = (action: string): ReplayEntry => ({ kind: "fault", action, outcome: "timeout", times: 1 });

async function streamed(entries: readonly ReplayEntry[]): Promise<ReplayEntry[]> {
  const clock = new EntryClock();
  for (const entry of entries) clock.timeOf(entry);
  async function* source() {
    yield* entries;
  }
  const out: ReplayEntry[] = [];
  for await (const entry of inTimeOrderStreamed(source(), clock.lateness)) out.push(entry);
  return out;
}

describe("the order the replay takes entries in", () => {
  it("GIVEN entries out of order THEN by time, in input order at the same time, a fault at the time of the entry above it", () => {
    const entries = [disposition(20, "a"), fault("f1"), disposition(10, "b"), disposition(20, "c"), fault("f2")];
    expect(inTimeOrder(entries)).toEqual([entries[2], entries[0], entries[1], entries[3], entries[4]]);
  });

  it("GIVEN a file read as a stream THEN the same order as when the whole input is sorted, for any disorder", async () => {
    const entry = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 50 }).map((at) => disposition(at, `c${at}`)) },
      { weight: 1, arbitrary: fc.constantFrom("f1", "f2").map(fault) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 40 }), async (generated) => {
        // Every entry distinguishable, so a swap of two equal-looking entries shows.
        const entries = generated.map((entry, index) =>
          entry.kind === "fault" ? { ...entry, action: `${entry.action}-${index}` } : { ...entry, contactId: `c${index}` },
        );
        expect(await streamed(entries)).toEqual(inTimeOrder(entries));
      }),
    );
  });

  it("GIVEN entries in time order THEN lateness is 0 and nothing waits", () => {
    const clock = new EntryClock();
    for (const entry of [disposition(1, "a"), fault("f"), disposition(1, "b"), disposition(5, "c")]) clock.timeOf(entry);
    expect(clock.lateness).toBe(0);
  });
});
