import { holdsSecret, isSecretName, MASKED, maskText, mentionsSecretName, REDACTED, secretPairName } from "./masking";
import type { JsonValue, ValueMask } from "./plan-json";

/** Shown instead of a value that cannot be shown safely (an unparsable JSON string, say): only the path changed. */
const NOT_SHOWN = "(changed, not shown)";

/** A key or index of a value, or the step into a string attribute that holds JSON. */
type PathSegment = { readonly key: string } | { readonly index: number } | { readonly json: true };

/** One leaf that differs between two values, ready to print (masked where needed). */
export interface ValueDifference {
  /** e.g. `rows[0].properties_json › waitTime`; empty for a scalar compared as a whole. */
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

export interface SensitivityMasks {
  readonly before?: ValueMask;
  readonly after?: ValueMask;
}

/**
 * Leaf-by-leaf differences between `before` and `after`. Strings holding a JSON object or array are
 * compared inside (`properties_json › waitTime`). A leaf is masked when either mask marks it (or one
 * of its parents) sensitive, when a name on its path is a secret's (see masking.ts), or when its text
 * holds a secret (then the masked text is shown, e.g. a URL with its query values hidden).
 */
export function diffValues(before: JsonValue | undefined, after: JsonValue | undefined, masks: SensitivityMasks = {}): ValueDifference[] {
  const beforeLeaves = leaves(before ?? null, masks.before);
  const afterLeaves = leaves(after ?? null, masks.after);
  const paths = [...new Set([...beforeLeaves.keys(), ...afterLeaves.keys()])].sort();
  const differences: ValueDifference[] = [];
  for (const path of paths) {
    const b = beforeLeaves.get(path);
    const a = afterLeaves.get(path);
    if (b !== undefined && a !== undefined && JSON.stringify(b.value) === JSON.stringify(a.value)) continue;
    const masked = (b?.masked ?? false) || (a?.masked ?? false);
    const unsafe = (b?.unsafe ?? false) || (a?.unsafe ?? false);
    differences.push({ path, before: render(b, masked, unsafe), after: render(a, masked, unsafe) });
  }
  return differences;
}

/**
 * Every string a report must not show, found in `value`: masked leaves, and the secret parts of
 * texts. Used to redact terraform's own plan text, which only hides what the provider marks sensitive.
 */
export function secretStrings(value: JsonValue | undefined, mask?: ValueMask): string[] {
  const found = new Set<string>();
  for (const leaf of leaves(value ?? null, mask).values()) {
    if (leaf.masked || leaf.unsafe) {
      if (typeof leaf.value === "string" || typeof leaf.value === "number") found.add(String(leaf.value));
    } else if (typeof leaf.value === "string" && holdsSecret(leaf.value)) {
      for (const part of secretParts(leaf.value)) found.add(part);
    }
  }
  return [...found].filter((text) => text.trim().length > 0);
}

/** The pieces of a text that maskText replaces (each differing stretch between the two versions). */
function secretParts(text: string): string[] {
  const masked = maskText(text);
  const parts: string[] = [];
  // Split the masked text at its redactions; what the original has between the kept pieces is secret.
  const kept = masked.split(REDACTED);
  let position = 0;
  kept.forEach((piece, i) => {
    const start = text.indexOf(piece, position);
    if (i > 0) parts.push(text.slice(position, start));
    position = start + piece.length;
  });
  return parts.filter(Boolean);
}

const MAX_INLINE_LENGTH = 200;

function render(leaf: Leaf | undefined, masked: boolean, unsafe: boolean): string {
  if (leaf === undefined) return "(absent)";
  if (masked) return MASKED;
  if (unsafe) return NOT_SHOWN;
  const text = JSON.stringify(leaf.value);
  return typeof leaf.value === "string" ? maskText(text) : text;
}

/** True when a rendered value is long enough to be folded rather than shown inline. */
export function isLong(difference: ValueDifference): boolean {
  return difference.before.length + difference.after.length > MAX_INLINE_LENGTH;
}

interface Leaf {
  readonly value: JsonValue;
  /** Marked sensitive, or under a secret's name. */
  readonly masked: boolean;
  /** A JSON-looking string that does not parse: its text is not shown, only that it changed. */
  readonly unsafe: boolean;
}

/** Scalars and empty containers by printable path, JSON strings expanded. */
function leaves(
  value: JsonValue,
  mask: ValueMask | undefined,
  segments: PathSegment[] = [],
  inherited = false,
  into = new Map<string, Leaf>(),
): Map<string, Leaf> {
  // Names on the path are ancestors here; the leaf's own name is checked where a leaf is recorded.
  const masked = inherited || mask === true || nameIsSecret(segments);
  const leafMasked = masked || leafNameIsSecret(segments);
  if (typeof value === "string") {
    const json = parseJsonContainer(value);
    if (json === "unparsable") {
      into.set(printPath(segments), { value, masked: leafMasked, unsafe: true });
      return into;
    }
    if (json !== undefined) {
      return leaves(json, masked ? true : undefined, [...segments, { json: true }], masked, into);
    }
  }
  const entries: [PathSegment, JsonValue][] =
    typeof value !== "object" || value === null
      ? []
      : Array.isArray(value)
        ? value.map((v, i) => [{ index: i }, v])
        : Object.entries(value).map(([key, v]) => [{ key }, v]);
  if (entries.length === 0) {
    into.set(printPath(segments), { value, masked: leafMasked, unsafe: false });
    return into;
  }
  // `{ "name": "Authorization", "value": "Bearer ..." }`: every field but the name is secret.
  const pairName = typeof value === "object" && value !== null && !Array.isArray(value) ? secretPairName(value) : undefined;
  for (const [segment, child] of entries) {
    const childMask = typeof mask === "object" && mask !== null ? (mask as Record<string, ValueMask>)[segmentKey(segment)] : mask;
    const pairSecret = pairName !== undefined && !("key" in segment && segment.key === pairName);
    leaves(child, childMask, [...segments, segment], masked || pairSecret, into);
  }
  return into;
}

function segmentKey(segment: PathSegment): string {
  return "key" in segment ? segment.key : "index" in segment ? String(segment.index) : "";
}

function nameIsSecret(segments: readonly PathSegment[]): boolean {
  return segments.some((segment) => "key" in segment && isSecretName(segment.key, "ancestor"));
}

function leafNameIsSecret(segments: readonly PathSegment[]): boolean {
  const last = segments.at(-1);
  return last !== undefined && "key" in last && isSecretName(last.key, "leaf");
}

/** A string holding a JSON object or array, parsed; "unparsable" when it looks like one but is not. */
function parseJsonContainer(text: string): JsonValue | "unparsable" | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    // Terraform interpolations (`${...}`) and templates look like JSON but are not; show them only when nothing hides in them.
    return holdsSecret(text) || mentionsSecretName(text) ? "unparsable" : undefined;
  }
}

function printPath(segments: readonly PathSegment[]): string {
  let path = "";
  for (const segment of segments) {
    if ("index" in segment) path += path.endsWith("›") ? ` [${segment.index}]` : `[${segment.index}]`;
    else if ("json" in segment) path += " ›";
    else path += path === "" ? segment.key : path.endsWith("›") ? ` ${segment.key}` : `.${segment.key}`;
  }
  return path.endsWith(" ›") ? path.slice(0, -2) : path;
}
