/**
 * npm run replay:scale [-- --env example --previews 10000 --skip-rate 0.3 --previews-per-minute 100 --seed 1]
 *
 * Replays a synthetic day of previews through the environment's real triggers, workflows and data
 * actions and reports the load: data action calls per preview, peak rows in the retries table, and
 * the headroom against the org limits (config/platform-limits.ts) at the given preview rate.
 *
 * The synthetic dialer: fresh contacts are offered at the given rate, each on its own number; an
 * agent skips an offer with probability --skip-rate, otherwise wraps it up with a code that has no
 * retry policy. A contact the workflows re-queue is offered again 30 s after it is queued, so rows
 * are cleaned up (or not) by the workflows as they would be in the org. Numbers come from a seeded
 * generator: the same arguments give the same report.
 */
import { parseArgs } from "node:util";
import { loadEnvironments } from "../config/load";
import type { EnvironmentConfig } from "../config/schema";
import { PLATFORM_LIMITS } from "../genesys/limits";
import type { ReplayEntry } from "./events";
import type { DialerContact } from "./org";
import { replay, type ReplayResult } from "./replay";

export interface ScaleOptions {
  readonly previews: number;
  readonly skipRate: number;
  readonly previewsPerMinute: number;
  readonly seed: number;
}

const MINUTE = 60_000;
const SECOND = 1_000;
const START = Date.parse("2026-03-02T08:00:00Z");
const CONTACT_LIST = "scale-contact-list";
const SKIPPED = "ININ-OUTBOUND-PREVIEW-SKIPPED";
const NOT_RETRIED = "Scale - Not retried";
/** Agent handling time between the offer and the end of the preview callback. */
const HANDLING = 30 * SECOND;
/** Time the dialer takes to offer a re-queued contact again. */
const REOFFER_AFTER = 30 * SECOND;

/** mulberry32: a small seeded generator, so reports are reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Offer {
  readonly contactIndex: number;
  readonly at: number;
  readonly skipped: boolean;
}

const contactId = (index: number) => `scale-contact-${index}`;
const phoneOf = (index: number) => `+1555${String(1_000_000 + index).padStart(7, "0")}`;
const conversationOf = (offer: number) => `scale-conversation-${offer}`;

/**
 * One replay of offers. Re-offers depend on what the workflows queued, so the replay runs in rounds:
 * each round adds an offer for every contact queued in the previous round, until nothing is queued.
 */
export function runScale(environment: EnvironmentConfig, options: ScaleOptions): { result: ReplayResult; offers: number } {
  const draw = random(options.seed);
  const offers: Offer[] = [];
  const interval = MINUTE / options.previewsPerMinute;
  for (let index = 0; index < options.previews; index++) {
    offers.push({ contactIndex: index, at: START + Math.round(index * interval), skipped: draw() < options.skipRate });
  }
  const contacts: DialerContact[] = Array.from({ length: options.previews }, (_, index) => ({
    id: contactId(index),
    contactListId: CONTACT_LIST,
    data: { phone: phoneOf(index), name: `Contact ${index}`, crmId: `crm-${index}` },
  }));
  for (let round = 0; ; round++) {
    const result = replay({
      environment,
      entries: entriesOf(offers),
      snapshot: { contactLists: { [CONTACT_LIST]: contacts } },
      recordTimeline: false,
    });
    const known = new Set(offers.map((offer) => `${offer.contactIndex}@${offer.at}`));
    const reoffers = result.org.dialerQueue
      .map((queued) => ({ contactIndex: Number(queued.contactId.replace("scale-contact-", "")), at: queued.at + REOFFER_AFTER }))
      .filter((offer) => !known.has(`${offer.contactIndex}@${offer.at}`));
    if (reoffers.length === 0 || round > 100) return { result, offers: offers.length };
    for (const offer of reoffers) offers.push({ ...offer, skipped: draw() < options.skipRate });
  }
}

function entriesOf(offers: readonly Offer[]): ReplayEntry[] {
  const entries: ReplayEntry[] = [];
  offers.forEach((offer, number) => {
    const conversationId = conversationOf(number);
    const phone = phoneOf(offer.contactIndex);
    const common = { conversationId, mediaType: "CALLBACK", provider: "PureCloud Callback", direction: "OUTBOUND" };
    entries.push({
      kind: "notification",
      at: offer.at,
      topicName: `v2.detail.events.conversation.${conversationId}.outbound`,
      eventBody: {
        ...common,
        eventTime: offer.at,
        addressTo: `tel:${phone}`,
        outboundContactListId: CONTACT_LIST,
        outboundContactId: contactId(offer.contactIndex),
      },
    });
    entries.push({
      kind: "disposition",
      at: offer.at + HANDLING - SECOND,
      contactListId: CONTACT_LIST,
      contactId: contactId(offer.contactIndex),
      wrapupCode: offer.skipped ? SKIPPED : NOT_RETRIED,
    });
    entries.push({
      kind: "notification",
      at: offer.at + HANDLING,
      topicName: `v2.detail.events.conversation.${conversationId}.user.end`,
      eventBody: { ...common, eventTime: offer.at + HANDLING, disconnectType: "CLIENT", callbackNumbers: [phone] },
    });
  });
  return entries.sort((a, b) => (a.kind === "fault" || b.kind === "fault" ? 0 : a.at - b.at));
}

/** Highest count of times falling into one calendar minute. */
function peakPerMinute(times: readonly number[]): number {
  const perMinute = new Map<number, number>();
  for (const at of times) perMinute.set(Math.floor(at / MINUTE), (perMinute.get(Math.floor(at / MINUTE)) ?? 0) + 1);
  return Math.max(0, ...perMinute.values());
}

export function scaleReport(environment: EnvironmentConfig, options: ScaleOptions): { text: string; unexpected: number } {
  const { result, offers } = runScale(environment, options);
  const steps = result.runs.flatMap((run) => run.steps);
  const callTimes = steps.filter((step) => step.call).map((step) => step.at);
  const rowChanges = steps
    .flatMap((step) => step.changes.map((change) => ({ at: step.at, change })))
    .filter(({ change }) => "table" in change && change.table === result.deployment.retriesTableName)
    .sort((a, b) => a.at - b.at);
  let rows = 0;
  let peakRows = 0;
  for (const { change } of rowChanges) {
    if (change.kind === "rowInserted") rows++;
    if (change.kind === "rowDeleted") rows--;
    peakRows = Math.max(peakRows, rows);
  }
  const exits = new Map<string, number>();
  for (const run of result.runs) {
    const reason = run.outcome?.kind === "ended" ? `${run.trigger}: ${run.outcome.exitReason}` : `${run.trigger}: ${run.outcome?.kind}`;
    exits.set(reason, (exits.get(reason) ?? 0) + 1);
  }
  const peakCalls = peakPerMinute(callTimes);
  const peakInvocations = peakPerMinute(result.runs.map((run) => run.startedAt));
  const headroom = (peak: number, limit: number) =>
    `${peak} of ${limit} (${((peak / limit) * 100).toFixed(1)} % used, headroom ${limit - peak})`;
  const perPreview = callTimes.length / offers;
  const lines = [
    `scale replay of environment ${environment.name}: ${options.previews} fresh previews at ${options.previewsPerMinute}/min, skip rate ${options.skipRate}, seed ${options.seed}`,
    `offers incl. re-offers of re-queued contacts: ${offers}; workflow runs: ${result.runs.length}; contacts re-queued: ${result.org.dialerQueue.length}`,
    `data action calls: ${callTimes.length} (${perPreview.toFixed(2)} per offer)`,
    `peak rows in ${result.deployment.retriesTableName}: ${peakRows} of ${PLATFORM_LIMITS.dataTableMaxRows}; rows left at the end: ${rows}`,
    `data action executions, busiest minute: ${headroom(peakCalls, PLATFORM_LIMITS.dataActionExecutionsPerMinute)}`,
    `trigger invocations, busiest minute: ${headroom(peakInvocations, PLATFORM_LIMITS.triggerInvocationsPerMinute)}`,
    `preview rate the data action limit allows at ${perPreview.toFixed(2)} calls per offer: about ${Math.floor(PLATFORM_LIMITS.dataActionExecutionsPerMinute / perPreview)} offers/min`,
    "runs by exit:",
    ...[...exits.entries()].sort().map(([reason, count]) => `    ${reason}: ${count}`),
    `unexpected failures: ${result.unexpected.length}`,
    ...result.unexpected.slice(0, 10).map((message) => `    ${message}`),
  ];
  return { text: `${lines.join("\n")}\n`, unexpected: result.unexpected.length };
}

if (require.main === module) {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      env: { type: "string", default: "example" },
      previews: { type: "string", default: "10000" },
      "skip-rate": { type: "string", default: "0.3" },
      "previews-per-minute": { type: "string", default: "100" },
      seed: { type: "string", default: "1" },
    },
  });
  const options: ScaleOptions = {
    previews: Number(values.previews),
    skipRate: Number(values["skip-rate"]),
    previewsPerMinute: Number(values["previews-per-minute"]),
    seed: Number(values.seed),
  };
  const invalid = Object.entries(options).find(([, value]) => !Number.isFinite(value) || value < 0);
  const environment = loadEnvironments().find((candidate) => candidate.name === values.env);
  if (invalid || !environment || options.skipRate > 1 || options.previewsPerMinute === 0) {
    process.stderr.write(invalid ? `--${invalid[0]} must be a non-negative number\n` : `invalid arguments (environment "${values.env}")\n`);
    process.exitCode = 2;
  } else {
    const report = scaleReport(environment, options);
    process.stdout.write(report.text);
    process.exitCode = report.unexpected === 0 ? 0 : 1;
  }
}
