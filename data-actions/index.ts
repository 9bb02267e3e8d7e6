/**
 * The data actions of preview retries, keyed. Workflows reference actions through this object
 * (names, input and output fields), so each fact is defined once.
 */
import { deleteRowSpec } from "./delete-row";
import { withDeploymentValues } from "./deployment-values";
import { getContactSpec } from "./get-contact";
import { insertRowSpec } from "./insert-row";
import type { DataActionSpecOptions } from "./options";
import { resubmitContactSpec } from "./resubmit-contact";
import type { DataActionSpec, DeploymentValue } from "./spec";
import { updateRowSpec } from "./update-row";

export type { DataActionSpecOptions } from "./options";
export { GET_CONTACT_INPUTS, GET_CONTACT_OUTPUTS } from "./get-contact";
export { RESUBMIT_CONTACT_INPUTS, RESUBMIT_CONTACT_OUTPUTS } from "./resubmit-contact";
export { ROW_FIELDS, ROW_KEY } from "./retries-row";
export { withDeploymentValues } from "./deployment-values";

export interface DataActionSpecs {
  readonly insertRow: DataActionSpec;
  readonly updateRow: DataActionSpec;
  readonly deleteRow: DataActionSpec;
  readonly getContact: DataActionSpec;
  readonly resubmitContact: DataActionSpec;
}

export type DataActionKey = keyof DataActionSpecs;

export function dataActionSpecs(options: DataActionSpecOptions): DataActionSpecs {
  return {
    insertRow: insertRowSpec(options),
    updateRow: updateRowSpec(options),
    deleteRow: deleteRowSpec(options),
    getContact: getContactSpec(options),
    resubmitContact: resubmitContactSpec(options),
  };
}

/** Name of an action in an environment's org. */
export function dataActionName(spec: Pick<DataActionSpec, "baseName">, namePrefix: string): string {
  return `${namePrefix}${spec.baseName}`;
}

/** Every permission the actions' endpoints need, sorted, each once: what the integration's role is granted. */
export function requiredPermissions(specs: readonly DataActionSpec[]): string[] {
  return [...new Set(specs.flatMap((spec) => spec.endpoint.permissions))].sort();
}

/** Every spec with literal ids in place of its placeholders (replay, tests): the actions as Genesys runs them after apply. */
export function specsWithDeploymentValues(specs: DataActionSpecs, ids: Readonly<Record<DeploymentValue, string>>): DataActionSpecs {
  return Object.fromEntries(
    Object.entries(specs).map(([key, spec]) => [key, withDeploymentValues(spec, ids)]),
  ) as unknown as DataActionSpecs;
}
