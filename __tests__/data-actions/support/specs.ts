import { RESUBMIT_CONTACT_INPUTS, dataActionSpecs, type DataActionSpecs } from "../../../data-actions";
import type { DataActionSpec, JsonSchema } from "../../../data-actions/spec";

export const DEFAULT_OPTIONS = { timeoutSeconds: 15, resubmit: { priority: true, clearSystemData: false } } as const;

export const specs: DataActionSpecs = dataActionSpecs(DEFAULT_OPTIONS);
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
