/**
 * Building blocks both workflows share: reading the trigger's event, the correlation key (one
 * phone-number normalization for both sides), data action and table references, ends.
 */
import { ROW_KEY, type DataActionKey, type DataActionSpecs } from "../data-actions";
import type { TRIGGER_EVENTS, TriggerEventName } from "../genesys/events";
import type { TriggerDataFormat } from "../genesys/process-automation";
import { POLICY_TABLE, RETRIES_TABLE, type CorrelationKey, type RetriesColumn } from "../tables/definitions";
import { flowVariable, lit, op, read, e164 } from "./expressions";
import { fn } from "./functions";
import type { CallData, DataActionReference, DataTableReference, Decision, EndWorkflow, Expression, VariableDeclaration } from "./model";
import { SUBSTITUTION_KEYS, dataActionNameKey } from "./substitutions";

/** Options both workflow builders take. */
export interface WorkflowOptions {
  /** What identifies a preview in the retries table (environment `correlationKey`). */
  readonly correlationKey: CorrelationKey;
  /** The data action specifications (data-actions/): names, inputs and outputs come from them. */
  readonly dataActions: DataActionSpecs;
}

/** Seconds Architect waits for a data action (the action's own platform timeout is in its spec). */
const CALL_DATA_TIMEOUT_SECONDS = 60;

/** The input variable the Json data format fills with the whole event. */
const JSON_DATA = flowVariable("jsonData", "json", { isInput: true });

type FieldsOf<Event extends TriggerEventName> = (typeof TRIGGER_EVENTS)[Event]["fields"];
/** Names of the string fields of an event. */
export type StringFieldOf<Event extends TriggerEventName> = {
  [Field in keyof FieldsOf<Event>]: FieldsOf<Event>[Field] extends "string" ? Field : never;
}[keyof FieldsOf<Event>] &
  string;

/**
 * Reads fields of the trigger's event: with Json through Flow.jsonData, with TopLevelPrimitives
 * through one input variable per field (declared on first use).
 */
export class EventReader<Event extends TriggerEventName> {
  private readonly declared = new Map<string, VariableDeclaration>();

  constructor(
    readonly event: Event,
    readonly dataFormat: TriggerDataFormat,
  ) {
    if (dataFormat === "Json") this.declared.set(JSON_DATA.name, JSON_DATA);
  }

  /** A string field of the event. */
  stringField(field: StringFieldOf<Event>): Expression {
    if (this.dataFormat === "Json") return fn.toString(fn.getJsonObjectProperty(read(JSON_DATA), lit.string(field)));
    const variable = this.declared.get(field) ?? flowVariable(field, "string", { isInput: true });
    this.declared.set(field, variable);
    return read(variable);
  }

  /** The Flow input variables the fields read so far need. */
  inputs(): VariableDeclaration[] {
    return [...this.declared.values()];
  }
}

/**
 * The one phone-number normalization of both workflows: E.164 as Architect's phone number type
 * parses it (`ToPhoneNumber("tel:+1317...")` and `"+1317..."` give the same `.e164`).
 */
export function normalizedPhoneNumber(raw: Expression): Expression {
  return e164(fn.toPhoneNumber(raw));
}

/**
 * `callbackNumbers` of a user.end event delivered as Json, as a collection. How Architect indexes a
 * JSON array is unverified (docs/workflows.md); this uses only documented functions:
 * ToJsonCollection, then Count / GetAt.
 */
export function callbackNumbers(): Expression {
  return fn.toJsonCollection(fn.getJsonObjectProperty(read(JSON_DATA), lit.string("callbackNumbers")));
}

export function firstCallbackNumber(): Expression {
  return fn.toString(fn.getAt(callbackNumbers(), lit.integer(0)));
}

/** The correlation key of an event: the normalized phone number, or the conversation id. */
export function correlationKeyOf(mode: CorrelationKey, phoneNumber: () => Expression, conversationId: Expression): Expression {
  return mode === "phoneNumber" ? normalizedPhoneNumber(phoneNumber()) : conversationId;
}

/**
 * Key of a contact's carry row (conversation-id keys only): the row of the retries table that holds the
 * contact's claimed attempts from one conversation's end to the next offer's start. The prefix keeps it
 * apart from conversation ids; list ids are UUIDs (no ":"), so list and contact id cannot run together.
 */
export function contactCarryKey(contactListId: Expression, contactId: Expression): Expression {
  return op.plus(op.plus(op.plus(lit.string("contact:"), contactListId), lit.string(":")), contactId);
}

export const end = (exitReason: string): EndWorkflow => ({ kind: "endWorkflow", name: `End: ${exitReason}`, exitReason });

/** A decision that ends the run with `exitReason` when `condition` holds, and otherwise goes on. */
export const endIf = (name: string, condition: Expression, exitReason: string): Decision => ({
  kind: "decision",
  name,
  condition,
  yes: [end(exitReason)],
  no: [],
});

function dataActionReference(options: WorkflowOptions, action: DataActionKey): DataActionReference {
  return { spec: options.dataActions[action], categoryKey: SUBSTITUTION_KEYS.dataActionCategory, nameKey: dataActionNameKey(action) };
}

export const RETRIES_TABLE_REFERENCE: DataTableReference = { definition: RETRIES_TABLE, nameKey: SUBSTITUTION_KEYS.retriesTableName };
export const POLICY_TABLE_REFERENCE: DataTableReference = { definition: POLICY_TABLE, nameKey: SUBSTITUTION_KEYS.policyTableName };

/** Inputs of Insert Row / Update Row: every field of the row (typed by the table's columns). The table is fixed in the actions' URL. */
export function fullRowInputs(row: Readonly<Record<RetriesColumn | typeof ROW_KEY, Expression>>): Record<string, Expression> {
  return { ...row };
}

export function rowKeyInputs(key: Expression): Record<string, Expression> {
  return { [ROW_KEY]: key };
}

/** Call Data Action with every path given explicitly. */
export function callData(
  options: WorkflowOptions,
  action: DataActionKey,
  props: Pick<CallData, "name" | "inputs" | "success" | "failure" | "timeout"> & Partial<Pick<CallData, "successOutputs">>,
): CallData {
  return {
    kind: "callData",
    dataAction: dataActionReference(options, action),
    successOutputs: {},
    failureOutputs: {},
    timeoutSeconds: CALL_DATA_TIMEOUT_SECONDS,
    ...props,
  };
}

/**
 * How much earlier than the row's `updatedAt` (written when the preview was accepted) a call record's
 * `lastAttempt` may be and still count as this preview's disposition: allows for the accepted
 * workflow starting up to a minute after the offer. A previous attempt of the same contact is always
 * older than that, since a re-submit comes at least the end trigger delay (>= 60 s) plus the wait
 * (>= 1 s) after the previous preview ended.
 */
export const DISPOSITION_CLOCK_MARGIN_SECONDS = 60;

/** Current time as stored in the `updatedAt` column. */
export const nowText = (): Expression => fn.toString(fn.getCurrentDateTimeUtc());
