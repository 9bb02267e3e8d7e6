/**
 * What the three row actions share: the row of the retries table as contracts, JSON body and
 * response mapping, all derived from RETRIES_TABLE so a column is named in one place only.
 */
import { PLATFORM_LIMITS } from "../genesys/limits";
import { RETRIES_TABLE, type ColumnType } from "../tables/definitions";
import { JSON_SCHEMA_DRAFT_04 } from "./options";
import type { ApiEndpoint, ContractSchema, DataActionResponse, JsonSchema } from "./spec";
import { ID_PATTERN, OPTIONAL_ID_PATTERN } from "./options";
import { jsonNumberInput, jsonObjectOfTranslatedValues, jsonStringInput } from "./velocity";

/** The table's key column; the row id in the API path is its value. */
export const ROW_KEY = "key";
/**
 * Row keys: E.164 numbers (`+` and digits), conversation ids, carry keys (`contact:<list id>:<contact id>`).
 * No `/`, `.`, `?`, `#` or `%`, so a key cannot leave its path segment even before encoding.
 */
const ROW_KEY_PATTERN = "^[A-Za-z0-9+:-]+$";

export const ROWS_PATH = "/api/v2/flows/datatables/{datatableId}/rows";
export const ROW_PATH = "/api/v2/flows/datatables/{datatableId}/rows/{rowId}";

/** Key first, then the columns in table order. */
export const ROW_FIELDS: readonly string[] = [ROW_KEY, ...RETRIES_TABLE.columns.map((column) => column.name)];

const keySchema: JsonSchema = {
  type: "string",
  minLength: 1,
  maxLength: PLATFORM_LIMITS.dataTableKeyMaxLength,
  pattern: ROW_KEY_PATTERN,
  description: `Row key (${RETRIES_TABLE.keyTitle}).`,
};

/** Columns that hold Genesys ids carry the id pattern; conversationId is empty in carry rows. */
const ID_COLUMN_PATTERNS: Readonly<Record<string, string>> = {
  contactId: ID_PATTERN,
  contactListId: ID_PATTERN,
  conversationId: OPTIONAL_ID_PATTERN,
};

function columnSchema(type: ColumnType, name: string, title: string): JsonSchema {
  const pattern = ID_COLUMN_PATTERNS[name];
  return pattern === undefined ? { type, description: title } : { type, pattern, description: title };
}

function rowProperties(): Record<string, JsonSchema> {
  return {
    [ROW_KEY]: keySchema,
    ...Object.fromEntries(RETRIES_TABLE.columns.map((column) => [column.name, columnSchema(column.type, column.name, column.title)])),
  };
}

/** Inputs of insert and update: every field of the row (a full row, so no column silently resets). The table is in the URL. */
export function fullRowInputContract(title: string): ContractSchema {
  return {
    $schema: JSON_SCHEMA_DRAFT_04,
    title,
    type: "object",
    properties: rowProperties(),
    required: [...ROW_FIELDS],
    additionalProperties: false,
  };
}

/** Inputs of delete: the key. */
export function rowKeyInputContract(title: string): ContractSchema {
  return {
    $schema: JSON_SCHEMA_DRAFT_04,
    title,
    type: "object",
    properties: { [ROW_KEY]: keySchema },
    required: [ROW_KEY],
    additionalProperties: false,
  };
}

/** The row as the API returns it (types only: the output is what the table holds). */
export function rowOutputContract(title: string): ContractSchema {
  return {
    $schema: JSON_SCHEMA_DRAFT_04,
    title,
    type: "object",
    properties: {
      [ROW_KEY]: { type: "string", description: keySchema.description },
      ...Object.fromEntries(RETRIES_TABLE.columns.map((column) => [column.name, { type: column.type, description: column.title }])),
    },
    required: [...ROW_FIELDS],
    additionalProperties: false,
  };
}

/** `{"key": "...", "contactId": "...", "attempts": 2, ...}`: strings escaped, numbers unquoted. */
export function rowBodyTemplate(): string {
  const fields = [
    `"${ROW_KEY}": ${jsonStringInput(ROW_KEY)}`,
    ...RETRIES_TABLE.columns.map(
      (column) => `"${column.name}": ${column.type === "string" ? jsonStringInput(column.name) : jsonNumberInput(column.name)}`,
    ),
  ];
  return `{${fields.join(", ")}}`;
}

/** The row returned by POST/PUT, mapped field by field; a column the platform leaves out takes the table default. */
export function rowResponse(): DataActionResponse {
  return {
    translationMap: Object.fromEntries(ROW_FIELDS.map((field) => [field, `$.${field}`])),
    translationMapDefaults: Object.fromEntries(
      RETRIES_TABLE.columns.map((column) => [column.name, column.type === "string" ? JSON.stringify(column.default) : column.default]),
    ),
    successTemplate: jsonObjectOfTranslatedValues(ROW_FIELDS),
  };
}

/** The retries table's id is fixed into the URL at synth: the actions reach no other table. */
export const rowPathParameterDeploymentValues: ApiEndpoint["pathParameterDeploymentValues"] = { datatableId: "retriesTableId" };
export const rowPathParameterInputs: ApiEndpoint["pathParameterInputs"] = { rowId: ROW_KEY };
