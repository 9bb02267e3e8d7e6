import type { Models } from "purecloud-platform-client-v2";
import type { DataTableDefinition } from "../../tables/definitions";
import { cloneData } from "./clone";

/**
 * An in-memory model of the parts of a Genesys Cloud org the retry logic touches: data tables,
 * outbound contact lists with their contacts and call records, and the dialer's queue of contacts
 * to dial. It answers the Platform API requests the data actions send, with the platform's rules.
 * Where the platform's exact answer is undocumented (e.g. the status of a duplicate-key insert)
 * the model's choice is marked as such.
 */

export type DialerContact = Models.DialerContact;
export type Row = Record<string, string | number | boolean>;

export interface DataTableState {
  readonly id: string;
  readonly name: string;
  readonly definition: DataTableDefinition;
  readonly rows: Map<string, Row>;
}

/** A contact the dialer will offer again, recorded when a re-submit re-queues it. */
export interface QueuedContact {
  readonly contactListId: string;
  readonly contactId: string;
  readonly priority: boolean;
  readonly at: number;
}

export interface ApiRequest {
  readonly method: string;
  /** Relative path with query string, as the data action's URL template rendered it. */
  readonly url: string;
  readonly body?: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A change the org made while answering a request, as the replay's timeline shows it. */
export type OrgChange =
  | { readonly kind: "rowInserted"; readonly table: string; readonly key: string; readonly row: Row }
  | { readonly kind: "rowUpdated"; readonly table: string; readonly key: string; readonly before: Row; readonly row: Row }
  | { readonly kind: "rowDeleted"; readonly table: string; readonly key: string; readonly before: Row }
  | {
      readonly kind: "contactSaved";
      readonly contactListId: string;
      readonly contactId: string;
      readonly created: boolean;
      /** Whether the data map differs from what was stored before (always true for a new contact). */
      readonly dataChanged: boolean;
    }
  | { readonly kind: "contactQueued"; readonly queued: QueuedContact }
  | {
      readonly kind: "dispositionRecorded";
      readonly contactListId: string;
      readonly contactId: string;
      readonly wrapupCode: string;
      readonly phoneColumn: string;
    };

/** The JSON form of an org (the replay's --org file): tables' rows and contact lists. */
export interface OrgSnapshot {
  readonly tables?: Record<string, Record<string, Row>>;
  readonly contactLists?: Record<string, DialerContact[]>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class InMemoryOrg {
  private readonly tablesById = new Map<string, DataTableState>();
  /** The first table of each name (a workflow's Data Table Lookup finds tables by name). */
  private readonly tablesByName = new Map<string, DataTableState>();
  private readonly contactLists = new Map<string, Map<string, DialerContact>>();
  readonly dialerQueue: QueuedContact[] = [];
  /** Called for every change, in order. */
  onChange: (change: OrgChange) => void = () => undefined;
  private nextContactNumber = 1;

  /** Virtual time in epoch milliseconds, advanced by the replay's scheduler. */
  now = 0;

  addTable(id: string, name: string, definition: DataTableDefinition, rows: Record<string, Row> = {}): DataTableState {
    const table: DataTableState = { id, name, definition, rows: new Map() };
    this.tablesById.set(id, table);
    if (!this.tablesByName.has(name)) this.tablesByName.set(name, table);
    for (const [key, row] of Object.entries(rows)) table.rows.set(key, this.validatedRow(table, { ...row, key }));
    return table;
  }

  tableByName(name: string): DataTableState | undefined {
    return this.tablesByName.get(name);
  }

  addContact(contact: DialerContact): void {
    if (!contact.id) throw new Error("a contact in the org needs an id");
    this.contactList(contact.contactListId).set(contact.id, cloneData(contact));
  }

  contact(contactListId: string, contactId: string): DialerContact | undefined {
    return this.contactLists.get(contactListId)?.get(contactId);
  }

  allContacts(): DialerContact[] {
    return [...this.contactLists.values()].flatMap((list) => [...list.values()]);
  }

  /** What the dialer writes when an agent dispositions a preview: the call record of the phone column. */
  recordDisposition(contactListId: string, contactId: string, wrapupCode: string, phoneColumn?: string): void {
    const contact = this.contact(contactListId, contactId);
    if (!contact) throw new Error(`no contact ${contactId} in contact list ${contactListId}`);
    const column = phoneColumn ?? Object.keys(contact.callRecords ?? {})[0] ?? "phone";
    contact.callRecords = { ...contact.callRecords, [column]: { lastAttempt: new Date(this.now).toISOString(), lastResult: wrapupCode } };
    this.onChange({ kind: "dispositionRecorded", contactListId, contactId, wrapupCode, phoneColumn: column });
  }

  loadSnapshot(snapshot: OrgSnapshot): void {
    for (const [name, rows] of Object.entries(snapshot.tables ?? {})) {
      const table = this.tableByName(name);
      if (!table) throw new Error(`the org snapshot has rows for an unknown data table "${name}"`);
      for (const [key, row] of Object.entries(rows)) table.rows.set(key, this.validatedRow(table, { ...row, key }));
    }
    for (const contacts of Object.values(snapshot.contactLists ?? {})) for (const contact of contacts) this.addContact(contact);
  }

  /** Answers a Platform API request the way the org would (JSON bodies, status codes). */
  handle(request: ApiRequest): ApiResponse {
    try {
      return this.route(request);
    } catch (error) {
      if (error instanceof ApiError)
        return { status: error.status, body: { status: error.status, code: error.code, message: error.message } };
      throw error;
    }
  }

  private route(request: ApiRequest): ApiResponse {
    const url = requestUrl(request.url);
    const segments = url.pathname.split("/").slice(1).map(decodePathSegment);
    // Every route below has its parameters at segments 4 and 6: /api/v2/<area>/<collection>/{id}/<sub>/{id}
    const route = `${request.method} /${segments.map((s, i) => (i === 4 || i === 6 ? "{}" : s)).join("/")}`;
    switch (route) {
      case "POST /api/v2/flows/datatables/{}/rows":
        return this.insertRow(segments[4], parseBody(request));
      case "GET /api/v2/flows/datatables/{}/rows/{}":
        return { status: 200, body: this.existingRow(segments[4], segments[6]) };
      case "PUT /api/v2/flows/datatables/{}/rows/{}":
        return this.updateRow(segments[4], segments[6], parseBody(request));
      case "DELETE /api/v2/flows/datatables/{}/rows/{}": {
        const before = this.existingRow(segments[4], segments[6]);
        const table = this.table(segments[4]);
        table.rows.delete(segments[6]);
        this.onChange({ kind: "rowDeleted", table: table.name, key: segments[6], before });
        return { status: 204, body: null };
      }
      case "GET /api/v2/outbound/contactlists/{}/contacts/{}": {
        const contact = this.contact(segments[4], segments[6]);
        if (!contact) throw new ApiError(404, "not.found", `contact ${segments[6]} not found in contact list ${segments[4]}`);
        return { status: 200, body: cloneData(contact) };
      }
      case "POST /api/v2/outbound/contactlists/{}/contacts":
        return this.addContacts(segments[4], parseBody(request), url.searchParams);
      default:
        throw new ApiError(404, "not.found", `the in-memory org does not implement ${request.method} ${url.pathname}`);
    }
  }

  private table(id: string): DataTableState {
    const table = this.tablesById.get(id);
    if (!table) throw new ApiError(404, "not.found", `data table ${id} not found`);
    return table;
  }

  private existingRow(tableId: string, key: string): Row {
    const row = this.table(tableId).rows.get(key);
    if (!row) throw new ApiError(404, "flows.datatables.row.not.found", `row "${key}" not found in data table ${tableId}`);
    return { ...row };
  }

  private insertRow(tableId: string, body: unknown): ApiResponse {
    const table = this.table(tableId);
    const row = this.validatedRow(table, body);
    // The platform's status for a duplicate key is undocumented; any failure takes the workflow's failure path.
    if (table.rows.has(String(row.key))) throw new ApiError(409, "flows.datatables.duplicate.key", `row "${row.key}" already exists`);
    table.rows.set(String(row.key), row);
    this.onChange({ kind: "rowInserted", table: table.name, key: String(row.key), row: { ...row } });
    return { status: 200, body: { ...row } };
  }

  private updateRow(tableId: string, key: string, body: unknown): ApiResponse {
    const table = this.table(tableId);
    const before = this.existingRow(tableId, key);
    const row = this.validatedRow(table, body);
    if (row.key !== key) throw new ApiError(400, "bad.request", `the row's key "${row.key}" does not match the row id "${key}"`);
    table.rows.set(key, row);
    this.onChange({ kind: "rowUpdated", table: table.name, key, before, row: { ...row } });
    return { status: 200, body: { ...row } };
  }

  /** The table schema's rules: key required, no unknown field, typed values, defaults for the rest. */
  private validatedRow(table: DataTableState, body: unknown): Row {
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new ApiError(400, "bad.request", "the row must be a JSON object");
    const input = body as Record<string, unknown>;
    if (typeof input.key !== "string" || input.key === "") throw new ApiError(400, "bad.request", "the row's key is required");
    const row: Row = { key: input.key };
    const columns = columnsOf(table.definition);
    for (const field of Object.keys(input)) {
      if (field !== "key" && !columns.has(field))
        throw new ApiError(400, "bad.request", `field "${field}" is not in the schema of ${table.name}`);
    }
    for (const column of columns.values()) {
      const value = input[column.name] ?? defaultValue(column.type, column.default);
      if (!matchesType(value, column.type)) throw new ApiError(400, "bad.request", `field "${column.name}" must be ${column.type}`);
      row[column.name] = value as string | number | boolean;
    }
    return row;
  }

  private contactList(id: string): Map<string, DialerContact> {
    let list = this.contactLists.get(id);
    if (!list) this.contactLists.set(id, (list = new Map()));
    return list;
  }

  /** POST .../contacts: updates contacts sent with an existing id, creates the others, re-queues per the flags. */
  private addContacts(contactListId: string, body: unknown, query: URLSearchParams): ApiResponse {
    if (!Array.isArray(body)) throw new ApiError(400, "bad.request", "the body must be an array of contacts");
    const priority = query.get("priority") === "true";
    const clearSystemData = query.get("clearSystemData") === "true";
    const doNotQueue = query.get("doNotQueue") === "true";
    const list = this.contactList(contactListId);
    const saved = body.map((item: Models.WritableDialerContact) => {
      if (item.contactListId !== contactListId)
        throw new ApiError(400, "bad.request", "contactListId of a contact does not match the list");
      if (typeof item.data !== "object" || item.data === null) throw new ApiError(400, "bad.request", "a contact needs its data");
      const existing = item.id ? list.get(item.id) : undefined;
      const id = item.id ?? `contact-${this.nextContactNumber++}`;
      const contact: DialerContact = {
        ...(existing ?? {}),
        id,
        contactListId,
        data: { ...item.data }, // the body's data replaces the stored map: a partial body loses columns
        callRecords: clearSystemData || !existing ? {} : existing.callRecords,
      };
      list.set(id, contact);
      const dataChanged = !existing || JSON.stringify(existing.data) !== JSON.stringify(contact.data);
      this.onChange({ kind: "contactSaved", contactListId, contactId: id, created: !existing, dataChanged });
      // doNotQueue only matters for updated contacts; new ones are always queued.
      if (!existing || !doNotQueue) {
        const queued = { contactListId, contactId: id, priority, at: this.now };
        this.dialerQueue.push(queued);
        this.onChange({ kind: "contactQueued", queued });
      }
      return cloneData(contact);
    });
    return { status: 200, body: saved };
  }
}

/** A path with a plain query, as the data actions' URL templates render them: split without URL's normalization work. */
const PLAIN_URL = /^\/[A-Za-z0-9\-._~%+!$'()*,;:@/]*(\?[A-Za-z0-9\-._~%+!$'()*,;:@/=&]*)?$/;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|\?|$)/;

/** The path and query of a request URL (relative to the org's API host), as WHATWG URL parses it. */
function requestUrl(url: string): { readonly pathname: string; readonly searchParams: URLSearchParams } {
  if (!PLAIN_URL.test(url) || DOT_SEGMENT.test(url) || url.startsWith("//")) return new URL(url, "https://api.example.invalid");
  const query = url.indexOf("?");
  return query === -1
    ? { pathname: url, searchParams: new URLSearchParams() }
    : { pathname: url.slice(0, query), searchParams: new URLSearchParams(url.slice(query + 1)) };
}

type Column = DataTableDefinition["columns"][number];
const columnsByDefinition = new WeakMap<DataTableDefinition, ReadonlyMap<string, Column>>();

/** A table's columns by name, once per table definition. */
function columnsOf(definition: DataTableDefinition): ReadonlyMap<string, Column> {
  let columns = columnsByDefinition.get(definition);
  if (!columns) columnsByDefinition.set(definition, (columns = new Map(definition.columns.map((column) => [column.name, column]))));
  return columns;
}

/**
 * Path segments decoded the way a form-decoding server would: a raw "+" becomes a space. Whether
 * Genesys does this is unverified; it is the failure an unencoded E.164 key would meet, so the
 * model assumes it and the replay catches a template that forgets to encode.
 */
function decodePathSegment(segment: string): string {
  return decodeURIComponent(segment.replace(/\+/g, " "));
}

function parseBody(request: ApiRequest): unknown {
  try {
    return JSON.parse(request.body ?? "");
  } catch {
    throw new ApiError(400, "bad.request", "the request body is not valid JSON");
  }
}

function defaultValue(type: string, text: string): string | number | boolean {
  if (type === "integer" || type === "number") return Number(text);
  if (type === "boolean") return text === "true";
  return text;
}

function matchesType(value: unknown, type: string): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "number") return typeof value === "number";
  return typeof value === type;
}
