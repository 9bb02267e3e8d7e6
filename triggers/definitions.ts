/**
 * The two Process Automation triggers of the design as data: topic, match criteria, data format,
 * delay. The deployment description fills in the environment's options; constructs render them.
 */
import { TRIGGER_EVENTS, type TriggerEventName } from "../genesys/events";
import type { MatchCriterion, TriggerDataFormat } from "../genesys/process-automation";

export interface TriggerDefinition {
  readonly event: TriggerEventName;
  readonly topicName: string;
  readonly matchCriteria: readonly MatchCriterion[];
  readonly dataFormat: TriggerDataFormat;
  /** Seconds between the matching event and the workflow start (60–900), or undefined for none. */
  readonly delayBySeconds?: number;
}

/** The original design's four criteria of the callback/preview end trigger. */
const END_TRIGGER_BASE_CRITERIA: readonly MatchCriterion[] = [
  { jsonPath: "disconnectType", operator: "Equal", value: "CLIENT" },
  { jsonPath: "mediaType", operator: "Equal", value: "CALLBACK" },
  { jsonPath: "provider", operator: "Equal", value: "PureCloud Callback" },
  { jsonPath: "direction", operator: "Equal", value: "OUTBOUND" },
];

/** Preview contacts are offered as callback conversations: outbound events of other media are not previews. */
export const ACCEPTED_TRIGGER_DEFAULT_CRITERIA: readonly MatchCriterion[] = [
  { jsonPath: "mediaType", operator: "Equal", value: "CALLBACK" },
];

/** Delay of the end trigger when the environment does not set one: the disposition reaches the contact first. */
export const END_TRIGGER_DEFAULT_DELAY_SECONDS = 60;

/** Topics whose event carries the dialer ids the "preview accepted" workflow stores. */
export const ACCEPTED_TOPICS: readonly string[] = Object.values(TRIGGER_EVENTS)
  .filter((event) => "outboundContactId" in event.fields && "outboundContactListId" in event.fields)
  .map((event) => event.topicName);

export interface EndTriggerOptions {
  /** Only callbacks ending in these queues. @default [] (all queues) */
  readonly queueIds?: readonly string[];
  /** @default END_TRIGGER_DEFAULT_DELAY_SECONDS */
  readonly delayBySeconds?: number;
}

export function endTriggerDefinition(options: EndTriggerOptions = {}): TriggerDefinition {
  const queueIds = options.queueIds ?? [];
  return {
    event: "userEnd",
    topicName: TRIGGER_EVENTS.userEnd.topicName,
    matchCriteria: [...END_TRIGGER_BASE_CRITERIA, ...(queueIds.length > 0 ? [inCriterion("queueId", queueIds)] : [])],
    // callbackNumbers is an array: only Json passes it.
    dataFormat: "Json",
    delayBySeconds: options.delayBySeconds ?? END_TRIGGER_DEFAULT_DELAY_SECONDS,
  };
}

export interface AcceptedTriggerOptions {
  /** @default the conversation outbound detail topic */
  readonly topicName?: string;
  /** Replaces ACCEPTED_TRIGGER_DEFAULT_CRITERIA; the campaign scope is still added. @default ACCEPTED_TRIGGER_DEFAULT_CRITERIA */
  readonly matchCriteria?: readonly MatchCriterion[];
  /** Only previews of these campaigns. @default [] (all campaigns) */
  readonly campaignIds?: readonly string[];
  /** @default "Json" */
  readonly dataFormat?: TriggerDataFormat;
}

export function acceptedTriggerDefinition(options: AcceptedTriggerOptions = {}): TriggerDefinition {
  const campaignIds = options.campaignIds ?? [];
  return {
    event: "outbound",
    topicName: options.topicName ?? TRIGGER_EVENTS.outbound.topicName,
    matchCriteria: [
      ...(options.matchCriteria ?? ACCEPTED_TRIGGER_DEFAULT_CRITERIA),
      ...(campaignIds.length > 0 ? [inCriterion("outboundCampaignId", campaignIds)] : []),
    ],
    dataFormat: options.dataFormat ?? "Json",
  };
}

const inCriterion = (jsonPath: string, values: readonly string[]): MatchCriterion => ({ jsonPath, operator: "In", values });
