/**
 * Values of a data action that only the deployment knows: the id of the retries table, which is part
 * of the row actions' URL (so no flow can point the actions at another table). A spec's template holds
 * a placeholder for it; the DataAction construct fills it with a Terraform reference at synth (after
 * escaping the template for Terraform), a replay or test with a literal id.
 */
import type { DataActionSpec, DeploymentValue } from "./spec";

/** Text of a placeholder: no meaning to Velocity or to Terraform, so it survives both untouched until filled. */
export function deploymentValuePlaceholder(name: DeploymentValue): string {
  return `@@${name}@@`;
}

const PLACEHOLDER = /@@([A-Za-z]+)@@/g;

/** The names of the placeholders a text holds. */
export function deploymentValuesIn(text: string): DeploymentValue[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as DeploymentValue);
}

/**
 * Replaces every placeholder by its value, given in the target's syntax (a Terraform expression, or a
 * URL path segment). Throws for a placeholder without a value: a template must never reach Genesys with one.
 */
export function fillDeploymentValues(text: string, values: Readonly<Partial<Record<DeploymentValue, string>>>): string {
  return text.replace(PLACEHOLDER, (_placeholder, name: DeploymentValue) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for the data action placeholder ${name}`);
    return value;
  });
}

/** URL encoding as Terraform's urlencode() does it: only letters, digits and `-_.~` stay, a space becomes `+` (checked through terraform). */
export function urlEncodeLikeTerraform(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** A spec whose request URL holds literal ids instead of placeholders (replay, tests): what Genesys runs after apply. */
export function withDeploymentValues(spec: DataActionSpec, ids: Readonly<Partial<Record<DeploymentValue, string>>>): DataActionSpec {
  return { ...spec, deploymentValues: { ...spec.deploymentValues, ...ids } };
}
