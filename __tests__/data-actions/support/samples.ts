/**
 * API responses shaped like the SDK's models, for the response checks. Values are chosen to be
 * awkward (E.164 `+`, quotes, backslashes, unicode, commas), not copied from the code under test.
 */
import type { Models } from "purecloud-platform-client-v2";

export const HOSTILE_STRINGS = [
  'say "hi"',
  "back\\slash",
  "line\nbreak\ttab",
  "unicode é 漢字 🙂",
  "+4915112345678",
  "a/b",
  "hash#frag",
  "100%",
  "?query=1&x=2",
  'closing"]bracket',
  'comma","quote',
  "",
] as const;

const contactData: Record<string, string> = {
  phone: "+4915112345678",
  mobile: "+15555550100",
  name: 'Zoë "Z" O\'Brien',
  notes: "line1\nline2, with \\ backslash",
  opportunityId: "0061x00000ABCdeAAA",
  empty: "",
  "column with spaces": "café ✓",
};

/** A contact of a single-phone-column list, dialed once (preview skipped). */
export const contactWithOneCallRecord: Models.DialerContact = {
  id: "7bd49c52-1b5e-4a1c-9f0e-2b4c1a1f0c01",
  contactListId: "c1d2e3f4-0000-4000-8000-000000000001",
  data: { phone: "+4915112345678", name: "Ana", opportunityId: "0061x00000ABCdeAAA" },
  callRecords: { phone: { lastAttempt: "2026-11-20T09:15:00.000Z", lastResult: "ININ-OUTBOUND-PREVIEW-SKIPPED" } },
  callable: true,
  selfUri: "/api/v2/outbound/contactlists/c1d2e3f4-0000-4000-8000-000000000001/contacts/7bd49c52-1b5e-4a1c-9f0e-2b4c1a1f0c01",
};

/** Two phone columns: the later record (mobile) is not the first key of the map. */
export const contactWithSeveralCallRecords: Models.DialerContact = {
  id: "7bd49c52-1b5e-4a1c-9f0e-2b4c1a1f0c02",
  contactListId: "c1d2e3f4-0000-4000-8000-000000000001",
  data: contactData,
  callRecords: {
    phone: { lastAttempt: "2026-11-19T17:00:00.000Z", lastResult: "ININ-OUTBOUND-NO-ANSWER" },
    mobile: { lastAttempt: "2026-11-21T08:30:00.000Z", lastResult: 'Call back, "later"' },
    work: { lastAttempt: "2026-11-20T12:00:00.000Z", lastResult: "ININ-OUTBOUND-BUSY" },
  },
};

/** Never dialed: no callRecords at all. */
export const contactNeverDialed: Models.DialerContact = {
  id: "7bd49c52-1b5e-4a1c-9f0e-2b4c1a1f0c03",
  contactListId: "c1d2e3f4-0000-4000-8000-000000000001",
  data: { phone: "+4915112345678" },
};
