/**
 * The trigger events the workflows read, with their fields derived from the official SDK's event
 * models: `satisfies` makes tsc fail if a field is missing, extra, or of another type than the model.
 */
import type { Models } from "purecloud-platform-client-v2";

export type UserEndEvent = Models.UserEndDetailEventTopicUserEndEvent;
export type OutboundEvent = Models.OutboundDetailEventTopicOutboundInitEvent;

/** JSON type of an event field. */
export type EventFieldType = "string" | "number" | "boolean" | "stringArray";

type FieldTypeOf<V> =
  NonNullable<V> extends string
    ? "string"
    : NonNullable<V> extends number
      ? "number"
      : NonNullable<V> extends boolean
        ? "boolean"
        : NonNullable<V> extends readonly string[]
          ? "stringArray"
          : never;

/** Every field of an SDK event model with its JSON type. */
type EventFields<Event> = { readonly [Field in keyof Required<Event>]: FieldTypeOf<Event[Field]> };

const COMMON_FIELDS = {
  eventTime: "number",
  conversationId: "string",
  participantId: "string",
  sessionId: "string",
  mediaType: "string",
  provider: "string",
  direction: "string",
  ani: "string",
  dnis: "string",
  addressTo: "string",
  addressFrom: "string",
  subject: "string",
  messageType: "string",
  conversationExternalContactIds: "stringArray",
  conversationExternalOrganizationIds: "stringArray",
  utilizationLabel: "string",
} as const;

/** `v2.detail.events.conversation.{id}.user.end` (UserEndDetailEventTopicUserEndEvent). */
export const USER_END_EVENT_FIELDS = {
  ...COMMON_FIELDS,
  disconnectType: "string",
  callbackUserName: "string",
  callbackNumbers: "stringArray",
  callbackScheduledTime: "number",
  userId: "string",
  divisionId: "string",
  queueId: "string",
  interactingDurationMs: "number",
  heldDurationMs: "number",
  alertingDurationMs: "number",
  contactingDurationMs: "number",
  dialingDurationMs: "number",
  callbackDurationMs: "number",
} as const satisfies EventFields<UserEndEvent>;

/** `v2.detail.events.conversation.{id}.outbound` (OutboundDetailEventTopicOutboundInitEvent). */
export const OUTBOUND_EVENT_FIELDS = {
  ...COMMON_FIELDS,
  outboundCampaignId: "string",
  divisionId: "string",
  outboundContactListId: "string",
  outboundContactId: "string",
} as const satisfies EventFields<OutboundEvent>;

export const TRIGGER_EVENTS = {
  userEnd: { topicName: "v2.detail.events.conversation.{id}.user.end", fields: USER_END_EVENT_FIELDS },
  outbound: { topicName: "v2.detail.events.conversation.{id}.outbound", fields: OUTBOUND_EVENT_FIELDS },
} as const satisfies Record<string, { topicName: string; fields: Readonly<Record<string, EventFieldType>> }>;

export type TriggerEventName = keyof typeof TRIGGER_EVENTS;

export function eventFields(event: TriggerEventName): Readonly<Record<string, EventFieldType>> {
  return TRIGGER_EVENTS[event].fields;
}
