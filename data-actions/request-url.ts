/**
 * A data action's request URL, derived from its endpoint so the two cannot disagree: each `{param}`
 * of the path becomes the Velocity of the input that fills it (`$esc.url($input.name)`) or the
 * deployment value fixed into it (a placeholder until synth; the literal id, URL-encoded as
 * Terraform's urlencode() does, once the spec carries it), followed by the fixed query string.
 */
import { deploymentValuePlaceholder, urlEncodeLikeTerraform } from "./deployment-values";
import type { DataActionSpec } from "./spec";
import { urlInput } from "./velocity";

/** The Velocity template of the request's relative URL (with query string). Throws for a path parameter nothing fills. */
export function requestUrlTemplate(spec: Pick<DataActionSpec, "endpoint" | "deploymentValues">): string {
  const { path, pathParameterInputs, pathParameterDeploymentValues, queryParameters } = spec.endpoint;
  const filledPath = path.replace(/\{([^}]+)\}/g, (_segment, parameter: string) => {
    const inputName = pathParameterInputs[parameter];
    if (inputName !== undefined) return urlInput(inputName);
    const deploymentValue = pathParameterDeploymentValues[parameter];
    if (deploymentValue === undefined) throw new Error(`${path}: no input and no deployment value fills the path parameter ${parameter}`);
    const literal = spec.deploymentValues?.[deploymentValue];
    return literal === undefined ? deploymentValuePlaceholder(deploymentValue) : urlEncodeLikeTerraform(literal);
  });
  const query = Object.entries(queryParameters).map(([name, value]) => `${name}=${value}`);
  return query.length === 0 ? filledPath : `${filledPath}?${query.join("&")}`;
}
