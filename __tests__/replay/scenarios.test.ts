/**
 * Scenarios replayed through the deployed workflow models, trigger definitions and data action
 * specifications. Assertions are facts about the org afterwards (dialer queue, rows, contact data)
 * and the runs' exit reasons; expected values come from the scenario files, not from the replay.
 */
import { describe, expect, it } from "vitest";
import { loadEnvironments } from "../../config/load";
import type { EnvironmentConfig } from "../../config/schema";
import type { CorrelationKey } from "../../tables/definitions";
import { validateEnvironments } from "../../config/validate";
import { orgNames } from "../../deployment/names";
import { ACCEPTED_EXITS } from "../../workflows/preview-accepted";
import { ENDED_EXITS } from "../../workflows/preview-ended";
import type { ReplayResult } from "../../replay/driver/replay";
import { formatTimeline } from "../../replay/output/timeline";
import { dataActionCalls, exitReasons, originalContacts, replayScenario } from "./support/scenarios";

const SKIPPED = "ININ-OUTBOUND-PREVIEW-SKIPPED";
const WAIT_SECONDS = 240;
const MAX_ATTEMPTS = 2;
const END_DELAY_SECONDS = 60;
const PREFIX = "scn_";
const KEY_KINDS: readonly CorrelationKey[] = ["conversationId", "phoneNumber"];
/** Org snapshots of the published user.end sample, by key kind. */
const SAMPLE_ORG: Record<CorrelationKey, string> = { conversationId: "sample-user-end", phoneNumber: "sample-user-end.phone-keys" };

function scenarioEnvironment(correlationKey: CorrelationKey): EnvironmentConfig {
  const [environment] = validateEnvironments([
    {
      name: "scenario",
      region: "us-east-1",
      namePrefix: PREFIX,
      correlationKey,
      endTriggerDelaySeconds: END_DELAY_SECONDS,
      wrapupPolicies: [{ wrapupCode: SKIPPED, waitTimeSeconds: WAIT_SECONDS, maxAttempts: MAX_ATTEMPTS }],
    },
  ]);
  return environment;
}

/** The contact list of every scenario file. */
const LIST_ID = "5f0e8a3c-6b1d-4c2e-9a7f-1d2c3b4a5e60";
const ANA = { id: "a0000000-0000-4000-8000-00000000a001", phone: "+15555551234" };
const BEN = { id: "b0000000-0000-4000-8000-00000000b002", phone: "+15555559876" };
/** Time of the first user.end in the scenario files (T0 + 31 s). */
const FIRST_END = Date.parse("2026-03-02T09:00:31Z");

/**
 * Key of the row that tracks a contact after its re-submission: its phone number, or with conversation
 * ids (each offer is a new conversation) the contact's carry row "contact:<list id>:<contact id>" (docs/workflows.md).
 */
function rowKeyAfterResubmit(correlationKey: CorrelationKey, contact: typeof ANA): string {
  return correlationKey === "phoneNumber" ? contact.phone : `contact:${LIST_ID}:${contact.id}`;
}
function retriesRows(result: ReplayResult) {
  const table = result.org.tableByName(orgNames(PREFIX).retriesTable);
  if (!table) throw new Error("the retries table is missing");
  return table.rows;
}

function expectContactDataUnchanged(result: ReplayResult, scenario: string, contactId: string) {
  const original = originalContacts(scenario).find((contact) => contact.id === contactId);
  const now = result.org.allContacts().find((contact) => contact.id === contactId);
  expect(original?.data).toBeDefined();
  expect(now?.data).toEqual(original?.data);
  // Same keys in the same order: the re-submit passes the map through untouched.
  expect(Object.keys(now?.data ?? {})).toEqual(Object.keys(original?.data ?? {}));
}

describe.each(KEY_KINDS)("replay scenarios with %s keys", (correlationKey) => {
  const environment = scenarioEnvironment(correlationKey);

  it("skip → wait → re-submitted once, with the contact's data intact", () => {
    const result = replayScenario("skip-resubmit", environment);
    expect(result.unexpected).toEqual([]);
    expect(exitReasons(result, "accepted")).toEqual([ACCEPTED_EXITS.inserted]);
    expect(exitReasons(result, "ended")).toEqual([ENDED_EXITS.resubmitted]);
    expect(result.org.dialerQueue).toEqual([
      { contactListId: expect.any(String), contactId: ANA.id, priority: true, at: FIRST_END + (END_DELAY_SECONDS + WAIT_SECONDS) * 1000 },
    ]);
    expectContactDataUnchanged(result, "skip-resubmit", ANA.id);
    expect(retriesRows(result).get(rowKeyAfterResubmit(correlationKey, ANA))).toMatchObject({
      contactId: ANA.id,
      attempts: 1,
      conversationId: "",
    });
  });

  it("skipped again and again → re-submitted maxAttempts times, then the row is gone", () => {
    const result = replayScenario("skip-until-max-attempts", environment);
    expect(result.unexpected).toEqual([]);
    // Phone keys find the contact's row again; conversation ids are new per offer and take over the carry row.
    const later = correlationKey === "phoneNumber" ? ACCEPTED_EXITS.updated : ACCEPTED_EXITS.insertedWithCarriedAttempts;
    expect(exitReasons(result, "accepted")).toEqual([ACCEPTED_EXITS.inserted, later, later]);
    expect(exitReasons(result, "ended")).toEqual([ENDED_EXITS.resubmitted, ENDED_EXITS.resubmitted, ENDED_EXITS.maxAttempts]);
    expect(result.org.dialerQueue.map((queued) => queued.contactId)).toEqual(Array(MAX_ATTEMPTS).fill(ANA.id));
    expect(retriesRows(result).size).toBe(0);
    expectContactDataUnchanged(result, "skip-until-max-attempts", ANA.id);
  });

  it("a wrap-up recorded after the trigger delay → the earlier attempt's skip is not acted on, no second re-submit", () => {
    const result = replayScenario("late-wrapup", environment);
    expect(result.unexpected).toEqual([]);
    expect(exitReasons(result, "ended")).toEqual([ENDED_EXITS.resubmitted, ENDED_EXITS.dispositionNotRecorded]);
    expect(result.org.dialerQueue.map((queued) => queued.contactId)).toEqual([ANA.id]);
    // The sale that arrived late is on the contact; nothing re-queued it.
    const ana = result.org.allContacts().find((contact) => contact.id === ANA.id);
    expect(Object.values(ana?.callRecords ?? {}).map((record) => record.lastResult)).toEqual(["Sale completed"]);
  });

  it("a wrap-up without a policy → no retry, the row is gone", () => {
    const result = replayScenario("wrapup-not-in-policy", environment);
    expect(result.unexpected).toEqual([]);
    expect(exitReasons(result, "ended")).toEqual([ENDED_EXITS.notEligible]);
    expect(result.org.dialerQueue).toEqual([]);
    expect(retriesRows(result).size).toBe(0);
  });

  it("a callback that was never a tracked preview → nothing is called or changed", () => {
    const result = replayScenario("untracked-callback", environment);
    expect(result.unexpected).toEqual([]);
    expect(exitReasons(result, "ended")).toEqual([ENDED_EXITS.notTracked]);
    expect(exitReasons(result, "accepted")).toEqual([]);
    expect(dataActionCalls(result)).toEqual([]);
    expect(result.org.dialerQueue).toEqual([]);
    expect(retriesRows(result).size).toBe(0);
  });

  it("the same user.end delivered twice → one re-submission", () => {
    const result = replayScenario("duplicate-user-end", environment);
    expect(result.unexpected).toEqual([]);
    expect(exitReasons(result, "ended").sort()).toEqual([ENDED_EXITS.alreadyHandled, ENDED_EXITS.resubmitted].sort());
    expect(result.org.dialerQueue.map((queued) => queued.contactId)).toEqual([ANA.id]);
    expect(retriesRows(result).get(rowKeyAfterResubmit(correlationKey, ANA))).toMatchObject({ attempts: 1 });
  });

  it("a Get Contact timeout → no retry, and the run says why", () => {
    const result = replayScenario("get-contact-timeout", environment);
    expect(result.unexpected).toEqual([]);
    expect(exitReasons(result, "ended")).toEqual([ENDED_EXITS.getContactTimedOut]);
    expect(result.org.dialerQueue).toEqual([]);
    const getContact = dataActionCalls(result).find((call) => call.actionId === result.deployment.specs.getContact.id);
    expect(getContact).toMatchObject({ injectedFault: "timeout", result: { outcome: "timeout" } });
    expect(formatTimeline(result)).toContain(`ended: ${ENDED_EXITS.getContactTimedOut}`);
  });

  it("two contacts with different numbers, interleaved → each handled on its own", () => {
    const result = replayScenario("two-contacts-interleaved", environment);
    expect(result.unexpected).toEqual([]);
    expect(exitReasons(result, "ended")).toEqual([ENDED_EXITS.resubmitted, ENDED_EXITS.resubmitted]);
    expect(result.org.dialerQueue.map((queued) => queued.contactId).sort()).toEqual([ANA.id, BEN.id].sort());
    for (const contact of [ANA, BEN]) {
      expectContactDataUnchanged(result, "two-contacts-interleaved", contact.id);
      expect(retriesRows(result).get(rowKeyAfterResubmit(correlationKey, contact))).toMatchObject({ contactId: contact.id, attempts: 1 });
    }
    // The two runs overlap in time: Ben's run starts while Ana's waits.
    const [anaRun, benRun] = result.runs.filter((run) => run.trigger === "ended");
    const anaResubmit = anaRun.steps[anaRun.steps.length - 2].at;
    expect(benRun.startedAt).toBeLessThan(anaResubmit);
  });

  it("the published user.end sample against the repository's example environment → re-submitted", () => {
    const example = loadEnvironments({}).find((candidate) => candidate.name === "example");
    if (!example) throw new Error("config/environments.ts has no example environment");
    // The org snapshot holds the row the accepted workflow wrote, under the key of this key kind.
    const result = replayScenario("sample-user-end", { ...example, correlationKey }, SAMPLE_ORG[correlationKey]);
    expect(result.unexpected).toEqual([]);
    expect(exitReasons(result, "ended")).toEqual([ENDED_EXITS.resubmitted]);
    expect(result.org.dialerQueue.map((queued) => queued.contactId)).toEqual(["6c1f8e2a-93b4-4d7e-a0c5-2f9b8d7e6a51"]);
    expectContactDataUnchanged(result, "sample-user-end", "6c1f8e2a-93b4-4d7e-a0c5-2f9b8d7e6a51");
  });
});
