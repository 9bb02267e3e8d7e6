import { describe, expect, it } from "vitest";
import { childExpressions, e164, lit, op, subExpressions, substitution, substitutionsIn } from "../../workflows/expressions";
import type { Expression } from "../../workflows/model";

const call = (...args: Expression[]): Expression => ({ kind: "call", fn: "ToPhoneNumber", args });

describe("expression traversal", () => {
  it("GIVEN each kind THEN childExpressions lists the arguments, the operands or what a property is read of", () => {
    const [a, b] = [lit.string("a"), substitution("b")];
    expect(childExpressions(call(a, b))).toEqual([a, b]);
    expect(childExpressions(op.eq(a, b))).toEqual([a, b]);
    expect(childExpressions(e164(a))).toEqual([a]);
    expect(childExpressions(a)).toEqual([]);
  });

  it("GIVEN a nested tree THEN subExpressions yields each node before its children, left to right", () => {
    const tree = op.and(op.eq(e164(call(substitution("x"))), lit.string("y")), lit.boolean(true));
    expect(subExpressions(tree).map((node) => node.kind)).toEqual([
      "binary",
      "binary",
      "property",
      "call",
      "substitution",
      "string",
      "boolean",
    ]);
  });

  it("GIVEN substitutions at every depth THEN substitutionsIn finds them in reading order", () => {
    expect(substitutionsIn(op.plus(call(substitution("a"), e164(substitution("b"))), substitution("c")))).toEqual(["a", "b", "c"]);
  });
});
