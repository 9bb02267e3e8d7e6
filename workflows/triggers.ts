/**
 * The two Process Automation triggers as data: topic, match criteria, data format, delay. The
 * criteria are emitted in the exact text the provider reads back, so plans stay empty after apply.
 */
import type { TriggersConfig } from "../config/schema";
import { TRIGGER_EVENTS, type TriggerEventName } from "./events";
import type { TriggerDataFormat } from "./model";

/** Operators of the trigger API's MatchCriteria (shared/reference/genesys-platform.md §2.1). */
export type MatchOperator =
  | "Equal"
  | "NotEqual"
  | "In"
  | "NotIn"
  | "Exists"
  | "GreaterThan"
  | "GreaterThanOrEqual"
  | "LessThan"
  | "LessThanOrEqual"
  | "Contains"
  | "All"
  | "Size";

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One criterion: `value` or `values`, never both (the API rejects both). */
export type MatchCriterion =
  | { readonly jsonPath: string; readonly operator: MatchOperator; readonly value: JsonValue }
  | { readonly jsonPath: string; readonly operator: "In" | "NotIn" | "All"; readonly values: readonly JsonValue[] };

export interface TriggerDefinition {
  readonly event: TriggerEventName;
  readonly topicName: string;
  readonly matchCriteria: readonly MatchCriterion[];
  readonly dataFormat: TriggerDataFormat;
  /** Seconds between the matching event and the workflow start (60–900), or undefined for none. */
  readonly delayBySeconds?: number;
}

/** The original design's four criteria of the callback/preview end trigger. */
export const END_TRIGGER_BASE_CRITERIA: readonly MatchCriterion[] = [
  { jsonPath: "disconnectType", operator: "Equal", value: "CLIENT" },
  { jsonPath: "mediaType", operator: "Equal", value: "CALLBACK" },
  { jsonPath: "provider", operator: "Equal", value: "PureCloud Callback" },
  { jsonPath: "direction", operator: "Equal", value: "OUTBOUND" },
];

/** Preview contacts are offered as callback conversations: outbound events of other media are not previews. */
export const ACCEPTED_TRIGGER_DEFAULT_CRITERIA: readonly MatchCriterion[] = [
  { jsonPath: "mediaType", operator: "Equal", value: "CALLBACK" },
];

export interface EndTriggerOptions {
  /** Only callbacks ending in these queues. @default [] (all queues) */
  readonly queueIds?: readonly string[];
  readonly delayBySeconds: number;
}

export function endTriggerDefinition(options: EndTriggerOptions): TriggerDefinition {
  const queueIds = options.queueIds ?? [];
  return {
    event: "userEnd",
    topicName: TRIGGER_EVENTS.userEnd.topicName,
    matchCriteria: [...END_TRIGGER_BASE_CRITERIA, ...(queueIds.length > 0 ? [inCriterion("queueId", queueIds)] : [])],
    // callbackNumbers is an array: only Json passes it.
    dataFormat: "Json",
    delayBySeconds: options.delayBySeconds,
  };
}

export interface AcceptedTriggerOptions {
  /** @default the conversation outbound detail topic */
  readonly topicName?: string;
  /** Replaces ACCEPTED_TRIGGER_DEFAULT_CRITERIA; the campaign scope is still added. */
  readonly matchCriteria?: readonly MatchCriterion[];
  /** Only previews of these campaigns. @default [] (all campaigns) */
  readonly campaignIds?: readonly string[];
  readonly dataFormat: TriggerDataFormat;
}

export function acceptedTriggerDefinition(options: AcceptedTriggerOptions): TriggerDefinition {
  const campaignIds = options.campaignIds ?? [];
  return {
    event: "outbound",
    topicName: options.topicName ?? TRIGGER_EVENTS.outbound.topicName,
    matchCriteria: [
      ...(options.matchCriteria ?? ACCEPTED_TRIGGER_DEFAULT_CRITERIA),
      ...(campaignIds.length > 0 ? [inCriterion("outboundCampaignId", campaignIds)] : []),
    ],
    dataFormat: options.dataFormat,
  };
}

type ConfiguredCriterion = NonNullable<TriggersConfig["accepted"]["matchCriteria"]>[number];

/** A criterion from the config (validated: exactly one of value/values) as the model's union. */
export function configuredMatchCriterion(criterion: ConfiguredCriterion): MatchCriterion {
  const { jsonPath, operator } = criterion;
  if (criterion.values !== undefined) {
    if (operator !== "In" && operator !== "NotIn" && operator !== "All") {
      throw new Error(`trigger criterion on "${jsonPath}": operator ${operator} takes a value, not values`);
    }
    return { jsonPath, operator, values: criterion.values as JsonValue[] };
  }
  return { jsonPath, operator, value: criterion.value as JsonValue };
}

const inCriterion = (jsonPath: string, values: readonly string[]): MatchCriterion => ({ jsonPath, operator: "In", values });

/**
 * `match_criteria` as the provider stores it after reading the trigger back: it unmarshals the API's
 * matchCriteria into Go maps and re-marshals them with encoding/json, i.e. compact, object keys
 * sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped (MyPureCloud/terraform-provider-genesyscloud
 * genesyscloud/process_automation_trigger/process_automations_triggers_struct.go, NewProcessAutomationFromPayload).
 */
export function matchCriteriaText(criteria: readonly MatchCriterion[]): string {
  return goJsonMarshal(criteria as unknown as JsonValue);
}

/** Go encoding/json.Marshal of a value decoded into interface{} (maps marshal with sorted keys). */
export function goJsonMarshal(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return goJsonString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be marshalled to JSON`);
    return JSON.stringify(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(goJsonMarshal).join(",")}]`;
  const object = value as { readonly [key: string]: JsonValue };
  const keys = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort(compareUtf8);
  return `{${keys.map((key) => `${goJsonString(key)}:${goJsonMarshal(object[key])}`).join(",")}}`;
}

/** Go sorts map keys by their UTF-8 bytes. */
function compareUtf8(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, "utf8"), Buffer.from(right, "utf8"));
}

const GO_SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function goJsonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (GO_SHORT_ESCAPES[char]) out += GO_SHORT_ESCAPES[char];
    else if (code < 0x20 || char === "<" || char === ">" || char === "&" || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    } else out += char;
  }
  return `${out}"`;
}
