/**
 * The one masking every report uses (plan report, drift report, terraform's own text, error output).
 * Plan JSON holds every value in clear, sensitive or not; what reaches a pull request or an issue goes
 * through here. Values are hidden:
 * - by name: any object key on the path that names a secret (`authorization`, `cookie`, `apiKey`, ...),
 *   also inside JSON-string attributes, and a header object's `value` when its `name` is one;
 * - by content: every URL query value, URL user info, `Bearer`/`Basic` credentials, `name=value` and
 *   `name: value` pairs whose name is a secret.
 */

export const MASKED = "(sensitive)";
/** Replaces a secret inside a longer text (a URL, a header line, terraform's output). */
export const REDACTED = "***";

/** Substrings that make any name a secret's, however it is cased or joined (`clientSecret`, `x-auth-token`). */
const SECRET_SUBSTRINGS = /secret|token|passw|pwd|passphrase|credential|authoriz|cookie|api_?-?key|private_?-?key|signature|session/i;
/** Whole words that make a name a secret's (`auth`, `x-api-key`, `accessKey`); `key` alone only as a leaf. */
const SECRET_WORDS = new Set(["auth", "sig", "otp", "pin", "bearer", "jwt"]);

/** Words of an identifier: `x-apiKey_value` → x, api, key, value. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/**
 * True when a value found under `name` must not be printed. `key` alone is a secret only as the name
 * of the leaf itself (an `apiKey`, a header `Key`): a data table's primary-key column is also called
 * `key`, and the schema under it (`properties.key.title`) is safe to show.
 */
export function isSecretName(name: string, position: "leaf" | "ancestor" = "ancestor"): boolean {
  if (SECRET_SUBSTRINGS.test(name)) return true;
  const parts = words(name);
  if (parts.some((word) => SECRET_WORDS.has(word))) return true;
  const last = parts.at(-1);
  if (last === "key" && (parts.length > 1 || position === "leaf")) return true;
  return false;
}

/**
 * True when a text mentions a secret's name anywhere, `key` included: for a text that cannot be parsed
 * into names (a JSON-looking string that is not JSON), where no position tells a leaf from an ancestor.
 */
export function mentionsSecretName(text: string): boolean {
  return SECRET_SUBSTRINGS.test(text) || /key/i.test(text) || words(text).some((word) => SECRET_WORDS.has(word));
}

/** Names of the field that names a header-like pair (`{ "name": "Authorization", "value": "..." }`). */
const PAIR_NAME_FIELDS = ["name", "key", "header", "headerName", "header_name"];

/** The secret name a `{ name, value }` pair carries, if any: its other fields are then secret. */
export function secretPairName(object: Readonly<Record<string, unknown>>): string | undefined {
  for (const field of PAIR_NAME_FIELDS) {
    const value = object[field];
    if (typeof value === "string" && isSecretName(value, "leaf")) return field;
  }
  return undefined;
}

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s?#@"'`]*@/gi;
/** A query or fragment parameter's value: after `?`, `&`, `;` or `#` and up to the next separator. */
const QUERY_VALUE = /([?&;#][^=&#?\s"'`<>]*=)[^&#;\s"'`<>]*/g;
/** An authorization scheme and a credential-looking word (8+ characters with a digit or symbol). */
const AUTH_SCHEME = /\b(Bearer|Basic|Digest|Token|Negotiate|NTLM)\s+(?=[\w.~+/=-]{8,})(?=[^\s"'`,;]*[\d.~+/=_-])[^\s"'`,;]+/gi;
const NAMED_VALUE = /(["']?)([\w.-]+)\1(\s*[:=]\s*)(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&#?"'`}]+)/g;

/**
 * Masks secrets inside free text: URL query values and user info, authorization schemes, and
 * `name=value` / `name: value` / `"name": "value"` pairs whose name is a secret's.
 */
export function maskText(text: string): string {
  return text
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(QUERY_VALUE, `$1${REDACTED}`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(NAMED_VALUE, (whole, quote: string, name: string, separator: string) =>
      isSecretName(name, "leaf") ? `${quote}${name}${quote}${separator}${REDACTED}` : whole,
    );
}

/** True when free text holds something maskText would hide. */
export function holdsSecret(text: string): boolean {
  return maskText(text) !== text;
}
