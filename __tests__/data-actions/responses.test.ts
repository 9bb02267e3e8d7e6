import type { Models } from "purecloud-platform-client-v2";
import { describe, expect, it } from "vitest";
import { DataActionExecutionError, renderRequest, translateResponse } from "../../data-actions/engine";
import { contactNeverDialed, contactWithOneCallRecord, contactWithSeveralCallRecords, HOSTILE_STRINGS } from "./support/samples";
import { specs } from "./support/specs";

describe("get-contact response", () => {
  it("gives the wrap-up of the only call record of a single-phone-column contact", () => {
    expect(translateResponse(specs.getContact, contactWithOneCallRecord)).toEqual({
      contactId: "7bd49c52-1b5e-4a1c-9f0e-2b4c1a1f0c01",
      contactListId: "c1d2e3f4-0000-4000-8000-000000000001",
      lastResult: "ININ-OUTBOUND-PREVIEW-SKIPPED",
      lastAttempt: "2026-11-20T09:15:00.000Z",
      contactDataJson: expect.any(String),
    });
  });

  it("gives the wrap-up of the most recent call record when the list has several phone columns", () => {
    const output = translateResponse(specs.getContact, contactWithSeveralCallRecords);
    expect(output.lastResult).toBe('Call back, "later"');
    expect(output.lastAttempt).toBe("2026-11-21T08:30:00.000Z");
  });

  it("picks the most recent record whatever its position in the map", () => {
    const records = Object.entries(contactWithSeveralCallRecords.callRecords ?? {});
    for (const rotation of [0, 1, 2]) {
      const rotated = Object.fromEntries([...records.slice(rotation), ...records.slice(0, rotation)]);
      expect(translateResponse(specs.getContact, { ...contactWithSeveralCallRecords, callRecords: rotated }).lastResult).toBe(
        'Call back, "later"',
      );
    }
  });

  it("gives empty wrap-up and time for a contact that was never dialed", () => {
    const output = translateResponse(specs.getContact, contactNeverDialed);
    expect(output).toMatchObject({ lastResult: "", lastAttempt: "" });
  });

  it.each(HOSTILE_STRINGS)("carries a wrap-up name like %j unchanged", (hostile) => {
    const contact: Models.DialerContact = {
      ...contactWithOneCallRecord,
      callRecords: { phone: { lastAttempt: "2026-11-20T09:15:00.000Z", lastResult: hostile } },
    };
    expect(translateResponse(specs.getContact, contact).lastResult).toBe(hostile);
  });

  it.each(HOSTILE_STRINGS)("picks the hostile wrap-up %j of the most recent of several records, next to hostile others", (hostile) => {
    const contact: Models.DialerContact = {
      ...contactWithSeveralCallRecords,
      callRecords: {
        phone: { lastAttempt: "2026-11-20T09:15:00.000Z", lastResult: `${hostile}"],["old` },
        mobile: { lastAttempt: "2026-11-22T09:15:00.000Z", lastResult: hostile },
        work: { lastAttempt: "2026-11-21T09:15:00.000Z", lastResult: `older${hostile}` },
      },
    };
    expect(translateResponse(specs.getContact, contact)).toMatchObject({ lastResult: hostile, lastAttempt: "2026-11-22T09:15:00.000Z" });
  });

  it.each([contactWithOneCallRecord, contactWithSeveralCallRecords, contactNeverDialed])(
    "returns the complete data map as JSON text ($id)",
    (contact) => {
      const output = translateResponse(specs.getContact, contact);
      expect(JSON.parse(output.contactDataJson as string)).toStrictEqual(contact.data);
    },
  );

  it("fails (Failure path) when the response is not a contact", () => {
    expect(() => translateResponse(specs.getContact, { message: "not found" })).toThrow(DataActionExecutionError);
  });
});

describe("nothing lost: Get Contact → Resubmit Contact", () => {
  const hostileData = Object.fromEntries(HOSTILE_STRINGS.map((value, index) => [`column ${index} ${value}`, value]));

  it.each([
    ["one call record", contactWithOneCallRecord],
    ["several call records", contactWithSeveralCallRecords],
    ["never dialed", contactNeverDialed],
    ["hostile column names and values", { ...contactWithSeveralCallRecords, data: hostileData }],
  ] as const)("re-submits the contact read (%s) with the same id and every data column unchanged", (_case, contact) => {
    const read = translateResponse(specs.getContact, contact);
    const { body } = renderRequest(specs.resubmitContact, {
      contactListId: read.contactListId,
      contactId: read.contactId,
      contactDataJson: read.contactDataJson,
    });
    const submitted = JSON.parse(body) as Models.WritableDialerContact[];
    expect(submitted).toHaveLength(1);
    expect(submitted[0].id).toBe(contact.id);
    expect(submitted[0].contactListId).toBe(contact.contactListId);
    expect(Object.keys(submitted[0].data)).toEqual(Object.keys(contact.data));
    expect(submitted[0].data).toStrictEqual(contact.data);
  });
});

describe("resubmit-contact response", () => {
  it("gives the id of the contact the API stored", () => {
    const stored: Models.DialerContact[] = [{ ...contactWithOneCallRecord }];
    expect(translateResponse(specs.resubmitContact, stored)).toEqual({ contactId: contactWithOneCallRecord.id });
  });
});

describe.each([specs.insertRow, specs.updateRow].map((spec) => [spec.id, spec] as const))("%s response", (_id, spec) => {
  const row = {
    key: "+4915112345678",
    contactId: 'id "quoted" \\ \n',
    contactListId: "c1d2e3f4-0000-4000-8000-000000000001",
    conversationId: "f0e1d2c3-0000-4000-8000-00000000abcd",
    attempts: 2,
    updatedAt: "2026-11-24T05:00:00.000Z",
  };

  it("gives the row the API returns", () => {
    expect(translateResponse(spec, row)).toStrictEqual(row);
  });

  it("fills a column the API leaves out with the table default", () => {
    const partial: Partial<typeof row> = { ...row };
    delete partial.updatedAt;
    delete partial.attempts;
    expect(translateResponse(spec, partial)).toStrictEqual({ ...partial, updatedAt: "", attempts: 0 });
  });
});

describe("delete-row response", () => {
  it("is an empty object for the API's empty answer", () => {
    expect(translateResponse(specs.deleteRow, undefined)).toEqual({});
  });
});
