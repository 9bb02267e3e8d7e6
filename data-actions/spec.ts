/**
 * Typed model of a Genesys Cloud data action (Genesys Cloud Data Actions integration), as the
 * platform stores it: contracts, request, response. Specifications in this folder are plain values
 * of these types; constructs/data-actions.ts turns them into `genesyscloud_integration_action`.
 * Templates are written here exactly as Genesys runs them (Velocity); escaping for Terraform happens
 * in one place (terraform-escape.ts).
 */

/** The JSON Schema draft-04 subset Genesys accepts for data action contracts. */
export type JsonSchemaType = "string" | "integer" | "number" | "boolean" | "object" | "array";

export interface JsonSchema {
  readonly $schema?: "http://json-schema.org/draft-04/schema#";
  readonly title?: string;
  readonly description?: string;
  readonly type: JsonSchemaType;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  /** ECMA 262 regular expression (draft-04); written so Java's regex reads it the same way. */
  readonly pattern?: string;
  readonly enum?: readonly (string | number | boolean)[];
}

/** A contract is always an object schema; its property names are what Architect's Call Data Action shows. */
export interface ContractSchema extends JsonSchema {
  readonly type: "object";
  readonly properties: Readonly<Record<string, JsonSchema>>;
}

/** Values only the deployment knows, held in a spec's templates as placeholders (deployment-values.ts). */
export type DeploymentValue = "retriesTableId";

export type HttpMethod = "GET" | "PUT" | "POST" | "PATCH" | "DELETE";

/** What a request holds besides its method and URL, which derive from the endpoint (request-url.ts). */
export interface DataActionRequest {
  /** Velocity template of the JSON body; every string input escaped with $esc.jsonString. */
  readonly bodyTemplate: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface DataActionResponse {
  /** Output name → JSONPath into the raw API response. */
  readonly translationMap: Readonly<Record<string, string>>;
  /** Output name → default (JSON text) when the JSONPath does not resolve. */
  readonly translationMapDefaults: Readonly<Record<string, string>>;
  /** Velocity template building the action's result from the translation map values. */
  readonly successTemplate: string;
}

/** The Genesys Cloud API operation an action calls, as the official SDK names it (checked in tests). */
export interface ApiEndpoint {
  readonly method: HttpMethod;
  /** Path as in the API reference, e.g. /api/v2/flows/datatables/{datatableId}/rows */
  readonly path: string;
  /** Query parameter → its value in every call (fixed at synth), in the order the URL lists them. */
  readonly queryParameters: Readonly<Record<string, string>>;
  /** Path parameter (as in `path`) → the input whose value fills it, e.g. { rowId: "key" }. */
  readonly pathParameterInputs: Readonly<Record<string, string>>;
  /** Path parameter → the deployment value fixed into the URL at synth, e.g. { datatableId: "retriesTableId" }. */
  readonly pathParameterDeploymentValues: Readonly<Record<string, DeploymentValue>>;
  /** Permissions the endpoint requires of the integration's OAuth client. */
  readonly permissions: readonly string[];
}

export interface DataActionSpec extends DataActionSpecBody {
  /** Stable id derived from the action's key (dataActionId), e.g. "insert-row". Changing it replaces the action. */
  readonly id: string;
  /**
   * Literal values of the deployment values (replay, tests: the action as Genesys runs it after apply).
   * Absent, the URL holds placeholders the DataAction construct fills with Terraform references.
   */
  readonly deploymentValues?: Readonly<Partial<Record<DeploymentValue, string>>>;
}

/** What a specification file defines: everything but the id, which comes from the action's key. */
export interface DataActionSpecBody {
  /** Name in the org before the environment's prefix is added. Referenced by the workflows. */
  readonly baseName: string;
  readonly description: string;
  readonly endpoint: ApiEndpoint;
  readonly inputContract: ContractSchema;
  readonly outputContract: ContractSchema;
  readonly request: DataActionRequest;
  readonly response: DataActionResponse;
  /** Execution timeout enforced by the platform, 1–60 s. */
  readonly timeoutSeconds: number;
}
