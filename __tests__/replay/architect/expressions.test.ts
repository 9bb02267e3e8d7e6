import { describe, expect, it } from "vitest";
import { evaluate, type EvaluationScope } from "../../../replay/architect/expressions";
import { FlowRuntimeError, Json, NOT_SET, type ArchitectValue } from "../../../replay/architect/values";
import { e164, flowVariable, lit, op, read, stateVariable } from "../../../workflows/expressions";
import { fn } from "../../../workflows/functions";

const scope = (variables: Record<string, ArchitectValue> = {}): EvaluationScope => ({
  read: (variable) => variables[variable.name] ?? NOT_SET,
  substitution: (key) => `<${key}>`,
  now: () => Date.parse("2026-03-02T09:00:00Z"),
});
const json = flowVariable("jsonData", "json", { isInput: true });
const text = stateVariable("text", "string");

describe("expressions", () => {
  it("normalizes phone numbers to E.164 and leaves numbers without a country code unset", () => {
    expect(evaluate(e164(fn.toPhoneNumber(lit.string("tel:+1 (555) 555-1234"))), scope())).toBe("+15555551234");
    expect(evaluate(e164(fn.toPhoneNumber(lit.string("sip:+4915112345678@example.invalid"))), scope())).toBe("+4915112345678");
    expect(evaluate(e164(fn.toPhoneNumber(lit.string("5555551234"))), scope())).toBe(NOT_SET);
    expect(evaluate(e164(fn.toPhoneNumber(read(text))), scope())).toBe(NOT_SET);
  });

  it("passes NOT_SET through casts and treats it as empty, and compares it only for equality", () => {
    expect(evaluate(fn.toString(fn.getJsonObjectProperty(read(json), lit.string("missing"))), scope({ jsonData: new Json({}) }))).toBe(
      NOT_SET,
    );
    expect(evaluate(fn.isNotSetOrEmpty(read(text)), scope())).toBe(true);
    expect(evaluate(fn.isNotSetOrEmpty(lit.string("")), scope())).toBe(true);
    expect(evaluate(fn.isSet(lit.string("")), scope())).toBe(true);
    expect(evaluate(op.eq(read(text), lit.string("a")), scope())).toBe(false);
    expect(evaluate(op.ne(read(text), lit.string("a")), scope())).toBe(true);
    expect(() => evaluate(op.ge(read(stateVariable("n", "integer")), lit.integer(1)), scope())).toThrow(FlowRuntimeError);
  });

  it("reads JSON strings without quotes, counts collections, and fails out of range", () => {
    const event = scope({ jsonData: new Json({ callbackNumbers: ["+15555551234"], conversationId: "c-1" }) });
    expect(evaluate(fn.toString(fn.getJsonObjectProperty(read(json), lit.string("conversationId"))), event)).toBe("c-1");
    const numbers = fn.toJsonCollection(fn.getJsonObjectProperty(read(json), lit.string("callbackNumbers")));
    expect(evaluate(fn.count(numbers), event)).toBe(1);
    expect(evaluate(fn.toString(fn.getAt(numbers, lit.integer(0))), event)).toBe("+15555551234");
    expect(() => evaluate(fn.getAt(numbers, lit.integer(1)), event)).toThrow(/out of range/);
  });

  it("builds durations and reads the virtual clock", () => {
    expect(evaluate(fn.makeDuration(lit.integer(1), lit.integer(2), lit.integer(3), lit.integer(4)), scope())).toMatchObject({
      milliseconds: (((24 + 2) * 60 + 3) * 60 + 4) * 1000,
    });
    expect(evaluate(fn.toString(fn.getCurrentDateTimeUtc()), scope())).toBe("2026-03-02T09:00:00.000Z");
  });
});
