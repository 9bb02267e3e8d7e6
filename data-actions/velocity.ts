/**
 * Small builders for the Velocity fragments the specs repeat, so every input reference is escaped
 * the same way: JSON string values with $esc.jsonString, URL path parts with $esc.url.
 */

/** A string input inside a JSON body: `"$esc.jsonString($input.name)"` (with the surrounding quotes). */
export function jsonStringInput(inputName: string): string {
  return `"$esc.jsonString($input.${inputName})"`;
}

/** A number or integer input inside a JSON body, unquoted. Formal notation, so a missing value breaks the JSON loudly. */
export function jsonNumberInput(inputName: string): string {
  return `\${input.${inputName}}`;
}

/** A URL path part: `$esc.url($input.name)`. */
export function urlInput(inputName: string): string {
  return `$esc.url($input.${inputName})`;
}

/**
 * A translation-map value in a success template. Genesys puts translation-map results into the
 * template as JSON text (a string arrives with its quotes), so `${name}` is already a JSON value.
 */
export function translatedValue(outputName: string): string {
  return `\${${outputName}}`;
}

/** `{"a": <a>, "b": <b>}` from output names, each rendered as its translated JSON value. */
export function jsonObjectOfTranslatedValues(outputNames: readonly string[]): string {
  return `{${outputNames.map((name) => `"${name}": ${translatedValue(name)}`).join(", ")}}`;
}
