/**
 * What the three row actions share: the row of the retries table as contracts, JSON body and
 * response mapping, all derived from RETRIES_TABLE so a column is named in one place only.
 */
import { PLATFORM_LIMITS } from "../genesys/limits";
import { RETRIES_TABLE, type ColumnType } from "../tables/definitions";
import { JSON_SCHEMA_DRAFT_04 } from "./options";
import type { ApiEndpoint, ContractSchema, DataActionResponse, JsonSchema } from "./spec";
import { jsonNumberInput, jsonObjectOfTranslatedValues, jsonStringInput, urlInput } from "./velocity";

/** The table's key column; the row id in the API path is its value. */
export const ROW_KEY = "key";
/** Input carrying the id of the retries table (the workflow passes it from a flow substitution). */
export const DATATABLE_ID_INPUT = "datatableId";

export const ROWS_PATH = "/api/v2/flows/datatables/{datatableId}/rows";
export const ROW_PATH = "/api/v2/flows/datatables/{datatableId}/rows/{rowId}";

/** Key first, then the columns in table order. */
export const ROW_FIELDS: readonly string[] = [ROW_KEY, ...RETRIES_TABLE.columns.map((column) => column.name)];

const datatableIdSchema: JsonSchema = {
  type: "string",
  minLength: 1,
  description: "Id of the retries data table.",
};

const keySchema: JsonSchema = {
  type: "string",
  minLength: 1,
  maxLength: PLATFORM_LIMITS.dataTableKeyMaxLength,
  description: `Row key (${RETRIES_TABLE.keyTitle}).`,
};

function columnSchema(type: ColumnType, title: string): JsonSchema {
  return { type, description: title };
}

function rowProperties(): Record<string, JsonSchema> {
  return {
    [ROW_KEY]: keySchema,
    ...Object.fromEntries(RETRIES_TABLE.columns.map((column) => [column.name, columnSchema(column.type, column.title)])),
  };
}

/** Inputs of insert and update: the table id and every field of the row (a full row, so no column silently resets). */
export function fullRowInputContract(title: string): ContractSchema {
  return {
    $schema: JSON_SCHEMA_DRAFT_04,
    title,
    type: "object",
    properties: { [DATATABLE_ID_INPUT]: datatableIdSchema, ...rowProperties() },
    required: [DATATABLE_ID_INPUT, ...ROW_FIELDS],
    additionalProperties: false,
  };
}

/** Inputs of delete: the table id and the key. */
export function rowKeyInputContract(title: string): ContractSchema {
  return {
    $schema: JSON_SCHEMA_DRAFT_04,
    title,
    type: "object",
    properties: { [DATATABLE_ID_INPUT]: datatableIdSchema, [ROW_KEY]: keySchema },
    required: [DATATABLE_ID_INPUT, ROW_KEY],
    additionalProperties: false,
  };
}

/** The row as the API returns it. */
export function rowOutputContract(title: string): ContractSchema {
  return {
    $schema: JSON_SCHEMA_DRAFT_04,
    title,
    type: "object",
    properties: rowProperties(),
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

export const rowsUrlTemplate = `/api/v2/flows/datatables/${urlInput(DATATABLE_ID_INPUT)}/rows`;
export const rowUrlTemplate = `/api/v2/flows/datatables/${urlInput(DATATABLE_ID_INPUT)}/rows/${urlInput(ROW_KEY)}`;

export const rowPathParameterInputs: ApiEndpoint["pathParameterInputs"] = { datatableId: DATATABLE_ID_INPUT, rowId: ROW_KEY };
