/**
 * Workflow "preview accepted": started by the accepted trigger (default: the conversation `outbound`
 * detail event, which carries the dialer's contact ids), it records the preview in the retries
 * table — insert, or update keeping `attempts` when the row already belongs to the same contact.
 *
 * With conversation-id keys every offer is a new conversation, so a new row would start at 0 attempts:
 * the inserted row starts with the attempts of the contact's carry row (written by the ended workflow
 * before it re-submits the contact), and the carry row is deleted once the new row holds them.
 */
import { ROW_KEY } from "../data-actions";
import { lit, op, read, refOf, stateVariable, substitution } from "./expressions";
import { fn } from "./functions";
import type { TriggerDataFormat } from "../genesys/process-automation";
import type { ActionList, DataTableLookup, WorkflowDefinition } from "./model";
import {
  EventReader,
  RETRIES_TABLE_REFERENCE,
  callData,
  contactCarryKey,
  correlationKeyOf,
  end,
  endIf,
  fullRowInputs,
  nowText,
  rowKeyInputs,
  type WorkflowOptions,
} from "./common";
import { SUBSTITUTION_KEYS } from "./substitutions";

export interface PreviewAcceptedOptions extends WorkflowOptions {
  /** How the accepted trigger passes the event (trigger `data_format`). */
  readonly dataFormat: TriggerDataFormat;
}

const PREVIEW_ACCEPTED_ID = "preview-accepted";

/** Exit reasons, so tests and docs name them without retyping. */
export const ACCEPTED_EXITS = {
  missingEventFields: "MissingEventFields",
  lookupFailed: "RetriesLookupFailed",
  inserted: "RowInserted",
  insertFailed: "InsertRowFailed",
  insertTimedOut: "InsertRowTimedOut",
  updated: "RowUpdated",
  updateFailed: "UpdateRowFailed",
  updateTimedOut: "UpdateRowTimedOut",
  carryLookupFailed: "CarryLookupFailed",
  insertedWithCarriedAttempts: "RowInsertedWithCarriedAttempts",
  insertWithCarriedAttemptsFailed: "InsertRowWithCarriedAttemptsFailed",
  insertWithCarriedAttemptsTimedOut: "InsertRowWithCarriedAttemptsTimedOut",
  carryDeleteFailed: "RowInsertedCarryDeleteFailed",
  carryDeleteTimedOut: "RowInsertedCarryDeleteTimedOut",
} as const;

/** The exits only conversation-id keys reach: reading and consuming the contact's carry row. */
export const ACCEPTED_CONVERSATION_KEY_ONLY_EXITS: readonly string[] = [
  ACCEPTED_EXITS.carryLookupFailed,
  ACCEPTED_EXITS.insertedWithCarriedAttempts,
  ACCEPTED_EXITS.insertWithCarriedAttemptsFailed,
  ACCEPTED_EXITS.insertWithCarriedAttemptsTimedOut,
  ACCEPTED_EXITS.carryDeleteFailed,
  ACCEPTED_EXITS.carryDeleteTimedOut,
];

export function previewAcceptedWorkflow(options: PreviewAcceptedOptions): WorkflowDefinition {
  const event = new EventReader("outbound", options.dataFormat);
  const v = {
    conversationId: stateVariable("conversationId", "string"),
    contactId: stateVariable("contactId", "string"),
    contactListId: stateVariable("contactListId", "string"),
    correlationKey: stateVariable("correlationKey", "string"),
    rowContactId: stateVariable("rowContactId", "string"),
    rowContactListId: stateVariable("rowContactListId", "string"),
    rowAttempts: stateVariable("rowAttempts", "integer"),
    attempts: stateVariable("attempts", "integer"),
  };
  const carriedAttempts = stateVariable("carriedAttempts", "integer");
  const carriesAttempts = options.correlationKey === "conversationId";

  const row = {
    [ROW_KEY]: read(v.correlationKey),
    contactId: read(v.contactId),
    contactListId: read(v.contactListId),
    conversationId: read(v.conversationId),
    attempts: read(v.attempts),
    updatedAt: nowText(),
  };
  const X = ACCEPTED_EXITS;

  const insertWithoutAttempts = callData(options, "insertRow", {
    name: "Insert row",
    inputs: fullRowInputs({ ...row, attempts: lit.integer(0) }),
    success: [end(X.inserted)],
    failure: [end(X.insertFailed)],
    timeout: [end(X.insertTimedOut)],
  });

  // Insert before deleting the carry row: if the delete fails, the attempts are in both rows, never in none.
  const findCarryRow: DataTableLookup = {
    kind: "dataTableLookup",
    name: "Find carry row",
    table: RETRIES_TABLE_REFERENCE,
    lookupValue: contactCarryKey(read(v.contactListId), read(v.contactId)),
    foundOutputs: { attempts: refOf(carriedAttempts) },
    found: [
      callData(options, "insertRow", {
        name: "Insert row with carried attempts",
        inputs: fullRowInputs({ ...row, attempts: read(carriedAttempts) }),
        success: [
          callData(options, "deleteRow", {
            name: "Delete carry row",
            inputs: rowKeyInputs(contactCarryKey(read(v.contactListId), read(v.contactId))),
            success: [end(X.insertedWithCarriedAttempts)],
            failure: [end(X.carryDeleteFailed)],
            timeout: [end(X.carryDeleteTimedOut)],
          }),
        ],
        failure: [end(X.insertWithCarriedAttemptsFailed)],
        timeout: [end(X.insertWithCarriedAttemptsTimedOut)],
      }),
    ],
    notFound: [insertWithoutAttempts],
    failure: [end(X.carryLookupFailed)],
  };

  const actions: ActionList = [
    {
      kind: "updateData",
      name: "Read event",
      statements: [
        { variable: refOf(v.conversationId), value: event.stringField("conversationId") },
        { variable: refOf(v.contactId), value: event.stringField("outboundContactId") },
        { variable: refOf(v.contactListId), value: event.stringField("outboundContactListId") },
        {
          variable: refOf(v.correlationKey),
          value: correlationKeyOf(options.correlationKey, () => event.stringField("addressTo"), read(v.conversationId)),
        },
      ],
    },
    endIf(
      "Event incomplete?",
      op.or(fn.isNotSetOrEmpty(read(v.contactId)), fn.isNotSetOrEmpty(read(v.contactListId)), fn.isNotSetOrEmpty(read(v.correlationKey))),
      X.missingEventFields,
    ),
    {
      kind: "dataTableLookup",
      name: "Find row",
      table: RETRIES_TABLE_REFERENCE,
      lookupValue: read(v.correlationKey),
      foundOutputs: { contactId: refOf(v.rowContactId), contactListId: refOf(v.rowContactListId), attempts: refOf(v.rowAttempts) },
      found: [
        {
          kind: "decision",
          name: "Same contact?",
          condition: op.and(op.eq(read(v.rowContactId), read(v.contactId)), op.eq(read(v.rowContactListId), read(v.contactListId))),
          yes: [{ kind: "updateData", name: "Keep attempts", statements: [{ variable: refOf(v.attempts), value: read(v.rowAttempts) }] }],
          no: [{ kind: "updateData", name: "Reset attempts", statements: [{ variable: refOf(v.attempts), value: lit.integer(0) }] }],
        },
        callData(options, "updateRow", {
          name: "Update row",
          inputs: fullRowInputs(row),
          success: [end(X.updated)],
          failure: [end(X.updateFailed)],
          timeout: [end(X.updateTimedOut)],
        }),
      ],
      notFound: carriesAttempts ? [findCarryRow] : [insertWithoutAttempts],
      failure: [end(X.lookupFailed)],
    },
  ];

  return {
    id: PREVIEW_ACCEPTED_ID,
    name: substitution(SUBSTITUTION_KEYS.flowName),
    division: substitution(SUBSTITUTION_KEYS.division),
    description: "Preview retries: records an accepted preview (contact, list, conversation) in the retries table. Managed by Terraform.",
    defaultLanguage: "en-us",
    trigger: { event: "outbound", dataFormat: options.dataFormat },
    // Read after the actions are built: the event fields they read decide the inputs.
    variables: event.inputs(),
    startStateRefId: "record_preview",
    states: [
      {
        name: "Record preview",
        refId: "record_preview",
        variables: carriesAttempts ? [...Object.values(v), carriedAttempts] : Object.values(v),
        actions,
      },
    ],
  };
}
