import { describe, expect, it } from "vitest";
import { dataActionSpecs } from "../../data-actions";
import { DataActionExecutionError, renderRequest } from "../../data-actions/engine";
import { RETRIES_TABLE } from "../../tables/definitions";
import { HOSTILE_STRINGS } from "./support/samples";
import { allSpecs, inputFor, RETRIES_TABLE_ID, specs } from "./support/specs";

const API_HOST = "https://api.mypurecloud.com";
/** Hostile path inputs: each breaks the id and key patterns of the contracts. */
const PATH_HOSTILE = HOSTILE_STRINGS.filter((text) => !/^[A-Za-z0-9+-]*$/.test(text));
/** Valid but awkward row keys: E.164 (`+` must be encoded), carry keys (`:`). */
const AWKWARD_KEYS = ["+4915112345678", "contact:5f0e8a3c-6b1d-4c2e-9a7f-1d2c3b4a5e60:a0000000-0000-4000-8000-00000000a001"];

/** Segments of a rendered path, checked against the endpoint's path pattern; returns param → decoded value. */
function pathParameters(pattern: string, pathname: string): Record<string, string> {
  const expected = pattern.split("/");
  const actual = pathname.split("/");
  expect(actual).toHaveLength(expected.length);
  const values: Record<string, string> = {};
  expected.forEach((segment, index) => {
    const parameter = /^\{(.+)\}$/.exec(segment)?.[1];
    if (parameter === undefined) {
      expect(actual[index]).toBe(segment);
    } else {
      // Only unreserved characters and percent-escapes: nothing the server could read as a delimiter.
      expect(actual[index]).toMatch(/^[A-Za-z0-9\-_.*%]+$/);
      values[parameter] = decodeURIComponent(actual[index]);
    }
  });
  return values;
}

function checkUrl(spec: (typeof allSpecs)[number], input: Record<string, string | number>) {
  const { url } = renderRequest(spec, input);
  expect(url.startsWith("/api/v2/")).toBe(true);
  const parsed = new URL(url, API_HOST);
  expect(parsed.hash).toBe("");
  const values = pathParameters(spec.endpoint.path, parsed.pathname);
  for (const [parameter, inputName] of Object.entries(spec.endpoint.pathParameterInputs)) {
    expect(values[parameter], parameter).toBe(input[inputName]);
  }
  for (const [parameter, value] of Object.entries(spec.endpoint.pathParameterDeploymentValues)) {
    expect(value).toBe("retriesTableId");
    expect(values[parameter], parameter).toBe(RETRIES_TABLE_ID);
  }
  expect([...parsed.searchParams.keys()]).toEqual(Object.keys(spec.endpoint.queryParameters));
  expect(Object.fromEntries(parsed.searchParams)).toEqual(spec.endpoint.queryParameters);
}

describe.each(allSpecs.map((spec) => [spec.id, spec] as const))("request of %s", (_id, spec) => {
  it("renders a URL whose path parts decode back to ordinary inputs", () => {
    checkUrl(
      spec,
      inputFor(spec, (name) => `${name}-0f8fad5b-d9cb-469f-a165-70867728950e`),
    );
  });

  it.each(PATH_HOSTILE)("refuses the hostile path input %j before rendering (id and key patterns)", (hostile) => {
    for (const inputName of Object.values(spec.endpoint.pathParameterInputs)) {
      const input = { ...inputFor(spec, (name) => `${name}-0f8fad5b`), [inputName]: hostile };
      expect(() => renderRequest(spec, input), inputName).toThrow(/does not match the input contract/);
    }
  });

  it("refuses an empty path input before rendering (the contract requires minLength 1)", () => {
    for (const inputName of Object.values(spec.endpoint.pathParameterInputs)) {
      const input = { ...inputFor(spec, () => "x"), [inputName]: "" };
      expect(() => renderRequest(spec, input)).toThrow(DataActionExecutionError);
    }
  });

  it("sends a Content-Type header exactly when it sends a body", () => {
    const request = renderRequest(
      spec,
      inputFor(spec, () => "x"),
    );
    expect(request.body === "").toBe(spec.endpoint.method === "GET" || spec.endpoint.method === "DELETE");
    expect(request.headers["Content-Type"] === "application/json").toBe(request.body !== "");
  });
});

describe("row keys in the path", () => {
  it.each(AWKWARD_KEYS)("the key %j decodes back from the URL of every row action", (key) => {
    for (const spec of [specs.updateRow, specs.deleteRow]) checkUrl(spec, { ...inputFor(spec, (name) => `${name}-1`), key });
  });

  it.each(["a b", "a/../b", "..", "a.b", "a%2Fb", "a?b", "a#b"])(
    "the key %j is refused by the contract ($esc.url form-encodes a space as '+'; dots and separators never reach a path)",
    (key) => {
      expect(() => renderRequest(specs.deleteRow, { key })).toThrow(/does not match the input contract/);
    },
  );

  it("the table id is not an input: no flow can point a row action at another table", () => {
    for (const spec of [specs.insertRow, specs.updateRow, specs.deleteRow]) {
      expect(Object.keys(spec.inputContract.properties)).not.toContain("datatableId");
      expect(() => renderRequest(spec, { ...inputFor(spec, (name) => `${name}-1`), datatableId: "other-table" })).toThrow(
        /must NOT have additional properties/,
      );
    }
  });
});

describe.each([specs.insertRow, specs.updateRow].map((spec) => [spec.id, spec] as const))("body of %s", (_id, spec) => {
  it.each(HOSTILE_STRINGS)("is valid JSON holding every field as given, for the free-text value %j", (hostile) => {
    const ids: Record<string, string> = { key: "+4915112345678", contactId: "c-1", contactListId: "l-1", conversationId: "v-1" };
    const input = inputFor(
      spec,
      (name) => ids[name] ?? hostile,
      () => 42,
    );
    const body = JSON.parse(renderRequest(spec, input).body) as Record<string, unknown>;
    const rowFields = ["key", ...RETRIES_TABLE.columns.map((column) => column.name)];
    expect(Object.keys(body).sort()).toEqual([...rowFields].sort());
    for (const field of rowFields) expect(body[field], field).toStrictEqual(input[field]);
    expect(body.attempts).toBe(42);
  });
});

describe("body of resubmit-contact", () => {
  it.each(HOSTILE_STRINGS)("is a one-contact array with the same id, list and data map, for the value %j", (hostile) => {
    const data = { phone: "+4915112345678", [`col ${hostile}`]: hostile, other: `${hostile}${hostile}` };
    const input = { contactListId: "list-1", contactId: "contact-1", contactDataJson: JSON.stringify(data) };
    const body = JSON.parse(renderRequest(specs.resubmitContact, input).body) as unknown;
    expect(body).toStrictEqual([{ id: input.contactId, contactListId: input.contactListId, data }]);
  });

  it("queries with the configured priority and clearSystemData and always doNotQueue=false", () => {
    for (const priority of [true, false]) {
      for (const clearSystemData of [true, false]) {
        const spec = dataActionSpecs({ timeoutSeconds: 10, resubmit: { priority, clearSystemData } }).resubmitContact;
        const { url } = renderRequest(spec, { contactListId: "l", contactId: "c", contactDataJson: "{}" });
        const query = new URL(url, API_HOST).searchParams;
        expect(query.get("priority")).toBe(String(priority));
        expect(query.get("clearSystemData")).toBe(String(clearSystemData));
        expect(query.get("doNotQueue")).toBe("false");
      }
    }
  });

  it.each([
    ["not JSON", '{"a": "b"'],
    ["null", "null"],
    ["an array", '[{"a": "b"}]'],
    ["a string", '"{}"'],
    ["nested objects", '{"a": {"b": "c"}}'],
    ["a second contact", '{"a": "b"}}, {"id": "other", "contactListId": "l", "data": {"c": "d"}'],
    ["an object with trailing text", '{"a": "b"} '],
    ["an empty text", ""],
  ])("refuses contactDataJson that is %s before rendering (only one flat JSON object passes)", (_case, contactDataJson) => {
    expect(() => renderRequest(specs.resubmitContact, { contactListId: "l", contactId: "c", contactDataJson })).toThrow(
      /does not match the input contract/,
    );
  });

  it("accepts a data map with numbers, booleans, null and escaped text, and sends exactly one contact", () => {
    const data = { a: 1.5, b: true, c: null, 'd "}, {': "\u2028 }]" };
    const { body } = renderRequest(specs.resubmitContact, {
      contactListId: "l",
      contactId: "c",
      contactDataJson: JSON.stringify(data, null, 1),
    });
    expect(JSON.parse(body)).toStrictEqual([{ id: "c", contactListId: "l", data }]);
  });
});
