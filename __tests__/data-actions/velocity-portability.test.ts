import { describe, expect, it } from "vitest";
import { renderVelocity } from "../../data-actions/engine";
import { templatePortabilityProblems } from "../../data-actions/velocity-portability";
import { requestUrlTemplate } from "../../data-actions/request-url";
import type { DataActionSpec } from "../../data-actions/spec";
import { allSpecs, specs } from "./support/specs";

function templatesOf(spec: DataActionSpec): [string, string][] {
  return [
    ["URL", requestUrlTemplate(spec)],
    ["body", spec.request.bodyTemplate],
    ...Object.entries(spec.request.headers).map(([name, value]): [string, string] => [`header ${name}`, value]),
    ["success", spec.response.successTemplate],
  ];
}

describe("templatePortabilityProblems", () => {
  it("GIVEN the Get Contact success template before issue 11 (`>` between strings) THEN it reports the string comparison", () => {
    const beforeIssue11 = specs.getContact.response.successTemplate.replace(
      "$attempt.compareTo($latestAttempt) > 0",
      "$attempt > $latestAttempt",
    );
    expect(beforeIssue11).not.toBe(specs.getContact.response.successTemplate);
    expect(templatePortabilityProblems(beforeIssue11)).toEqual([
      expect.stringContaining('"$attempt > $latestAttempt": > on operands not known to be numbers'),
    ]);
  });

  it.each([
    ['#if($a < "b")x#end', "<"],
    ["#if($input.a >= $input.b)x#end", ">="],
    ["#if($input.count <= 3)x#end", "<="],
  ])("rejects the relational operator in %s", (template, operator) => {
    expect(templatePortabilityProblems(template)).toEqual([expect.stringContaining(`${operator} on operands not known to be numbers`)]);
  });

  it.each(["$input.a.toUpperCase()", "$input.a.trim()", "$input.a.length()", "$input.a.replace('a', 'b')", "$input.a.matches('x')"])(
    "rejects the method in %s, whose meaning or existence differs between Java and JavaScript",
    (template) => {
      expect(templatePortabilityProblems(template)).toEqual([expect.stringContaining("is not a method Java and velocityjs share")]);
    },
  );

  it.each(["$input.a.split('.')", "$input.a.split('|')", "$input.a.split($input.b)"])("rejects the regex-dependent %s", (template) => {
    expect(templatePortabilityProblems(template)).toEqual([expect.stringContaining("split takes a regular expression in Java")]);
  });

  it("rejects $esc methods not modelled for both engines", () => {
    expect(templatePortabilityProblems("$esc.javascript($input.a)")).toEqual([expect.stringContaining("$esc.javascript is not modelled")]);
  });

  it.each([
    "#if($a.compareTo($b) > 0)x#end",
    "#foreach($x in $list)#if($foreach.index >= 1)x#end#end",
    "#set($n = -1)#set($n = $foreach.count)#if($n < 2)x#end",
    "#if($a.indexOf('x') > -1)x#end",
    "#set($m = 1 + 2)#if($m > 2)x#end",
    "$esc.jsonString($input.a) $esc.url($input.b) $a.substring(2, $a.lastIndexOf('\"]')).split('\",\"')",
  ])("accepts %s", (template) => {
    expect(templatePortabilityProblems(template)).toEqual([]);
  });

  it("does not trust a variable that is numeric in one #set and a string in another", () => {
    expect(templatePortabilityProblems('#set($n = 1)#set($n = "2")#if($n > 0)x#end')).toHaveLength(1);
  });
});

describe.each(allSpecs.map((spec) => [spec.id, spec] as const))("templates of %s", (_id, spec) => {
  it.each(templatesOf(spec))("the %s template means the same in Java Velocity and velocityjs", (_kind, template) => {
    expect(templatePortabilityProblems(template)).toEqual([]);
  });
});

describe("Java String methods given to velocityjs", () => {
  it.each([
    ["2026-11-21T08:30:00.000Z", "2026-11-19T17:00:00.000Z", 1],
    ["2026-11-19T17:00:00.000Z", "2026-11-21T08:30:00.000Z", -1],
    ["abc", "abc", 0],
    ["ab", "abc", -1],
    ["", "a", -1],
  ])("%j.compareTo(%j) has the sign Java gives it", (left, right, sign) => {
    expect(Math.sign(Number(renderVelocity("$a.compareTo($b)", { a: left, b: right })))).toBe(sign);
  });
});
