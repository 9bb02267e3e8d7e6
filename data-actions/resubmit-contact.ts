import { FLAT_JSON_OBJECT_PATTERN, idInputSchema, JSON_BODY_HEADERS, JSON_SCHEMA_DRAFT_04, type DataActionSpecOptions } from "./options";
import type { DataActionSpecBody } from "./spec";
import { jsonStringInput, translatedValue } from "./velocity";

export const RESUBMIT_CONTACT_INPUTS = {
  contactListId: "contactListId",
  contactId: "contactId",
  /** Get Contact's `contactDataJson`, passed on unchanged. */
  contactDataJson: "contactDataJson",
} as const;

export const RESUBMIT_CONTACT_OUTPUTS = { contactId: "contactId" } as const;

/**
 * Re-queues an existing contact: POST .../contacts with the contact's own id, so the platform updates
 * it instead of adding a duplicate, and its complete data map as read (a partial map would lose columns).
 *
 * doNotQueue is always false: with true, an updated contact keeps its place in the queue, so a contact
 * that was already dialed is not dialed again and the re-submit does nothing. priority and
 * clearSystemData come from the environment (dataActions.resubmit).
 */
export function resubmitContactSpec(options: DataActionSpecOptions): DataActionSpecBody {
  return {
    baseName: "Preview Retries - Resubmit Contact",
    description: "Re-queues an existing outbound contact (same id, complete data map) so the dialer offers it again.",
    endpoint: {
      method: "POST",
      path: "/api/v2/outbound/contactlists/{contactListId}/contacts",
      queryParameters: {
        priority: String(options.resubmit.priority),
        clearSystemData: String(options.resubmit.clearSystemData),
        doNotQueue: "false",
      },
      pathParameterInputs: { contactListId: RESUBMIT_CONTACT_INPUTS.contactListId },
      pathParameterDeploymentValues: {},
      permissions: ["outbound:contact:add"],
    },
    inputContract: {
      $schema: JSON_SCHEMA_DRAFT_04,
      title: "Resubmit Contact input",
      type: "object",
      properties: {
        [RESUBMIT_CONTACT_INPUTS.contactListId]: idInputSchema("Id of the contact list."),
        [RESUBMIT_CONTACT_INPUTS.contactId]: idInputSchema("Id of the existing contact."),
        [RESUBMIT_CONTACT_INPUTS.contactDataJson]: {
          type: "string",
          pattern: FLAT_JSON_OBJECT_PATTERN,
          description:
            "The contact's complete data map as JSON text (Get Contact's contactDataJson): one flat JSON object, inserted as the body's data object.",
        },
      },
      required: Object.values(RESUBMIT_CONTACT_INPUTS),
      additionalProperties: false,
    },
    outputContract: {
      $schema: JSON_SCHEMA_DRAFT_04,
      title: "Resubmit Contact output",
      type: "object",
      properties: { [RESUBMIT_CONTACT_OUTPUTS.contactId]: { type: "string" } },
      required: [RESUBMIT_CONTACT_OUTPUTS.contactId],
      additionalProperties: false,
    },
    request: {
      // data is JSON already (Velocity cannot build a map): it goes in verbatim, which the contract's pattern makes safe — only one flat JSON object passes.
      bodyTemplate:
        `[{"id": ${jsonStringInput(RESUBMIT_CONTACT_INPUTS.contactId)}, ` +
        `"contactListId": ${jsonStringInput(RESUBMIT_CONTACT_INPUTS.contactListId)}, ` +
        `"data": $input.${RESUBMIT_CONTACT_INPUTS.contactDataJson}}]`,
      headers: JSON_BODY_HEADERS,
    },
    response: {
      // The API answers with the array of contacts it stored.
      translationMap: { [RESUBMIT_CONTACT_OUTPUTS.contactId]: "$[0].id" },
      translationMapDefaults: {},
      successTemplate: `{"${RESUBMIT_CONTACT_OUTPUTS.contactId}": ${translatedValue(RESUBMIT_CONTACT_OUTPUTS.contactId)}}`,
    },
    timeoutSeconds: options.timeoutSeconds,
  };
}
