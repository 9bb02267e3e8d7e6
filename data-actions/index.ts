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
import type { DataActionSpec, DataActionSpecBody, DeploymentValue } from "./spec";
import { updateRowSpec } from "./update-row";

export { GET_CONTACT_INPUTS, GET_CONTACT_OUTPUTS } from "./get-contact";
export { RESUBMIT_CONTACT_INPUTS } from "./resubmit-contact";
export { ROW_KEY } from "./retries-row";

/** The one identity of each data action; its id, names, substitution key and output name derive from it. */
export const DATA_ACTION_KEYS = ["insertRow", "updateRow", "deleteRow", "getContact", "resubmitContact"] as const;
export type DataActionKey = (typeof DATA_ACTION_KEYS)[number];

export type DataActionSpecs = Readonly<Record<DataActionKey, DataActionSpec>>;

/** The action's stable id ("insert-row"): its construct id, its key under adopt.dataActionIds, its name in replay faults. */
export function dataActionId(key: DataActionKey): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

const SPEC_BUILDERS: Readonly<Record<DataActionKey, (options: DataActionSpecOptions) => DataActionSpecBody>> = {
  insertRow: insertRowSpec,
  updateRow: updateRowSpec,
  deleteRow: deleteRowSpec,
  getContact: getContactSpec,
  resubmitContact: resubmitContactSpec,
};

export function dataActionSpecs(options: DataActionSpecOptions): DataActionSpecs {
  return Object.fromEntries(DATA_ACTION_KEYS.map((key) => [key, { id: dataActionId(key), ...SPEC_BUILDERS[key](options) }])) as Record<
    DataActionKey,
    DataActionSpec
  >;
}

/** Every permission the actions' endpoints need, sorted, each once: what the integration's role is granted. */
export function requiredPermissions(specs: readonly DataActionSpec[]): string[] {
  return [...new Set(specs.flatMap((spec) => spec.endpoint.permissions))].sort();
}

/** Every spec with literal ids in place of its placeholders (replay, tests): the actions as Genesys runs them after apply. */
export function specsWithDeploymentValues(specs: DataActionSpecs, ids: Readonly<Record<DeploymentValue, string>>): DataActionSpecs {
  return Object.fromEntries(DATA_ACTION_KEYS.map((key) => [key, withDeploymentValues(specs[key], ids)])) as DataActionSpecs;
}
