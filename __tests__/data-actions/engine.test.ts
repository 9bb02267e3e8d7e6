import { describe, expect, it } from "vitest";
import { applyTranslationMap, escapeTool, isIndefiniteJsonPath, renderVelocity } from "../../data-actions/engine";

describe("the $esc tool", () => {
  it("jsonString escapes for the inside of a JSON string literal, without quotes", () => {
    expect(escapeTool.jsonString('a"b\\c\nd\u0001')).toBe('a\\"b\\\\c\\nd\\u0001');
    expect(JSON.parse(`"${escapeTool.jsonString("é 🙂 \t")}"`)).toBe("é 🙂 \t");
  });

  it("url encodes like Java's URLEncoder (Velocity EscapeTool.url)", () => {
    expect(escapeTool.url("+4915112345678")).toBe("%2B4915112345678");
    expect(escapeTool.url("a/b#c?d&e%f")).toBe("a%2Fb%23c%3Fd%26e%25f");
    expect(escapeTool.url("é")).toBe("%C3%A9");
    // Differences from encodeURIComponent: space → "+", and !'()~ are escaped.
    expect(escapeTool.url("a b")).toBe("a+b");
    expect(escapeTool.url("!'()~*-_.")).toBe("%21%27%28%29%7E*-_.");
  });
});

describe("renderVelocity", () => {
  it("renders formal and silent references like Velocity", () => {
    expect(renderVelocity("${input.a}|$!{input.missing}|${input.missing}", { input: { a: "<&>" } })).toBe("<&>||${input.missing}");
  });
});

describe("applyTranslationMap", () => {
  const response = { translationMapDefaults: { missing: '"fallback"' } };

  it("gives definite paths their value as JSON text and indefinite paths a JSON array", () => {
    const values = applyTranslationMap(
      { ...response, translationMap: { name: "$.name", count: "$.count", all: "$.items.*.v" }, successTemplate: "" },
      { name: 'a "b"', count: 2, items: { x: { v: "1" }, y: { v: "2" } } },
    );
    expect(values).toEqual({ name: '"a \\"b\\""', count: "2", all: '["1","2"]' });
  });

  it("takes the default when a definite path does not resolve, and fails without one", () => {
    expect(applyTranslationMap({ ...response, translationMap: { missing: "$.nope" }, successTemplate: "" }, {})).toEqual({
      missing: '"fallback"',
    });
    expect(() => applyTranslationMap({ ...response, translationMap: { other: "$.nope" }, successTemplate: "" }, {})).toThrow(
      /does not resolve/,
    );
  });

  it("keeps a null value instead of the default (Genesys documents that nulls do not fall back)", () => {
    expect(applyTranslationMap({ ...response, translationMap: { missing: "$.value" }, successTemplate: "" }, { value: null })).toEqual({
      missing: "null",
    });
  });

  it("classifies JSONPaths", () => {
    expect(["$.a", "$[0].id", "$.a.b"].map(isIndefiniteJsonPath)).toEqual([false, false, false]);
    expect(["$.a.*.b", "$..b", "$.a[?(@.x)]", "$.a[0,1]", "$.a[0:2]"].map(isIndefiniteJsonPath)).toEqual([true, true, true, true, true]);
  });
});
