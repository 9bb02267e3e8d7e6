import { describe, expect, it } from "vitest";
import { dataActionSpecs } from "../../data-actions";
import { DataActionExecutionError, renderRequest } from "../../data-actions/engine";
import { RETRIES_TABLE } from "../../tables/definitions";
import { HOSTILE_STRINGS } from "./support/samples";
import { allSpecs, inputFor, specs } from "./support/specs";

const API_HOST = "https://api.mypurecloud.com";
/**
 * Path parts never hold spaces here: $esc.url form-encodes a space as "+", which a server reads back as
 * "+" in a path (see the test "a space ..."). Keys are E.164 numbers or conversation ids, without spaces.
 */
const PATH_HOSTILE = HOSTILE_STRINGS.filter((text) => text !== "").map((text) => text.replace(/ /g, ""));

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
  expect([...parsed.searchParams.keys()]).toEqual(spec.endpoint.queryParameters);
}

describe.each(allSpecs.map((spec) => [spec.id, spec] as const))("request of %s", (_id, spec) => {
  it("renders a URL whose path parts decode back to ordinary inputs", () => {
    checkUrl(
      spec,
      inputFor(spec, (name) => `${name}-0f8fad5b-d9cb-469f-a165-70867728950e`),
    );
  });

  it.each(PATH_HOSTILE)("renders a URL whose path parts decode back to the hostile input %j", (hostile) => {
    checkUrl(
      spec,
      inputFor(spec, () => hostile),
    );
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

describe("path encoding limits", () => {
  it("a space in a key reaches the API as '+' (form encoding), so keys must not contain spaces", () => {
    const { url } = renderRequest(specs.deleteRow, { datatableId: "t", key: "a b" });
    expect(new URL(url, API_HOST).pathname.split("/").at(-1)).toBe("a+b");
  });
});

describe.each([specs.insertRow, specs.updateRow].map((spec) => [spec.id, spec] as const))("body of %s", (_id, spec) => {
  it.each(HOSTILE_STRINGS)("is valid JSON holding every field as given, for the value %j", (hostile) => {
    const input = inputFor(
      spec,
      (name) => (name === "key" || name === "datatableId" ? `+4915112345678${hostile}` : hostile),
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
    const input = { contactListId: `list${hostile}`, contactId: `contact${hostile}`, contactDataJson: JSON.stringify(data) };
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

  it("produces an invalid body (so the call fails) when contactDataJson is not JSON", () => {
    const { body } = renderRequest(specs.resubmitContact, { contactListId: "l", contactId: "c", contactDataJson: '{"a": "b"' });
    expect(() => JSON.parse(body)).toThrow();
  });
});
