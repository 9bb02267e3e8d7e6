import { decode, ExtData } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import {
  conform,
  ctyEqual,
  decodeDynamicValue,
  encodeDynamicValue,
  UNKNOWN,
  unknownsToNull,
  type CtyType,
  type CtyValue,
} from "../../twin/cty";

const triggerType: CtyType = [
  "object",
  { id: "string", delay_by_seconds: "number", target: ["set", ["object", { id: "string", type: "string" }]], enabled: "bool" },
];

describe("cty values on the wire", () => {
  it("GIVEN an unknown attribute WHEN encoded THEN it is msgpack extension type 0, and every attribute is present", () => {
    const encoded = encodeDynamicValue({ id: UNKNOWN, enabled: true }, triggerType);
    const raw = decode(encoded.msgpack!) as Record<string, unknown>;
    expect(raw.id).toBeInstanceOf(ExtData);
    expect((raw.id as ExtData).type).toBe(0);
    expect(raw).toEqual({ id: raw.id, delay_by_seconds: null, target: null, enabled: true });
  });

  it("GIVEN an encoded value WHEN decoded THEN unknowns and values come back", () => {
    const value: CtyValue = { id: "a", delay_by_seconds: 60, target: [{ id: UNKNOWN, type: "Workflow" }], enabled: false };
    expect(decodeDynamicValue(encodeDynamicValue(value, triggerType))).toEqual(value);
  });

  it("GIVEN a JSON DynamicValue (terraform's raw state) WHEN decoded THEN it is parsed", () => {
    expect(decodeDynamicValue({ json: Buffer.from('{"id":"x"}') })).toEqual({ id: "x" });
  });

  it("GIVEN set elements in another order THEN the sets are equal; lists are not", () => {
    expect(ctyEqual(["a", "b"], ["b", "a"], ["set", "string"])).toBe(true);
    expect(ctyEqual(["a", "b"], ["b", "a"], ["list", "string"])).toBe(false);
  });

  it("GIVEN loose input WHEN conformed THEN unknown keys are dropped and unknowns can be nulled", () => {
    expect(conform({ id: "x", extra: 1 }, ["object", { id: "string" }])).toEqual({ id: "x" });
    expect(unknownsToNull({ id: UNKNOWN, list: [UNKNOWN] })).toEqual({ id: null, list: [null] });
  });
});
