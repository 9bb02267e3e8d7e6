import { idInputSchema, JSON_SCHEMA_DRAFT_04, type DataActionSpecOptions } from "./options";
import type { DataActionSpecBody } from "./spec";
import { translatedValue } from "./velocity";

export const GET_CONTACT_INPUTS = { contactListId: "contactListId", contactId: "contactId" } as const;

export const GET_CONTACT_OUTPUTS = {
  contactId: "contactId",
  contactListId: "contactListId",
  /** Wrap-up of the most recent call record (by lastAttempt); "" when the contact was never dialed. */
  lastResult: "lastResult",
  /** ISO-8601 time of that call record; "" when none. */
  lastAttempt: "lastAttempt",
  /** The contact's complete `data` map as JSON text, to pass unchanged to Resubmit Contact. */
  contactDataJson: "contactDataJson",
} as const;

/** Translation-map names, internal to the action (the flow only sees GET_CONTACT_OUTPUTS). */
const TRANSLATED = {
  contactId: "contactId",
  contactListId: "contactListId",
  contactData: "contactData",
  callRecordResults: "callRecordResults",
  callRecordAttempts: "callRecordAttempts",
} as const;

/**
 * Velocity list of the strings in a translated, compact JSON string array (`["a","b"]` → a, b, each
 * still JSON-escaped). Only methods that Java strings (Genesys) and JavaScript strings (velocityjs)
 * share, with the same meaning: substring, lastIndexOf, and split on a separator without regex
 * metacharacters. `","` cannot occur inside an element, whose quotes are always escaped.
 */
function splitJsonStringArray(target: string, translatedName: string): string {
  const inner = `$${translatedName}.substring(2, $${translatedName}.lastIndexOf('"]'))`;
  return `#set($${target} = [])#if($${translatedName} != "[]")#set($${target} = ${inner}.split('","'))#end`;
}

/*
 * Call records are keyed by phone column; the dialer updates the record of the number it just
 * dialed, so the most recent lastAttempt (ISO-8601 UTC, ordered as text) holds the disposition of the
 * latest preview. With a single phone column there is one record and no comparison happens.
 * Text order through String.compareTo: Java Velocity's `>` is false for anything but numbers
 * (velocity-portability.ts; velocityjs is given compareTo with Java's meaning).
 */
const successTemplate = [
  splitJsonStringArray("attempts", TRANSLATED.callRecordAttempts),
  splitJsonStringArray("results", TRANSLATED.callRecordResults),
  `#set($latestIndex = -1)#set($latestAttempt = "")`,
  `#foreach($attempt in $attempts)#if($latestIndex == -1 || $attempt.compareTo($latestAttempt) > 0)#set($latestIndex = $foreach.index)#set($latestAttempt = $attempt)#end#end`,
  `#set($latestResult = "")`,
  `#foreach($result in $results)#if($foreach.index == $latestIndex)#set($latestResult = $result)#end#end`,
  `{"${GET_CONTACT_OUTPUTS.contactId}": ${translatedValue(TRANSLATED.contactId)}, ` +
    `"${GET_CONTACT_OUTPUTS.contactListId}": ${translatedValue(TRANSLATED.contactListId)}, ` +
    `"${GET_CONTACT_OUTPUTS.lastResult}": "$latestResult", ` +
    `"${GET_CONTACT_OUTPUTS.lastAttempt}": "$latestAttempt", ` +
    `"${GET_CONTACT_OUTPUTS.contactDataJson}": "$esc.jsonString($${TRANSLATED.contactData})"}`,
].join("");

/** Reads an outbound contact: its last disposition and its complete data map. */
export function getContactSpec(options: DataActionSpecOptions): DataActionSpecBody {
  return {
    baseName: "Preview Retries - Get Contact",
    description: "Reads an outbound contact: wrap-up of its most recent call record and its complete data map.",
    endpoint: {
      method: "GET",
      path: "/api/v2/outbound/contactlists/{contactListId}/contacts/{contactId}",
      queryParameters: {},
      pathParameterInputs: { contactListId: GET_CONTACT_INPUTS.contactListId, contactId: GET_CONTACT_INPUTS.contactId },
      pathParameterDeploymentValues: {},
      permissions: ["outbound:contact:view"],
    },
    inputContract: {
      $schema: JSON_SCHEMA_DRAFT_04,
      title: "Get Contact input",
      type: "object",
      properties: {
        [GET_CONTACT_INPUTS.contactListId]: idInputSchema("Id of the contact list."),
        [GET_CONTACT_INPUTS.contactId]: idInputSchema("Id of the contact."),
      },
      required: [GET_CONTACT_INPUTS.contactListId, GET_CONTACT_INPUTS.contactId],
      additionalProperties: false,
    },
    outputContract: {
      $schema: JSON_SCHEMA_DRAFT_04,
      title: "Get Contact output",
      type: "object",
      properties: {
        [GET_CONTACT_OUTPUTS.contactId]: { type: "string" },
        [GET_CONTACT_OUTPUTS.contactListId]: { type: "string" },
        [GET_CONTACT_OUTPUTS.lastResult]: { type: "string", description: "Wrap-up of the most recent call record, empty if none." },
        [GET_CONTACT_OUTPUTS.lastAttempt]: { type: "string", description: "Time of the most recent call record, empty if none." },
        [GET_CONTACT_OUTPUTS.contactDataJson]: { type: "string", description: "The contact's data map as JSON text." },
      },
      required: Object.values(GET_CONTACT_OUTPUTS),
      additionalProperties: false,
    },
    request: { bodyTemplate: "", headers: {} },
    response: {
      translationMap: {
        [TRANSLATED.contactId]: "$.id",
        [TRANSLATED.contactListId]: "$.contactListId",
        [TRANSLATED.contactData]: "$.data",
        [TRANSLATED.callRecordResults]: "$.callRecords.*.lastResult",
        [TRANSLATED.callRecordAttempts]: "$.callRecords.*.lastAttempt",
      },
      // A contact that was never dialed has no callRecords.
      translationMapDefaults: { [TRANSLATED.callRecordResults]: "[]", [TRANSLATED.callRecordAttempts]: "[]" },
      successTemplate,
    },
    timeoutSeconds: options.timeoutSeconds,
  };
}
