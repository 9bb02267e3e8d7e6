import { RESUBMIT_CONTACT_INPUTS, dataActionSpecs, specsWithDeploymentValues, type DataActionSpecs } from "../../../data-actions";
import type { DataActionSpec, JsonSchema } from "../../../data-actions/spec";

export const DEFAULT_OPTIONS = { timeoutSeconds: 15, resubmit: { priority: true, clearSystemData: false } } as const;

/** The retries table's id as the tests deploy it. */
export const RETRIES_TABLE_ID = "0b2c4d6e-aaaa-4bbb-8ccc-000000000001";

/** The specs as written, with the deployment's placeholders (what the construct receives). */
export const specTemplates: DataActionSpecs = dataActionSpecs(DEFAULT_OPTIONS);
/** The specs as Genesys runs them after apply: the retries table's id in the row actions' URL. */
export const specs: DataActionSpecs = specsWithDeploymentValues(specTemplates, { retriesTableId: RETRIES_TABLE_ID });
export const allSpecs: DataActionSpec[] = Object.values(specs);

/**
 * An input for every property of a contract: strings from `text(name)`, integers from `integer(name)`;
 * the JSON-text input contactDataJson as a data map holding `text(name)`.
 */
export function inputFor(
  spec: DataActionSpec,
  text: (name: string) => string,
  integer: (name: string) => number = () => 3,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(spec.inputContract.properties).map(([name, schema]: [string, JsonSchema]) => {
      if (name === RESUBMIT_CONTACT_INPUTS.contactDataJson) return [name, JSON.stringify({ phone: text(name) })];
      if (schema.type === "string") return [name, text(name)];
      if (schema.type === "integer") return [name, integer(name)];
      throw new Error(`${spec.id}: no sample for input ${name} of type ${schema.type}`);
    }),
  );
}
