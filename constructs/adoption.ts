import type { AdoptionConfig } from "../config/schema";
import { ConfigError } from "../config/validate";
import { escapeForTerraform } from "../data-actions/terraform-escape";
import type { TerraformResource } from "./cdk";

/** The resources of a stack that can adopt an existing org object, by the config field naming it. */
export interface AdoptableResources {
  readonly retriesTable: TerraformResource;
  readonly policyTable: TerraformResource;
  /** Policy rows by wrap-up code. */
  readonly policyRows: ReadonlyMap<string, TerraformResource>;
  /** Absent when an existing integration is reused (dataActions.existingIntegrationId). */
  readonly role?: TerraformResource;
  readonly oauthClient?: TerraformResource;
  readonly integration?: TerraformResource;
  /** Data actions by their id in this package. */
  readonly dataActions: Readonly<Record<string, TerraformResource>>;
  readonly flows: { readonly accepted?: TerraformResource; readonly ended?: TerraformResource };
  readonly triggers: { readonly accepted?: TerraformResource; readonly ended?: TerraformResource };
}

/**
 * Emits a Terraform `import` block for every existing object named in the config, so the first
 * apply takes it over instead of creating a second one. Row ids follow the provider's
 * `<datatableId>/<key>` form.
 */
export function adoptExistingObjects(resources: AdoptableResources, adopt: AdoptionConfig, environmentName: string): void {
  const problems: string[] = [];
  const importInto = (field: string, resource: TerraformResource | undefined, id: string | undefined) => {
    if (id === undefined) return;
    if (resource === undefined) problems.push(`environment "${environmentName}": adopt.${field}: this stack manages no such object`);
    else resource.importFrom(escapeForTerraform(id));
  };

  importInto("retriesTableId", resources.retriesTable, adopt.retriesTableId);
  importInto("policyTableId", resources.policyTable, adopt.policyTableId);
  if (adopt.policyTableId !== undefined) {
    const codes = adopt.policyRowCodes ?? [...resources.policyRows.keys()];
    for (const code of codes) importInto(`policyRowCodes[${code}]`, resources.policyRows.get(code), `${adopt.policyTableId}/${code}`);
  }
  importInto("roleId", resources.role, adopt.roleId);
  importInto("oauthClientId", resources.oauthClient, adopt.oauthClientId);
  importInto("integrationId", resources.integration, adopt.integrationId);
  for (const [actionId, id] of Object.entries(adopt.dataActionIds)) {
    importInto(
      `dataActionIds.${actionId} (data actions: ${Object.keys(resources.dataActions).join(", ")})`,
      resources.dataActions[actionId],
      id,
    );
  }
  importInto("flowIds.accepted", resources.flows.accepted, adopt.flowIds.accepted);
  importInto("flowIds.ended", resources.flows.ended, adopt.flowIds.ended);
  importInto("triggerIds.accepted", resources.triggers.accepted, adopt.triggerIds.accepted);
  importInto("triggerIds.ended", resources.triggers.ended, adopt.triggerIds.ended);
  if (problems.length > 0) throw new ConfigError(problems);
}
