/**
 * Runtime values of Architect expressions, for the types our workflow model uses. Every variable
 * starts NOT_SET (Archy `initialValue: noValue`), and most functions pass NOT_SET through.
 *
 * Modelled behaviour where Genesys documents nothing (docs/replay.md lists these):
 * - ToString of a JSON string is the string itself (no quotes); of other JSON, its compact text;
 *   of JSON null, NOT_SET;
 * - GetJsonObjectProperty of a missing property is NOT_SET JSON;
 * - ToPhoneNumber(x).e164 is set only for numbers written with a leading "+" (after an optional
 *   tel:/sip: scheme and visual separators); Architect's guess for national numbers depends on the
 *   org's country and is not modelled.
 */
import type { ValueType, VariableType } from "../../workflows/model";

/** The value of a variable or expression that was never set. */
export const NOT_SET: unique symbol = Symbol("NOT_SET");
export type NotSet = typeof NOT_SET;

export class Duration {
  constructor(readonly milliseconds: number) {}
  toString(): string {
    return `PT${this.milliseconds / 1000}S`;
  }
}

export class DateTime {
  constructor(readonly epochMilliseconds: number) {}
  toString(): string {
    return new Date(this.epochMilliseconds).toISOString();
  }
}

export class PhoneNumber {
  constructor(
    readonly raw: string,
    /** The number in E.164, or NOT_SET when it cannot be determined. */
    readonly e164: string | NotSet,
  ) {}
}

/** A JSON value (Architect's JSON type): any JSON, including null. */
export class Json {
  constructor(readonly value: unknown) {}
}

/** A collection of JSON values (ToJsonCollection). */
export class JsonCollection {
  constructor(readonly items: readonly unknown[]) {}
}

export type ArchitectValue = string | number | boolean | Duration | DateTime | PhoneNumber | Json | JsonCollection | NotSet;

/** A flow error: Architect would leave the flow through its error handling (our workflows: end the workflow). */
export class FlowRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FlowRuntimeError";
  }
}

/** Whether a runtime value may be stored in a variable of this type (NOT_SET fits every type). */
export function fitsType(value: ArchitectValue, type: ValueType): boolean {
  if (value === NOT_SET) return true;
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "decimal":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "dateTime":
      return value instanceof DateTime;
    case "duration":
      return value instanceof Duration;
    case "json":
      return value instanceof Json;
    case "phoneNumber":
      return value instanceof PhoneNumber;
    case "jsonCollection":
      return value instanceof JsonCollection;
  }
}

/** ToPhoneNumber: parses the text form Genesys events and contact lists use. */
export function toPhoneNumber(raw: string): PhoneNumber {
  const withoutScheme = raw.trim().replace(/^(tel|sip):/i, "");
  const address = withoutScheme.split(/[@;]/)[0];
  const compact = address.replace(/[\s().-]/g, "");
  return new PhoneNumber(raw, /^\+[1-9]\d{6,14}$/.test(compact) ? compact : NOT_SET);
}

/** ToString, per argument type. */
export function toArchitectString(value: ArchitectValue): string | NotSet {
  if (value === NOT_SET) return NOT_SET;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Duration || value instanceof DateTime) return value.toString();
  if (value instanceof PhoneNumber) return value.raw;
  if (value instanceof Json) {
    if (value.value === null) return NOT_SET;
    return typeof value.value === "string" ? value.value : JSON.stringify(value.value);
  }
  return JSON.stringify(value.items);
}

/** ToInt, per argument type; text that is not a whole number is a flow error. */
export function toArchitectInteger(value: ArchitectValue): number | NotSet {
  if (value === NOT_SET) return NOT_SET;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return Math.trunc(value);
  if (typeof value === "string") {
    if (!/^\s*[+-]?\d+\s*$/.test(value)) throw new FlowRuntimeError(`ToInt("${value}"): not a whole number`);
    return Number.parseInt(value, 10);
  }
  if (value instanceof Duration) return value.milliseconds;
  throw new FlowRuntimeError(`ToInt of ${describeValue(value)} is not defined`);
}

/** IsNotSetOrEmpty: NOT_SET, "", an empty collection, and JSON null / "" / [] / {} are empty. */
export function isNotSetOrEmpty(value: ArchitectValue): boolean {
  if (value === NOT_SET || value === "") return true;
  if (value instanceof JsonCollection) return value.items.length === 0;
  if (value instanceof Json) {
    const json = value.value;
    if (json === null || json === "") return true;
    if (Array.isArray(json)) return json.length === 0;
    if (typeof json === "object") return Object.keys(json).length === 0;
  }
  return false;
}

/** A value from outside the flow (trigger input, data action output, table column) as a variable of this type receives it. */
export function fromJson(value: unknown, type: VariableType, what: string): ArchitectValue {
  if (value === undefined || (value === null && type !== "json")) return NOT_SET;
  const fail = (): never => {
    throw new FlowRuntimeError(`${what}: ${JSON.stringify(value)} cannot be assigned to a ${type} variable`);
  };
  switch (type) {
    case "json":
      return new Json(value);
    case "string":
      return typeof value === "string" ? value : fail();
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? value : fail();
    case "decimal":
      return typeof value === "number" ? value : fail();
    case "boolean":
      return typeof value === "boolean" ? value : fail();
    case "dateTime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new DateTime(Date.parse(value)) : fail();
    case "duration":
      return typeof value === "number" ? new Duration(value) : fail();
  }
}

/** A value as a data action input receives it (JSON); NOT_SET inputs are left out of the request. */
export function toJsonInput(value: ArchitectValue): unknown {
  if (value === NOT_SET) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Json) return value.value;
  if (value instanceof JsonCollection) return value.items;
  if (value instanceof PhoneNumber) return value.raw;
  return value.toString();
}

/** Readable form for the timeline and error messages. */
export function describeValue(value: ArchitectValue): string {
  if (value === NOT_SET) return "NOT_SET";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Duration) return `duration ${value.toString()}`;
  if (value instanceof DateTime) return `dateTime ${value.toString()}`;
  if (value instanceof PhoneNumber) return `phoneNumber ${JSON.stringify(value.raw)}`;
  if (value instanceof Json) return `json ${JSON.stringify(value.value)}`;
  return `collection ${JSON.stringify(value.items)}`;
}
