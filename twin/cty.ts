/**
 * Terraform's value model (cty) as the plugin protocol carries it: types as JSON (`"string"`,
 * `["set","string"]`, `["object",{…}]`) and values in cty's msgpack form, where an unknown value is
 * msgpack extension type 0 (refined unknowns arrive as type 12). See the vendored
 * proto/tfplugin6.8.proto (DynamicValue) and hashicorp/terraform docs/plugin-protocol/object-wire-format.md.
 */
import { decode, encode, ExtensionCodec } from "@msgpack/msgpack";

export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", CtyType]
  | readonly ["object", Readonly<Record<string, CtyType>>]
  | readonly ["tuple", readonly CtyType[]];

/** A value not known until apply. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

export type CtyValue = null | Unknown | string | number | boolean | CtyValue[] | { [attribute: string]: CtyValue };
export type CtyObject = { [attribute: string]: CtyValue };

const UNKNOWN_EXTENSION = 0;
const REFINED_UNKNOWN_EXTENSION = 12;

const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: UNKNOWN_EXTENSION,
  encode: (value: unknown) => (value === UNKNOWN ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
});
extensionCodec.register({ type: REFINED_UNKNOWN_EXTENSION, encode: () => null, decode: () => UNKNOWN });

/** The protocol's DynamicValue message. */
export interface DynamicValue {
  msgpack?: Buffer | Uint8Array;
  json?: Buffer | Uint8Array;
}

export function decodeDynamicValue(value: DynamicValue | null | undefined): CtyValue {
  if (value?.msgpack && value.msgpack.length > 0) return decode(value.msgpack, { extensionCodec }) as CtyValue;
  if (value?.json && value.json.length > 0) return JSON.parse(Buffer.from(value.json).toString("utf8")) as CtyValue;
  return null;
}

/** Encodes a value conformed to `type` (every object attribute present, as cty requires). */
export function encodeDynamicValue(value: CtyValue, type: CtyType): DynamicValue {
  return { msgpack: Buffer.from(encode(conform(value, type), { extensionCodec })) };
}

/** Shapes a loosely built value to `type`: every object attribute present (null when absent), unknown keys dropped. */
export function conform(value: CtyValue | undefined, type: CtyType): CtyValue {
  if (value === undefined || value === null) return null;
  if (value === UNKNOWN) return UNKNOWN;
  if (typeof type === "string") {
    if (type === "number" && typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
    if (type === "string" && (typeof value === "number" || typeof value === "boolean")) return String(value);
    return value;
  }
  const [kind, inner] = type;
  switch (kind) {
    case "list":
    case "set":
      return (value as CtyValue[]).map((element) => conform(element, inner as CtyType));
    case "map":
      return Object.fromEntries(Object.entries(value as CtyObject).map(([key, element]) => [key, conform(element, inner as CtyType)]));
    case "object": {
      const attributes = inner as Record<string, CtyType>;
      const object = value as CtyObject;
      return Object.fromEntries(Object.entries(attributes).map(([name, attributeType]) => [name, conform(object[name], attributeType)]));
    }
    case "tuple":
      return (value as CtyValue[]).map((element, index) => conform(element, (inner as CtyType[])[index]));
  }
}

/** The value with every unknown replaced by null (what a provider returns for a computed value it never set). */
export function unknownsToNull(value: CtyValue): CtyValue {
  if (value === UNKNOWN) return null;
  if (Array.isArray(value)) return value.map(unknownsToNull);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownsToNull(v)]));
  return value;
}

/** Deep equality; elements of set-typed values compare regardless of order. */
export function ctyEqual(left: CtyValue, right: CtyValue, type: CtyType): boolean {
  if (left === right) return true;
  if (left === null || right === null || left === UNKNOWN || right === UNKNOWN) return false;
  if (typeof type === "string") return typeof left === "object" ? JSON.stringify(left) === JSON.stringify(right) : false;
  const [kind, inner] = type;
  if (kind === "set") {
    const key = (element: CtyValue) => stableKey(element);
    const a = (left as CtyValue[]).map(key).sort();
    const b = (right as CtyValue[]).map(key).sort();
    return a.length === b.length && a.every((element, index) => element === b[index]);
  }
  if (kind === "list" || kind === "tuple") {
    const a = left as CtyValue[];
    const b = right as CtyValue[];
    const types = (index: number) => (kind === "list" ? (inner as CtyType) : (inner as CtyType[])[index]);
    return a.length === b.length && a.every((element, index) => ctyEqual(element, b[index], types(index)));
  }
  const a = left as CtyObject;
  const b = right as CtyObject;
  const names = kind === "object" ? Object.keys(inner as object) : [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return names.every((name) =>
    ctyEqual(a[name] ?? null, b[name] ?? null, kind === "object" ? (inner as Record<string, CtyType>)[name] : (inner as CtyType)),
  );
}

function stableKey(value: CtyValue): string {
  if (value === UNKNOWN) return "<unknown>";
  if (Array.isArray(value)) return `[${value.map(stableKey).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableKey(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
