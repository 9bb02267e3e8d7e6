/**
 * Workflow "preview ended": started by the callback/preview end trigger (user.end, delivered as Json
 * because `callbackNumbers` is an array). It finds the tracked preview, reads the contact's last
 * wrap-up, applies the wrap-up policy and the attempt cap, waits, and re-submits the contact.
 *
 * Idempotency (triggers can fire twice): the row's `conversationId` is the preview whose end is still
 * to be handled. Before waiting, the workflow claims the row — `attempts + 1` and `conversationId`
 * cleared — so a second run for the same conversation finds a different conversationId and ends with
 * AlreadyHandled. The attempt is recorded when claimed, so a re-submit that fails still counts
 * (the cap errs on the side of fewer calls). Two runs that read the row before either claims it
 * can both proceed: data tables have no compare-and-set; the trigger delay makes that rare.
 *
 * Attempt cap with conversation-id keys: the next offer of a re-submitted contact is a new conversation
 * with a new row, so before re-submitting, the workflow writes the claimed attempts to the contact's
 * carry row (key: contactCarryKey), which the accepted workflow reads into the next conversation's row.
 * The carry row is written before the re-submit because the re-offer can start the accepted workflow
 * as soon as the contact is queued. When retries stop, the contact's carry row is deleted if one is left.
 */
import { GET_CONTACT_INPUTS, GET_CONTACT_OUTPUTS, RESUBMIT_CONTACT_INPUTS, ROW_KEY } from "../data-actions";
import { lit, op, read, refOf, stateVariable, substitution } from "./expressions";
import { fn } from "./functions";
import type { Action, ActionList, DataTableLookup, WorkflowDefinition } from "./model";
import {
  EventReader,
  POLICY_TABLE_REFERENCE,
  RETRIES_TABLE_REFERENCE,
  callData,
  callbackNumbers,
  contactCarryKey,
  correlationKeyOf,
  end,
  endIf,
  firstCallbackNumber,
  fullRowInputs,
  nowText,
  DISPOSITION_CLOCK_MARGIN_SECONDS,
  rowKeyInputs,
  type WorkflowOptions,
} from "./common";
import { SUBSTITUTION_KEYS } from "./substitutions";

const PREVIEW_ENDED_ID = "preview-ended";

export const ENDED_EXITS = {
  noCallbackNumber: "NoCallbackNumber",
  missingCorrelationKey: "MissingCorrelationKey",
  notTracked: "NotTracked",
  lookupFailed: "RetriesLookupFailed",
  alreadyHandled: "AlreadyHandled",
  getContactFailed: "GetContactFailed",
  getContactTimedOut: "GetContactTimedOut",
  noWrapup: "NoWrapupYet",
  dispositionTimeUnknown: "DispositionTimeUnknown",
  dispositionNotRecorded: "DispositionNotRecordedYet",
  policyLookupFailed: "PolicyLookupFailed",
  notEligible: "NotEligible",
  notEligibleDeleteFailed: "NotEligibleDeleteFailed",
  notEligibleDeleteTimedOut: "NotEligibleDeleteTimedOut",
  maxAttempts: "MaxAttemptsReached",
  maxAttemptsDeleteFailed: "MaxAttemptsDeleteFailed",
  maxAttemptsDeleteTimedOut: "MaxAttemptsDeleteTimedOut",
  claimFailed: "ClaimFailed",
  claimTimedOut: "ClaimTimedOut",
  resubmitted: "Resubmitted",
  resubmitFailed: "ResubmitFailed",
  resubmitTimedOut: "ResubmitTimedOut",
  resubmittedDeleteFailed: "ResubmittedDeleteFailed",
  resubmittedDeleteTimedOut: "ResubmittedDeleteTimedOut",
  carryLookupFailed: "CarryLookupFailed",
  carryUpdateFailed: "CarryUpdateFailed",
  carryUpdateTimedOut: "CarryUpdateTimedOut",
  carryInsertFailed: "CarryInsertFailed",
  carryInsertTimedOut: "CarryInsertTimedOut",
  notEligibleCarryRowDeleted: "NotEligibleCarryRowDeleted",
  notEligibleCarryLookupFailed: "NotEligibleCarryLookupFailed",
  notEligibleCarryDeleteFailed: "NotEligibleCarryDeleteFailed",
  notEligibleCarryDeleteTimedOut: "NotEligibleCarryDeleteTimedOut",
  maxAttemptsCarryRowDeleted: "MaxAttemptsReachedCarryRowDeleted",
  maxAttemptsCarryLookupFailed: "MaxAttemptsCarryLookupFailed",
  maxAttemptsCarryDeleteFailed: "MaxAttemptsCarryDeleteFailed",
  maxAttemptsCarryDeleteTimedOut: "MaxAttemptsCarryDeleteTimedOut",
} as const;

/** The exits only phone-number keys reach. */
export const ENDED_PHONE_KEY_ONLY_EXITS: readonly string[] = [ENDED_EXITS.noCallbackNumber];

/** The exits only conversation-id keys reach: deleting the handled row after a re-submit, and the carry row. */
export const ENDED_CONVERSATION_KEY_ONLY_EXITS: readonly string[] = [
  ENDED_EXITS.resubmittedDeleteFailed,
  ENDED_EXITS.resubmittedDeleteTimedOut,
  ENDED_EXITS.carryLookupFailed,
  ENDED_EXITS.carryUpdateFailed,
  ENDED_EXITS.carryUpdateTimedOut,
  ENDED_EXITS.carryInsertFailed,
  ENDED_EXITS.carryInsertTimedOut,
  ENDED_EXITS.notEligibleCarryRowDeleted,
  ENDED_EXITS.notEligibleCarryLookupFailed,
  ENDED_EXITS.notEligibleCarryDeleteFailed,
  ENDED_EXITS.notEligibleCarryDeleteTimedOut,
  ENDED_EXITS.maxAttemptsCarryRowDeleted,
  ENDED_EXITS.maxAttemptsCarryLookupFailed,
  ENDED_EXITS.maxAttemptsCarryDeleteFailed,
  ENDED_EXITS.maxAttemptsCarryDeleteTimedOut,
];

/** How a run that stops retrying the contact ends, per outcome of its deletes. */
interface StopRetryingExits {
  readonly done: string;
  readonly deleteFailed: string;
  readonly deleteTimedOut: string;
  /** Conversation-id keys: a carry row was left and is deleted too. */
  readonly carryRowDeleted: string;
  readonly carryLookupFailed: string;
  readonly carryDeleteFailed: string;
  readonly carryDeleteTimedOut: string;
}

export function previewEndedWorkflow(options: WorkflowOptions): WorkflowDefinition {
  const event = new EventReader("userEnd", "Json");
  const v = {
    conversationId: stateVariable("conversationId", "string"),
    correlationKey: stateVariable("correlationKey", "string"),
    rowContactId: stateVariable("rowContactId", "string"),
    rowContactListId: stateVariable("rowContactListId", "string"),
    rowConversationId: stateVariable("rowConversationId", "string"),
    rowAttempts: stateVariable("rowAttempts", "integer"),
    rowUpdatedAt: stateVariable("rowUpdatedAt", "string"),
    lastResult: stateVariable("lastResult", "string"),
    lastAttempt: stateVariable("lastAttempt", "string"),
    contactDataJson: stateVariable("contactDataJson", "string"),
    waitTime: stateVariable("waitTime", "integer"),
    maxAttempts: stateVariable("maxAttempts", "integer"),
  };
  const X = ENDED_EXITS;

  const carriesAttempts = options.correlationKey === "conversationId";
  const carryKey = contactCarryKey(read(v.rowContactListId), read(v.rowContactId));
  // What the claim records, and (conversation-id keys) what the carry row hands to the next offer.
  const claimedAttempts = op.plus(read(v.rowAttempts), lit.integer(1));

  const deleteRow = (name: string, success: Action, failureReason: string, timeoutReason: string) =>
    callData(options, "deleteRow", {
      name,
      inputs: rowKeyInputs(read(v.correlationKey)),
      success: [success],
      failure: [end(failureReason)],
      timeout: [end(timeoutReason)],
    });

  // Looked up first: a DELETE of a missing row fails (404), which would end the run as a failure.
  const deleteCarryRowIfLeft = (label: string, exits: StopRetryingExits): DataTableLookup => ({
    kind: "dataTableLookup",
    name: `Find carry row (${label})`,
    table: RETRIES_TABLE_REFERENCE,
    lookupValue: carryKey,
    foundOutputs: {},
    found: [
      callData(options, "deleteRow", {
        name: `Delete carry row (${label})`,
        inputs: rowKeyInputs(carryKey),
        success: [end(exits.carryRowDeleted)],
        failure: [end(exits.carryDeleteFailed)],
        timeout: [end(exits.carryDeleteTimedOut)],
      }),
    ],
    notFound: [end(exits.done)],
    failure: [end(exits.carryLookupFailed)],
  });

  const stopRetrying = (label: string, exits: StopRetryingExits): Action =>
    deleteRow(
      `Delete row (${label})`,
      carriesAttempts ? deleteCarryRowIfLeft(label, exits) : end(exits.done),
      exits.deleteFailed,
      exits.deleteTimedOut,
    );

  const carryRowInputs = fullRowInputs({
    [ROW_KEY]: carryKey,
    contactId: read(v.rowContactId),
    contactListId: read(v.rowContactListId),
    conversationId: lit.string(""),
    attempts: claimedAttempts,
    updatedAt: nowText(),
  });
  // An upsert: the accepted workflow deletes the carry row it reads, but one can be left (a failed delete).
  const writeCarryRow: DataTableLookup = {
    kind: "dataTableLookup",
    name: "Find carry row",
    table: RETRIES_TABLE_REFERENCE,
    lookupValue: carryKey,
    foundOutputs: {},
    found: [
      callData(options, "updateRow", {
        name: "Update carry row",
        inputs: carryRowInputs,
        success: [],
        failure: [end(X.carryUpdateFailed)],
        timeout: [end(X.carryUpdateTimedOut)],
      }),
    ],
    notFound: [
      callData(options, "insertRow", {
        name: "Insert carry row",
        inputs: carryRowInputs,
        success: [],
        failure: [end(X.carryInsertFailed)],
        timeout: [end(X.carryInsertTimedOut)],
      }),
    ],
    failure: [end(X.carryLookupFailed)],
  };

  // With conversation ids as keys the next offer is a new conversation and a new row: this one is done.
  const afterResubmit: ActionList = carriesAttempts
    ? [deleteRow("Delete handled row", end(X.resubmitted), X.resubmittedDeleteFailed, X.resubmittedDeleteTimedOut)]
    : [end(X.resubmitted)];

  const hasCallbackNumber: ActionList =
    options.correlationKey === "phoneNumber"
      ? [
          {
            kind: "decision",
            name: "Has callback number?",
            condition: op.gt(fn.count(callbackNumbers()), lit.integer(0)),
            yes: [],
            no: [end(X.noCallbackNumber)],
          },
        ]
      : [];

  const actions: ActionList = [
    ...hasCallbackNumber,
    {
      kind: "updateData",
      name: "Read event",
      statements: [
        { variable: refOf(v.conversationId), value: event.stringField("conversationId") },
        { variable: refOf(v.correlationKey), value: correlationKeyOf(options.correlationKey, firstCallbackNumber, read(v.conversationId)) },
      ],
    },
    endIf(
      "Key missing?",
      op.or(fn.isNotSetOrEmpty(read(v.correlationKey)), fn.isNotSetOrEmpty(read(v.conversationId))),
      X.missingCorrelationKey,
    ),
    {
      kind: "dataTableLookup",
      name: "Find tracked preview",
      table: RETRIES_TABLE_REFERENCE,
      lookupValue: read(v.correlationKey),
      foundOutputs: {
        contactId: refOf(v.rowContactId),
        contactListId: refOf(v.rowContactListId),
        conversationId: refOf(v.rowConversationId),
        attempts: refOf(v.rowAttempts),
        updatedAt: refOf(v.rowUpdatedAt),
      },
      found: [],
      notFound: [end(X.notTracked)],
      failure: [end(X.lookupFailed)],
    },
    endIf("Already handled?", op.ne(read(v.rowConversationId), read(v.conversationId)), X.alreadyHandled),
    callData(options, "getContact", {
      name: "Get contact",
      inputs: {
        [GET_CONTACT_INPUTS.contactListId]: read(v.rowContactListId),
        [GET_CONTACT_INPUTS.contactId]: read(v.rowContactId),
      },
      successOutputs: {
        [GET_CONTACT_OUTPUTS.lastResult]: refOf(v.lastResult),
        [GET_CONTACT_OUTPUTS.lastAttempt]: refOf(v.lastAttempt),
        [GET_CONTACT_OUTPUTS.contactDataJson]: refOf(v.contactDataJson),
      },
      success: [],
      failure: [end(X.getContactFailed)],
      timeout: [end(X.getContactTimedOut)],
    }),
    endIf("No wrap-up yet?", fn.isNotSetOrEmpty(read(v.lastResult)), X.noWrapup),
    // The contact's call record may still hold an earlier attempt's result when the agent wraps up
    // after the trigger delay: then it says nothing about this preview, and acting on it could
    // re-queue a contact that was just completed. Only a record from this preview's time counts.
    endIf(
      "Disposition time unknown?",
      op.or(fn.isNotSetOrEmpty(read(v.lastAttempt)), fn.isNotSetOrEmpty(read(v.rowUpdatedAt))),
      X.dispositionTimeUnknown,
    ),
    endIf(
      "Disposition older than this preview?",
      op.lt(
        fn.toDateTime(read(v.lastAttempt)),
        fn.addSeconds(fn.toDateTime(read(v.rowUpdatedAt)), lit.integer(-DISPOSITION_CLOCK_MARGIN_SECONDS)),
      ),
      X.dispositionNotRecorded,
    ),
    {
      kind: "dataTableLookup",
      name: "Find wrap-up policy",
      table: POLICY_TABLE_REFERENCE,
      lookupValue: read(v.lastResult),
      foundOutputs: { waitTime: refOf(v.waitTime), maxAttempts: refOf(v.maxAttempts) },
      found: [],
      notFound: [
        stopRetrying("not eligible", {
          done: X.notEligible,
          deleteFailed: X.notEligibleDeleteFailed,
          deleteTimedOut: X.notEligibleDeleteTimedOut,
          carryRowDeleted: X.notEligibleCarryRowDeleted,
          carryLookupFailed: X.notEligibleCarryLookupFailed,
          carryDeleteFailed: X.notEligibleCarryDeleteFailed,
          carryDeleteTimedOut: X.notEligibleCarryDeleteTimedOut,
        }),
      ],
      failure: [end(X.policyLookupFailed)],
    },
    {
      kind: "decision",
      name: "Attempts used up?",
      condition: op.ge(read(v.rowAttempts), read(v.maxAttempts)),
      yes: [
        stopRetrying("attempts used up", {
          done: X.maxAttempts,
          deleteFailed: X.maxAttemptsDeleteFailed,
          deleteTimedOut: X.maxAttemptsDeleteTimedOut,
          carryRowDeleted: X.maxAttemptsCarryRowDeleted,
          carryLookupFailed: X.maxAttemptsCarryLookupFailed,
          carryDeleteFailed: X.maxAttemptsCarryDeleteFailed,
          carryDeleteTimedOut: X.maxAttemptsCarryDeleteTimedOut,
        }),
      ],
      no: [],
    },
    callData(options, "updateRow", {
      name: "Claim retry",
      inputs: fullRowInputs({
        [ROW_KEY]: read(v.correlationKey),
        contactId: read(v.rowContactId),
        contactListId: read(v.rowContactListId),
        conversationId: lit.string(""),
        attempts: claimedAttempts,
        updatedAt: nowText(),
      }),
      success: [],
      failure: [end(X.claimFailed)],
      timeout: [end(X.claimTimedOut)],
    }),
    {
      kind: "wait",
      name: "Wait policy time",
      duration: fn.makeDuration(lit.integer(0), lit.integer(0), lit.integer(0), read(v.waitTime)),
      trimDurationNearMaxRunningTime: true,
    },
    ...(carriesAttempts ? [writeCarryRow] : []),
    callData(options, "resubmitContact", {
      name: "Resubmit contact",
      inputs: {
        [RESUBMIT_CONTACT_INPUTS.contactListId]: read(v.rowContactListId),
        [RESUBMIT_CONTACT_INPUTS.contactId]: read(v.rowContactId),
        [RESUBMIT_CONTACT_INPUTS.contactDataJson]: read(v.contactDataJson),
      },
      success: afterResubmit,
      failure: [end(X.resubmitFailed)],
      timeout: [end(X.resubmitTimedOut)],
    }),
  ];

  return {
    id: PREVIEW_ENDED_ID,
    name: substitution(SUBSTITUTION_KEYS.flowName),
    division: substitution(SUBSTITUTION_KEYS.division),
    description:
      "Preview retries: re-submits a closed or skipped preview contact after its wrap-up policy's wait time. Managed by Terraform.",
    defaultLanguage: "en-us",
    trigger: { event: "userEnd", dataFormat: "Json" },
    variables: event.inputs(),
    startStateRefId: "handle_end",
    states: [{ name: "Handle preview end", refId: "handle_end", variables: Object.values(v), actions }],
  };
}
