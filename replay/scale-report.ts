/**
 * The scale replay (npm run replay:scale, cli/replay-scale.ts): replays a synthetic day of previews through the environment's real triggers, workflows and data
 * actions and reports the load: data action calls per preview, peak rows in the retries table, and
 * the headroom against the org limits (config/platform-limits.ts) at the given preview rate.
 *
 * The synthetic dialer: fresh contacts are offered at the given rate, each on its own number; an
 * agent skips an offer with probability --skip-rate, otherwise wraps it up with a code that has no
 * retry policy. A contact the workflows re-queue is offered again 30 s after it is queued, so rows
 * are cleaned up (or not) by the workflows as they would be in the org. Numbers come from a seeded
 * generator: the same arguments give the same report.
 */
import type { EnvironmentConfig } from "../config/schema";
import { PLATFORM_LIMITS } from "../genesys/limits";
import { deploymentOf } from "./deployment";
import { ReplayDriver } from "./driver/replay";
import type { ReplayEntry } from "./input/events";
import { ScaleFigures, type RunOrder } from "./output/scale-figures";
import type { DialerContact, InMemoryOrg, OrgSnapshot } from "./platform/org";

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

/** Progress of a scale replay, for a terminal. */
export type ScaleProgress = (stage: string, entriesDone: number, entries: number) => void;

/**
 * The replay of every offer. Re-offers depend on what the workflows queued, so offers are replayed in
 * generations: the fresh ones, then one re-offer per contact the previous generation queued, until
 * nothing is queued. (Before, every round replayed all offers found so far, from the start.)
 *
 * A generation is replayed on the org the previous ones left: each contact is on its own number, so
 * a contact's re-offer meets exactly the row and call records its earlier offers left, runs do the
 * same steps at the same virtual times as in one replay of all offers, and the figures add up (the
 * peak of rows is counted over all generations in the order of one replay, see ScaleFigures). Only
 * the messages of unexpected failures name runs by their number in one replay: when there are any,
 * all offers are replayed once more, together, for them. __tests__/replay/scale-report.test.ts holds
 * the figures recorded with the replay of all offers.
 */
export function runScale(
  environment: EnvironmentConfig,
  options: ScaleOptions,
  progress?: ScaleProgress,
): { figures: ScaleFigures; offers: number } {
  const draw = random(options.seed);
  const offers = freshOffers(options, draw);
  const deployment = deploymentOf(environment);
  const runOrder: RunOrder = {
    eventPosition: (run) => Number(run.conversationId?.replace("scale-conversation-", "")),
    triggerPosition: (run) => deployment.triggers.findIndex((trigger) => trigger.id === run.trigger),
  };
  const replayOffers = (figures: ScaleFigures, org: InMemoryOrg | undefined, from: number, to: number, stage: string) => {
    // The contacts are made for a new org only (not kept: the org holds its own copies).
    const snapshot = org ? undefined : scaleSnapshot(options.previews);
    const driver = new ReplayDriver({ deployment, snapshot, org, listener: figures.listener });
    const entries = (to - from) * ENTRIES_PER_OFFER;
    let done = 0;
    for (const entry of entriesOf(offers, from, to)) {
      driver.add(entry);
      if (progress && ++done % 5_000 === 0) progress(stage, done, entries);
    }
    driver.finish();
    return driver.org;
  };

  const figures = new ScaleFigures(deployment.tables.retries.name, runOrder);
  const known = new Set<string>();
  let org: InMemoryOrg | undefined;
  let generation = { from: 0, to: offers.length };
  for (let number = 1; generation.to > generation.from && number <= 101; number++) {
    const queuedBefore = org?.dialerQueue.length ?? 0;
    if (org) org.now = 0;
    org = replayOffers(figures, org, generation.from, generation.to, `generation ${number}`);
    for (let index = generation.from; index < generation.to; index++) known.add(`${offers[index].contactIndex}@${offers[index].at}`);
    const reoffers = org.dialerQueue
      .slice(queuedBefore)
      .map((queued) => ({ contactIndex: Number(queued.contactId.replace("scale-contact-", "")), at: queued.at + REOFFER_AFTER }))
      .filter((offer) => !known.has(`${offer.contactIndex}@${offer.at}`));
    generation = { from: offers.length, to: offers.length + reoffers.length };
    for (const offer of reoffers) offers.push({ ...offer, skipped: draw() < options.skipRate });
  }
  figures.finish(org?.dialerQueue.length ?? 0);
  if (figures.unexpected.length === 0) return { figures, offers: offers.length };

  const together = new ScaleFigures(deployment.tables.retries.name, runOrder);
  together.finish(replayOffers(together, undefined, 0, offers.length, "all offers").dialerQueue.length);
  return { figures: together, offers: offers.length };
}

/** The fresh offers, drawing whether each is skipped. */
function freshOffers(options: ScaleOptions, draw: () => number): Offer[] {
  const offers: Offer[] = [];
  const interval = MINUTE / options.previewsPerMinute;
  for (let index = 0; index < options.previews; index++) {
    offers.push({ contactIndex: index, at: START + Math.round(index * interval), skipped: draw() < options.skipRate });
  }
  return offers;
}

/** The org before the replay: one contact per fresh preview. */
export function scaleSnapshot(previews: number): OrgSnapshot {
  const contacts = Array.from({ length: previews }, (_, index): DialerContact => ({
    id: contactId(index),
    contactListId: CONTACT_LIST,
    data: { phone: phoneOf(index), name: `Contact ${index}`, crmId: `crm-${index}` },
  }));
  return { contactLists: { [CONTACT_LIST]: contacts } };
}

/** The entries of the fresh offers alone (a replay input without re-offers, e.g. for a benchmark). */
export function freshOfferEntries(options: ScaleOptions): Generator<ReplayEntry> {
  const offers = freshOffers(options, random(options.seed));
  return entriesOf(offers, 0, offers.length);
}

/** Each offer is a notification (outbound), a disposition, and a notification (user.end). */
const ENTRIES_PER_OFFER = 3;
const ENTRY_OFFSETS = [0, HANDLING - SECOND, HANDLING] as const;

/** The entries of offers [from, to) by time (in offer order at the same time), made one at a time. */
function* entriesOf(offers: readonly Offer[], from: number, to: number): Generator<ReplayEntry> {
  const order = Uint32Array.from({ length: (to - from) * ENTRIES_PER_OFFER }, (_, index) => from * ENTRIES_PER_OFFER + index);
  const timeOf = (index: number) => offers[Math.floor(index / ENTRIES_PER_OFFER)].at + ENTRY_OFFSETS[index % ENTRIES_PER_OFFER];
  order.sort((a, b) => timeOf(a) - timeOf(b) || a - b);
  for (const index of order) yield entryOf(offers, Math.floor(index / ENTRIES_PER_OFFER), index % ENTRIES_PER_OFFER);
}

function entryOf(offers: readonly Offer[], number: number, part: number): ReplayEntry {
  const offer = offers[number];
  const conversationId = conversationOf(number);
  const phone = phoneOf(offer.contactIndex);
  if (part === 0) {
    return {
      kind: "notification",
      at: offer.at,
      topicName: `v2.detail.events.conversation.${conversationId}.outbound`,
      eventBody: {
        conversationId,
        mediaType: "CALLBACK",
        provider: "PureCloud Callback",
        direction: "OUTBOUND",
        eventTime: offer.at,
        addressTo: `tel:${phone}`,
        outboundContactListId: CONTACT_LIST,
        outboundContactId: contactId(offer.contactIndex),
      },
    };
  }
  if (part === 1) {
    return {
      kind: "disposition",
      at: offer.at + HANDLING - SECOND,
      contactListId: CONTACT_LIST,
      contactId: contactId(offer.contactIndex),
      wrapupCode: offer.skipped ? SKIPPED : NOT_RETRIED,
    };
  }
  return {
    kind: "notification",
    at: offer.at + HANDLING,
    topicName: `v2.detail.events.conversation.${conversationId}.user.end`,
    eventBody: {
      conversationId,
      mediaType: "CALLBACK",
      provider: "PureCloud Callback",
      direction: "OUTBOUND",
      eventTime: offer.at + HANDLING,
      disconnectType: "CLIENT",
      callbackNumbers: [phone],
    },
  };
}

export function scaleReport(
  environment: EnvironmentConfig,
  options: ScaleOptions,
  progress?: ScaleProgress,
): { text: string; unexpected: number } {
  const { figures, offers } = runScale(environment, options, progress);
  const headroom = (peak: number, limit: number) =>
    `${peak} of ${limit} (${((peak / limit) * 100).toFixed(1)} % used, headroom ${limit - peak})`;
  const perPreview = figures.calls / offers;
  const lines = [
    `scale replay of environment ${environment.name}: ${options.previews} fresh previews at ${options.previewsPerMinute}/min, skip rate ${options.skipRate}, seed ${options.seed}`,
    `offers incl. re-offers of re-queued contacts: ${offers}; workflow runs: ${figures.runs}; contacts re-queued: ${figures.queued}`,
    `data action calls: ${figures.calls} (${perPreview.toFixed(2)} per offer)`,
    `peak rows in ${figures.retriesTableName}: ${figures.peakRows} of ${PLATFORM_LIMITS.dataTableMaxRows}; rows left at the end: ${figures.rows}`,
    `data action executions, busiest minute: ${headroom(figures.peakCallsPerMinute(), PLATFORM_LIMITS.dataActionExecutionsPerMinute)}`,
    `trigger invocations, busiest minute: ${headroom(figures.peakInvocationsPerMinute(), PLATFORM_LIMITS.triggerInvocationsPerMinute)}`,
    `preview rate the data action limit allows at ${perPreview.toFixed(2)} calls per offer: about ${Math.floor(PLATFORM_LIMITS.dataActionExecutionsPerMinute / perPreview)} offers/min`,
    "runs by exit:",
    ...[...figures.exits.entries()].sort().map(([reason, count]) => `    ${reason}: ${count}`),
    `unexpected failures: ${figures.unexpected.length}`,
    ...figures.unexpected.slice(0, 10).map((message) => `    ${message}`),
  ];
  return { text: `${lines.join("\n")}\n`, unexpected: figures.unexpected.length };
}
