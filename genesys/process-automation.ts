/**
 * Process Automation trigger vocabulary: match-criteria operators, the criterion shape, the data
 * formats a trigger can deliver its event in, and the text form in which the provider stores
 * `match_criteria` after reading a trigger back.
 */

/** Operators of the trigger API's MatchCriteria (Process Automation triggers API reference, MatchCriteria.operator). */
export const MATCH_OPERATORS = [
  "Equal",
  "NotEqual",
  "In",
  "NotIn",
  "Exists",
  "GreaterThan",
  "GreaterThanOrEqual",
  "LessThan",
  "LessThanOrEqual",
  "Contains",
  "All",
  "Size",
] as const;
export type MatchOperator = (typeof MATCH_OPERATORS)[number];

/** The operators that take a list (`values`); every other operator takes one `value`. */
export const LIST_OPERATORS = ["In", "NotIn", "All"] as const satisfies readonly MatchOperator[];
export type ListOperator = (typeof LIST_OPERATORS)[number];

export function isListOperator(operator: MatchOperator): operator is ListOperator {
  return (LIST_OPERATORS as readonly string[]).includes(operator);
}

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One criterion: `value` or `values`, never both (the API rejects both). */
export type MatchCriterion =
  | { readonly jsonPath: string; readonly operator: MatchOperator; readonly value: JsonValue }
  | { readonly jsonPath: string; readonly operator: ListOperator; readonly values: readonly JsonValue[] };

/** How a trigger passes its event to the workflow (`workflow_target_settings.data_format`). */
export const TRIGGER_DATA_FORMATS = ["Json", "TopLevelPrimitives"] as const;
export type TriggerDataFormat = (typeof TRIGGER_DATA_FORMATS)[number];

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
