/**
 * Executes data action specifications offline, the way the Genesys Cloud Data Actions service does:
 * Velocity request templates with the `$esc` tool, JSONPath translation maps, a Velocity success
 * template, and draft-04 contracts. Used by the tests and by offline replay; never by Terraform.
 *
 * Modelled behaviour (from Genesys's help pages "Request configuration", "Response configuration",
 * "Velocity macros for data actions"):
 * - translation-map values reach the success template as JSON text (`${name}` of a string renders
 *   with its quotes); a definite JSONPath that does not resolve takes its default, or fails the action;
 *   an indefinite path (wildcard, filter, recursive descent) yields a JSON array, possibly empty;
 * - `$esc.jsonString(s)` escapes s for use inside a JSON string literal (no quotes added);
 * - `$esc.url(s)` is Velocity EscapeTool's url(), i.e. Java's URLEncoder (UTF-8): like
 *   encodeURIComponent, except a space becomes `+` and `!'()~` are percent-encoded;
 * - strings have the Java String methods velocityjs lacks (velocity-portability.ts JAVA_STRING_METHODS).
 * The tests render every template with Apache Velocity too and require identical output.
 */
import Ajv, { type ErrorObject } from "ajv-draft-04";
import { JSONPath } from "jsonpath-plus";
import { Compile, parse } from "velocityjs";
import type { DataActionResponse, DataActionSpec, HttpMethod, JsonSchema } from "./spec";
import { javaStringMethodHandlers } from "./velocity-portability";
import { requestUrlTemplate } from "./request-url";

export class DataActionExecutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataActionExecutionError";
  }
}

/** The subset of Genesys's `$esc` tool the specs use. */
export interface EscapeTool {
  jsonString(value: unknown): string;
  url(value: unknown): string;
}

export const escapeTool: EscapeTool = {
  jsonString: (value) => JSON.stringify(String(value)).slice(1, -1),
  url: (value) =>
    encodeURIComponent(String(value))
      .replace(/%20/g, "+")
      .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`),
};

/** Names the platform puts into the success template besides the translation map. */
const RESERVED_TEMPLATE_NAMES = new Set(["esc", "rawResult", "input", "math", "successTemplateUtils"]);

/** A template and the names it is rendered with (besides the platform's `$esc`): what both engines get in the tests. */
export interface VelocityJob {
  readonly template: string;
  readonly context: Readonly<Record<string, unknown>>;
}

/** How Genesys's Velocity behaves, as velocityjs options: no HTML escaping, and Java's String methods. */
const VELOCITY_CONFIG = { escape: false, customMethodHandlers: javaStringMethodHandlers };

/** One render of a template; the prepared path below is the same engine with the template parsed once. */
export function renderVelocity(template: string, context: Readonly<Record<string, unknown>>): string {
  return preparedVelocity(template)(context);
}

const ajv = new Ajv({ allErrors: true, strict: true });

/** Ajv's errors as readable lines: where, then what. */
function violationLines(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`);
}

/** Whether a schema is itself a valid draft-04 schema (against the draft-04 meta-schema). */
export function schemaViolations(schema: JsonSchema): string[] {
  if (ajv.validateSchema(schema)) return [];
  return violationLines(ajv.errors);
}

export interface RenderedRequest {
  readonly method: HttpMethod;
  /** Relative URL with query string, as Genesys calls it on the org's API host. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Request body text; empty when the action sends none. */
  readonly body: string;
}

/** The request's templates (URL, body, each header value) with the context Genesys renders them in. */
export function requestJobs(
  spec: DataActionSpec,
  input: Readonly<Record<string, unknown>>,
): { url: VelocityJob; body: VelocityJob; headers: Record<string, VelocityJob> } {
  const context = { input };
  return {
    url: { template: requestUrlTemplate(spec), context },
    body: { template: spec.request.bodyTemplate, context },
    headers: Object.fromEntries(Object.entries(spec.request.headers).map(([name, template]) => [name, { template, context }])),
  };
}

/** Validates the input against the input contract, then renders URL, headers and body. */
export function renderRequest(spec: DataActionSpec, input: Readonly<Record<string, unknown>>): RenderedRequest {
  return prepareDataAction(spec).renderRequest(input);
}

/** A JSONPath that can select several nodes; Genesys returns such results as arrays. */
export function isIndefiniteJsonPath(path: string): boolean {
  return /\*|\.\.|\[\?|\[[^\]]*[,:][^\]]*\]/.test(path);
}

/** Output name → JSON text of the value its JSONPath selects in the API response. */
export function applyTranslationMap(response: DataActionResponse, rawResult: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, path] of Object.entries(response.translationMap)) {
    if (RESERVED_TEMPLATE_NAMES.has(name)) throw new DataActionExecutionError(`translation map name "${name}" is reserved`);
    const matches = JSONPath({ path, json: rawResult as object, wrap: true }) as unknown[];
    if (isIndefiniteJsonPath(path)) {
      values[name] = JSON.stringify(matches);
    } else if (matches.length > 0) {
      values[name] = JSON.stringify(matches[0]);
    } else if (name in response.translationMapDefaults) {
      values[name] = response.translationMapDefaults[name];
    } else {
      throw new DataActionExecutionError(`translation map "${name}": ${path} does not resolve and has no default`);
    }
  }
  return values;
}

/** The success template with the translation map's values and `rawResult`, as Genesys renders it. */
export function successJob(spec: DataActionSpec, rawResult: unknown): VelocityJob {
  const values = applyTranslationMap(spec.response, rawResult);
  return { template: spec.response.successTemplate, context: { ...values, rawResult: JSON.stringify(rawResult) } };
}

/**
 * Translation map, success template, then the output contract: the action's result as a flow
 * receives it. Throws where Genesys would take the action's Failure path.
 */
export function translateResponse(spec: DataActionSpec, rawResult: unknown): Record<string, unknown> {
  return prepareDataAction(spec).translateResponse(rawResult);
}

// ---------------------------------------------------------------------------------------------
// Prepared once, run many times: the replay executes each specification tens of thousands of times.
// Each template is parsed, each contract compiled, on its first use (so a broken part fails where
// and when it did when everything was prepared per call); results are identical to the per-call path.
// ---------------------------------------------------------------------------------------------

/** A data action specification with its templates parsed and its contracts compiled. */
export interface PreparedDataAction {
  readonly spec: DataActionSpec;
  /** Validates the input against the input contract, then renders URL, headers and body. */
  renderRequest(input: Readonly<Record<string, unknown>>): RenderedRequest;
  /** Translation map, success template, then the output contract. */
  translateResponse(rawResult: unknown): Record<string, unknown>;
}

const preparedActions = new WeakMap<DataActionSpec, PreparedDataAction>();

/** The specification prepared for repeated execution (one preparation per specification object). */
export function prepareDataAction(spec: DataActionSpec): PreparedDataAction {
  let prepared = preparedActions.get(spec);
  if (!prepared) preparedActions.set(spec, (prepared = newPreparedDataAction(spec)));
  return prepared;
}

function newPreparedDataAction(spec: DataActionSpec): PreparedDataAction {
  const inputViolations = preparedContract(spec.inputContract);
  const outputViolations = preparedContract(spec.outputContract);
  const url = preparedVelocity(requestUrlTemplate(spec));
  const headers = Object.entries(spec.request.headers).map(([name, value]) => [name, preparedVelocity(value)] as const);
  const body = preparedVelocity(spec.request.bodyTemplate);
  const successTemplate = preparedVelocity(spec.response.successTemplate);
  // The raw response's text is only made for a template that reads it.
  const readsRawResult = spec.response.successTemplate.includes("rawResult");
  return {
    spec,
    renderRequest(input) {
      const violations = inputViolations(input);
      if (violations.length > 0) {
        throw new DataActionExecutionError(`${spec.id}: input does not match the input contract: ${violations.join("; ")}`);
      }
      const context = { input };
      return {
        method: spec.endpoint.method,
        url: url(context),
        headers: Object.fromEntries(headers.map(([name, template]) => [name, template(context)])),
        body: body(context),
      };
    },
    translateResponse(rawResult) {
      const values = applyTranslationMap(spec.response, rawResult);
      const text = successTemplate(readsRawResult ? { ...values, rawResult: JSON.stringify(rawResult) } : values);
      let output: unknown;
      try {
        output = JSON.parse(text);
      } catch (error) {
        throw new DataActionExecutionError(`${spec.id}: success template did not render JSON (${(error as Error).message}): ${text}`);
      }
      const violations = outputViolations(output);
      if (violations.length > 0) {
        throw new DataActionExecutionError(`${spec.id}: result does not match the output contract: ${violations.join("; ")}`);
      }
      return output as Record<string, unknown>;
    },
  };
}

/** A template parsed once, rendered with Genesys's `$esc` and VELOCITY_CONFIG (what velocityjs `render` does per call). */
function preparedVelocity(template: string): (context: Readonly<Record<string, unknown>>) => string {
  // Text without a reference or a directive renders as itself (headers, empty bodies).
  if (!/[$#\\]/.test(template)) return () => template;
  let asts: ReturnType<typeof parse> | undefined;
  return (context) => {
    asts ??= parse(template);
    // A Compile holds per-render state (#set locals, #stop): a fresh one per render, sharing the parsed template.
    return new Compile(asts, VELOCITY_CONFIG).render({ esc: escapeTool, ...context }, undefined);
  };
}

/** Problems of a value against a contract, as readable lines (empty when it conforms), the schema compiled once. */
function preparedContract(schema: JsonSchema): (value: unknown) => string[] {
  let validate: ReturnType<typeof ajv.compile> | undefined;
  return (value) => {
    validate ??= ajv.compile(schema);
    if (validate(value)) return [];
    return violationLines(validate.errors);
  };
}
