/**
 * Every data action template rendered by Apache Velocity (Java, as Genesys runs them) and by velocityjs
 * (the replay's engine) on the same inputs, hostile ones included: the outputs must be byte-identical.
 */
import type { Models } from "purecloud-platform-client-v2";
import { beforeAll, describe, expect, it } from "vitest";
import { renderVelocity, requestJobs, successJob, type VelocityJob } from "../../data-actions/engine";
import type { DataActionSpec } from "../../data-actions/spec";
import { requestUrlTemplate } from "../../data-actions/request-url";
import { HOW_TO_ENABLE, javaVelocityMissing, renderWithJavaVelocity, type JavaRenderResult } from "../support/java-velocity";
import { contactWithOneCallRecord, HOSTILE_STRINGS } from "./support/samples";
import { allSpecs, inputFor, specs } from "./support/specs";

/** The shared hostile strings plus what only matters between engines: U+2028/U+2029, CR LF, form-encoding characters. */
const TEXTS = [...HOSTILE_STRINGS, "line\u2028separator\u2029paragraph", "crlf\r\nend", "a b+c/d?e#f%g&h=i", "ordinary-0f8fad5b"];

const PHONE_COLUMNS = ["phone", "mobile", "work"] as const;

/** A contact with `count` call records; the latest is the middle one (or the last for two), never the first. */
function contactWithCallRecords(count: number, wrapup: string): Models.DialerContact {
  const days = [[], ["20"], ["19", "21"], ["19", "22", "20"]][count];
  const callRecords = Object.fromEntries(
    days.map((day, index) => [
      PHONE_COLUMNS[index],
      {
        lastAttempt: `2026-11-${day}T09:15:00.000Z`,
        lastResult: index === days.indexOf([...days].sort().at(-1)!) ? wrapup : `older ${index}`,
      },
    ]),
  );
  return {
    ...contactWithOneCallRecord,
    data: { phone: "+4915112345678", [`column ${wrapup}`]: wrapup },
    ...(count === 0 ? { callRecords: undefined } : { callRecords }),
  };
}

interface Case {
  readonly label: string;
  readonly job: VelocityJob;
}

function requestCases(spec: DataActionSpec): Case[] {
  return TEXTS.flatMap((text) => {
    const jobs = requestJobs(
      spec,
      inputFor(spec, () => text),
    );
    return [
      { label: `${spec.id} URL for ${JSON.stringify(text)}`, job: jobs.url },
      { label: `${spec.id} body for ${JSON.stringify(text)}`, job: jobs.body },
      ...Object.entries(jobs.headers).map(([name, job]) => ({ label: `${spec.id} header ${name} for ${JSON.stringify(text)}`, job })),
    ];
  });
}

function row(text: string) {
  return { key: `+49${text}`, contactId: text, contactListId: text, conversationId: text, attempts: 2, updatedAt: text };
}

const successCases: Case[] = [
  ...[0, 1, 2, 3].flatMap((count) =>
    TEXTS.map((text) => ({
      label: `${specs.getContact.id} success, ${count} call records, wrap-up ${JSON.stringify(text)}`,
      job: successJob(specs.getContact, contactWithCallRecords(count, text)),
    })),
  ),
  ...[specs.insertRow, specs.updateRow].flatMap((spec) =>
    TEXTS.map((text) => ({ label: `${spec.id} success for ${JSON.stringify(text)}`, job: successJob(spec, row(text)) })),
  ),
  ...TEXTS.map((text) => ({
    label: `${specs.resubmitContact.id} success for ${JSON.stringify(text)}`,
    job: successJob(specs.resubmitContact, [{ id: text }]),
  })),
  { label: `${specs.deleteRow.id} success`, job: successJob(specs.deleteRow, undefined) },
];

const cases: Case[] = [...allSpecs.flatMap(requestCases), ...successCases];

/** Every `pattern` of the input contracts, with texts to match: Java's regex engine must read each as JavaScript's does. */
const PATTERN_TEXTS = [
  ...TEXTS,
  "+4915112345678",
  "contact:5f0e8a3c-6b1d-4c2e-9a7f-1d2c3b4a5e60:a0000000",
  "a/../b",
  "{}",
  '{"a":"b"}',
  '{"a": 1.5e3, "b": null, "c": true, "d\\"e": "\\u00e9"}',
  "null",
  '[{"a":"b"}]',
  '{"a":{"b":"c"}}',
  '{"a":"b"}}, {"id":"x","contactListId":"y","data":{"c":"d"}',
  '{"a":"b\n"}',
  JSON.stringify({ phone: "+1", 'col " }, {': "v\u2028" }),
];
const patterns = [
  ...new Set(
    allSpecs.flatMap((spec) => Object.values(spec.inputContract.properties).flatMap((schema) => (schema.pattern ? [schema.pattern] : []))),
  ),
];
const patternCases = patterns.flatMap((pattern) =>
  PATTERN_TEXTS.map((text) => ({
    pattern,
    text,
    job: { template: "#if($text.matches($pattern))true#{else}false#end", context: { text, pattern } },
  })),
);

const missing = javaVelocityMissing();
if (missing !== undefined && !process.env.CI) {
  console.log(`Java Velocity comparison skipped (${missing}): ${HOW_TO_ENABLE}`);
}

describe.skipIf(missing !== undefined && !process.env.CI)("Java Velocity and velocityjs render every template identically", () => {
  let java: JavaRenderResult[] = [];

  beforeAll(() => {
    if (missing !== undefined) throw new Error(`CI is set but Java Velocity cannot run (${missing}): ${HOW_TO_ENABLE}`);
    java = renderWithJavaVelocity([...cases, ...patternCases].map((testCase) => testCase.job));
  });

  it("reads every input-contract pattern as JavaScript does (java.util.regex vs RegExp)", () => {
    expect(patterns.length).toBeGreaterThanOrEqual(3);
    const disagreements = patternCases
      .map((testCase, index) => ({ ...testCase, java: java[cases.length + index], js: new RegExp(testCase.pattern).test(testCase.text) }))
      .filter((testCase) => !("output" in testCase.java) || testCase.java.output !== String(testCase.js))
      .map(
        (testCase) =>
          `${testCase.pattern} on ${JSON.stringify(testCase.text)}: JavaScript ${testCase.js}, Java ${JSON.stringify(testCase.java)}`,
      );
    expect(disagreements).toEqual([]);
    expect(patternCases.some((testCase) => new RegExp(testCase.pattern).test(testCase.text))).toBe(true);
  });

  it("covers the request and success templates of every action", () => {
    for (const spec of allSpecs) {
      expect(cases.some((testCase) => testCase.job.template === spec.response.successTemplate)).toBe(true);
      expect(cases.some((testCase) => testCase.job.template === requestUrlTemplate(spec))).toBe(true);
    }
  });

  const sameOutput = (index: number) => {
    const { template, context } = cases[index].job;
    expect(java[index]).toEqual({ output: renderVelocity(template, context) });
  };
  it.each(cases.map((testCase, index) => [testCase.label, index] as const))("%s", (_label, index) => sameOutput(index));

  it.each([2, 3])(
    "GIVEN a contact with %i call records WHEN Get Contact runs in Java Velocity THEN it yields the latest record's wrap-up, as velocityjs does",
    (count) => {
      const index = cases.findIndex(
        (testCase) => testCase.label === `${specs.getContact.id} success, ${count} call records, wrap-up "ordinary-0f8fad5b"`,
      );
      const result = java[index];
      expect("output" in result && (JSON.parse(result.output) as { lastResult: string }).lastResult).toBe("ordinary-0f8fad5b");
      const { template, context } = cases[index].job;
      expect((JSON.parse(renderVelocity(template, context)) as { lastResult: string }).lastResult).toBe("ordinary-0f8fad5b");
    },
  );
});
