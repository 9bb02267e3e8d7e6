/**
 * The Architect expression functions the workflows use: a small, explicit set with signatures.
 * Each one is either in the vendored catalog (reference/architect-expression-functions.txt) or a
 * JSON function documented by Genesys (DOCUMENTED_JSON_FUNCTIONS); the linter checks both.
 */
import type { Expression, FunctionCall, ValueType } from "./model";

/** A parameter accepts one of these types; "any" accepts every type. */
type ParameterType = readonly ValueType[] | "any";

export interface FunctionSignature {
  readonly parameters: readonly ParameterType[];
  /** Result type from the argument types (some functions return the type of an argument). */
  readonly result: (argumentTypes: readonly ValueType[]) => ValueType;
}

const returns =
  (type: ValueType): FunctionSignature["result"] =>
  () =>
    type;
const INTEGER_LIKE: readonly ValueType[] = ["integer"];

export const ARCHITECT_FUNCTIONS = {
  IsSet: { parameters: ["any"], result: returns("boolean") },
  IsNotSetOrEmpty: { parameters: ["any"], result: returns("boolean") },
  ToString: { parameters: ["any"], result: returns("string") },
  ToInt: { parameters: [["string", "integer", "decimal", "boolean", "duration"]], result: returns("integer") },
  ToPhoneNumber: { parameters: [["string", "phoneNumber"]], result: returns("phoneNumber") },
  MakeDuration: { parameters: [INTEGER_LIKE, INTEGER_LIKE, INTEGER_LIKE, INTEGER_LIKE], result: returns("duration") },
  GetCurrentDateTimeUtc: { parameters: [], result: returns("dateTime") },
  ToDateTime: { parameters: [["string"]], result: returns("dateTime") },
  AddSeconds: { parameters: [["dateTime"], INTEGER_LIKE], result: returns("dateTime") },
  If: { parameters: [["boolean"], "any", "any"], result: (types) => types[1] },
  Count: { parameters: [["jsonCollection"]], result: returns("integer") },
  GetAt: { parameters: [["jsonCollection"], INTEGER_LIKE], result: returns("json") },
  GetJsonObjectProperty: { parameters: [["json"], ["string"]], result: returns("json") },
  ToJsonCollection: { parameters: [["json"]], result: returns("jsonCollection") },
} as const satisfies Record<string, FunctionSignature>;

export type ArchitectFunctionName = keyof typeof ARCHITECT_FUNCTIONS;

/**
 * JSON functions missing from the (older) catalog, with where Genesys documents or uses them.
 * help.mypurecloud.com/articles/json-values-in-architect documents JsonParse, ToJson, ToJsonCollection
 * and GetJsonObjectProperty; blueprints use GetJsonObjectProperty in published workflows.
 */
export const DOCUMENTED_JSON_FUNCTIONS: Readonly<Record<string, string>> = {
  GetJsonObjectProperty:
    "help.mypurecloud.com/articles/json-values-in-architect; GenesysCloudBlueprints/process-automation-trigger-with-salesforce (Conversation Summary.yaml)",
  ToJsonCollection: "help.mypurecloud.com/articles/json-values-in-architect",
  JsonParse: "help.mypurecloud.com/articles/json-values-in-architect",
  ToJson: "help.mypurecloud.com/articles/json-values-in-architect",
};

const call = (fn: ArchitectFunctionName, ...args: Expression[]): FunctionCall => ({ kind: "call", fn, args });

/** Typed constructors, one per function: the only way the workflows build calls. */
export const fn = {
  isSet: (value: Expression) => call("IsSet", value),
  isNotSetOrEmpty: (value: Expression) => call("IsNotSetOrEmpty", value),
  toString: (value: Expression) => call("ToString", value),
  toInt: (value: Expression) => call("ToInt", value),
  toPhoneNumber: (value: Expression) => call("ToPhoneNumber", value),
  /** MakeDuration(days, hours, minutes, seconds). */
  makeDuration: (days: Expression, hours: Expression, minutes: Expression, seconds: Expression) =>
    call("MakeDuration", days, hours, minutes, seconds),
  getCurrentDateTimeUtc: () => call("GetCurrentDateTimeUtc"),
  /** ToDateTime(text): parses an ISO-8601 date-time. */
  toDateTime: (text: Expression) => call("ToDateTime", text),
  addSeconds: (dateTime: Expression, seconds: Expression) => call("AddSeconds", dateTime, seconds),
  if: (condition: Expression, whenTrue: Expression, whenFalse: Expression) => call("If", condition, whenTrue, whenFalse),
  count: (collection: Expression) => call("Count", collection),
  getAt: (collection: Expression, index: Expression) => call("GetAt", collection, index),
  getJsonObjectProperty: (json: Expression, property: Expression) => call("GetJsonObjectProperty", json, property),
  toJsonCollection: (json: Expression) => call("ToJsonCollection", json),
} as const;
