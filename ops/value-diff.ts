import type { JsonValue, ValueMask } from "./plan-json";

/** Attribute names whose values are never printed, whatever the provider marks as sensitive. */
export const SECRET_NAME_PATTERN = /secret|token|passw(or)?d|credential|private_?key|api_?key/i;

export const MASKED = "(sensitive)";

type PathSegment = string | number;

/** One leaf that differs between two values, ready to print (masked where needed). */
export interface ValueDifference {
  /** e.g. `rows[0].properties_json`; empty for a scalar compared as a whole. */
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

export interface SensitivityMasks {
  readonly before?: ValueMask;
  readonly after?: ValueMask;
}

/**
 * Leaf-by-leaf differences between `before` and `after`. A leaf is masked when either mask marks it
 * (or one of its parents) sensitive, or when any name on its path looks like a secret.
 */
export function diffValues(before: JsonValue | undefined, after: JsonValue | undefined, masks: SensitivityMasks = {}): ValueDifference[] {
  const beforeLeaves = leaves(before ?? null);
  const afterLeaves = leaves(after ?? null);
  const paths = [...new Set([...beforeLeaves.keys(), ...afterLeaves.keys()])].sort();
  const differences: ValueDifference[] = [];
  for (const path of paths) {
    const b = beforeLeaves.get(path);
    const a = afterLeaves.get(path);
    if (b !== undefined && a !== undefined && JSON.stringify(b.value) === JSON.stringify(a.value)) continue;
    const segments = (b ?? a)!.segments;
    const masked = isMasked(masks.before, segments) || isMasked(masks.after, segments) || segments.some(isSecretName);
    differences.push({ path, before: render(b?.value, masked), after: render(a?.value, masked) });
  }
  return differences;
}

function isSecretName(segment: PathSegment): boolean {
  return typeof segment === "string" && SECRET_NAME_PATTERN.test(segment);
}

function isMasked(mask: ValueMask | undefined, segments: readonly PathSegment[]): boolean {
  let current: ValueMask | undefined = mask;
  for (const segment of segments) {
    if (current === true) return true;
    if (typeof current !== "object" || current === null) return false;
    current = Array.isArray(current) ? current[Number(segment)] : (current as Record<string, ValueMask>)[String(segment)];
  }
  return current === true;
}

const MAX_VALUE_LENGTH = 200;

function render(value: JsonValue | undefined, masked: boolean): string {
  if (value === undefined) return "(absent)";
  if (masked) return MASKED;
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

interface Leaf {
  readonly segments: readonly PathSegment[];
  readonly value: JsonValue;
}

/** Scalars and empty containers by printable path. */
function leaves(value: JsonValue, segments: PathSegment[] = [], into = new Map<string, Leaf>()): Map<string, Leaf> {
  const entries: [PathSegment, JsonValue][] =
    typeof value !== "object" || value === null ? [] : Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  if (entries.length === 0) {
    into.set(printPath(segments), { segments, value });
    return into;
  }
  for (const [segment, child] of entries) leaves(child, [...segments, segment], into);
  return into;
}

function printPath(segments: readonly PathSegment[]): string {
  return segments.map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join("");
}
