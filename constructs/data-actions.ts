import { Construct } from "constructs";
import { Fn } from "./cdk";
import { AuthRole } from "../.gen/providers/genesyscloud/auth-role";
import { Integration } from "../.gen/providers/genesyscloud/integration";
import { IntegrationAction } from "../.gen/providers/genesyscloud/integration-action";
import { OauthClient } from "../.gen/providers/genesyscloud/oauth-client";
import type { DataActionsConfig } from "../config/schema";
import { dataActionName } from "../data-actions";
import type { DataActionSpec } from "../data-actions/spec";
import { deploymentValuesIn, fillDeploymentValues } from "../data-actions/deployment-values";
import { escapeForTerraform, escapeMapForTerraform } from "../data-actions/terraform-escape";
import { templatePortabilityProblems } from "../data-actions/velocity-portability";

/** Name of the Data Actions integration, the role and the OAuth client; also the actions' category. */
export function dataActionsIntegrationName(namePrefix: string): string {
  return `${namePrefix}Preview Retries Data Actions`;
}

/**
 * Category of the actions, and the flows' category key: the name of the integration they run on —
 * the existing integration's real name when one is reused, otherwise the name of the one created.
 */
export function dataActionsCategory(namePrefix: string, existingIntegration?: ExistingIntegration): string {
  return existingIntegration?.name ?? dataActionsIntegrationName(namePrefix);
}

/** A Data Actions integration that already exists in the org, by id and by its real name. */
export interface ExistingIntegration {
  readonly id: string;
  readonly name: string;
}

/** The configured existing integration (dataActions.existingIntegrationId and …Name, validated as a pair), if any. */
export function existingIntegrationOf(
  dataActions: Pick<DataActionsConfig, "existingIntegrationId" | "existingIntegrationName">,
): ExistingIntegration | undefined {
  const { existingIntegrationId: id, existingIntegrationName: name } = dataActions;
  return id !== undefined && name !== undefined ? { id, name } : undefined;
}

/** `domain:entity:action` permissions grouped into the role's permission policies, one per domain and entity. */
export function permissionPolicies(permissions: readonly string[]): { domain: string; entityName: string; actionSet: string[] }[] {
  const policies = new Map<string, { domain: string; entityName: string; actionSet: string[] }>();
  for (const permission of permissions) {
    const [domain, entityName, action, ...rest] = permission.split(":");
    if (!domain || !entityName || !action || rest.length > 0 || [domain, entityName, action].includes("*")) {
      throw new Error(`permission "${permission}" must be domain:entity:action without wildcards`);
    }
    const key = `${domain}:${entityName}`;
    const policy = policies.get(key) ?? { domain, entityName, actionSet: [] };
    if (!policy.actionSet.includes(action)) policy.actionSet.push(action);
    policies.set(key, policy);
  }
  return [...policies.values()].map((policy) => ({ ...policy, actionSet: [...policy.actionSet].sort() }));
}

/** The provider's division id for a grant in every division, present and future (genesyscloud_oauth_client roles.division_id). */
export const ALL_DIVISIONS = "*";

/** Division ids of the role grants; undefined is the home division. */
function roleGrantDivisions(props: Pick<DataActionsIntegrationProps, "divisionId" | "roleDivisions">): (string | undefined)[] {
  if (props.roleDivisions === "all") return [ALL_DIVISIONS];
  return props.roleDivisions !== undefined ? [...props.roleDivisions] : [props.divisionId];
}

export interface DataActionsIntegrationProps {
  /** Prefix of every object name (the environment's `namePrefix`). */
  readonly namePrefix: string;
  /** Permissions of the integration's role, `domain:entity:action`, no wildcards (see requiredPermissions()). */
  readonly permissions: readonly string[];
  /** Division in which the OAuth client holds the role, unless roleDivisions is given. @default the org's home division */
  readonly divisionId?: string;
  /** Divisions in which the OAuth client holds the role, or "all" (the provider's `*`). @default [divisionId] */
  readonly roleDivisions?: readonly string[] | "all";
  /**
   * Run the actions on this existing Data Actions integration (its name is their category); no role,
   * OAuth client or integration is created. @default undefined (create them)
   */
  readonly existingIntegration?: ExistingIntegration;
}

/**
 * The Genesys Cloud Data Actions integration the actions run on: a role with exactly the given
 * permissions, a client-credentials OAuth client holding it, the client's integration credential
 * (created by the provider through `integration_credential_name`, so the client secret never enters
 * state or output), and the `purecloud-data-actions` integration using that credential.
 */
export class DataActionsIntegration extends Construct {
  readonly integrationId: string;
  /** Name of the integration; used as the category of the actions. */
  readonly integrationName: string;
  /** Undefined when an existing integration is used. */
  readonly role?: AuthRole;
  readonly oauthClient?: OauthClient;
  readonly integration?: Integration;

  constructor(scope: Construct, id: string, props: DataActionsIntegrationProps) {
    super(scope, id);
    this.integrationName = dataActionsCategory(props.namePrefix, props.existingIntegration);
    if (props.existingIntegration !== undefined) {
      this.integrationId = props.existingIntegration.id;
      return;
    }
    const description =
      "Preview retries: calls the Genesys Cloud API for the preview-retries workflows' data actions. Managed by Terraform.";
    const role = new AuthRole(this, "role", {
      name: this.integrationName,
      description,
      permissionPolicies: permissionPolicies(props.permissions),
    });
    this.role = role;
    this.oauthClient = new OauthClient(this, "oauth-client", {
      name: this.integrationName,
      description,
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roles: roleGrantDivisions(props).map((divisionId) => ({ roleId: role.id, divisionId })),
      integrationCredentialName: `${this.integrationName} Credential`,
    });
    this.integration = new Integration(this, "integration", {
      integrationType: "purecloud-data-actions",
      intendedState: "ENABLED",
      config: {
        name: this.integrationName,
        notes: description,
        credentials: { pureCloudOAuthClient: this.oauthClient.integrationCredentialId },
      },
    });
    this.integrationId = this.integration.id;
  }
}

export interface DataActionProps {
  readonly spec: DataActionSpec;
  /** Prefix of the action name (the environment's `namePrefix`). */
  readonly namePrefix: string;
  readonly integrationId: string;
  /** Category shown in Architect; the integration's name. */
  readonly category: string;
  /** Id of the retries table (a Terraform reference), fixed into the URL of the row actions. */
  readonly retriesTableId: string;
}

/** One `genesyscloud_integration_action` from a specification; every Velocity string escaped for Terraform. */
export class DataAction extends Construct {
  readonly action: IntegrationAction;
  /** Name of the action in the org, as workflows reference it. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: DataActionProps) {
    super(scope, id);
    const { spec } = props;
    this.name = dataActionName(spec, props.namePrefix);
    const { request, response } = spec;
    const templates = {
      requestUrlTemplate: request.urlTemplate,
      requestTemplate: request.bodyTemplate,
      ...request.headers,
      successTemplate: response.successTemplate,
    };
    for (const [field, template] of Object.entries(templates)) {
      if (field !== "requestUrlTemplate" && deploymentValuesIn(template).length > 0) {
        throw new Error(`data action ${spec.id}, ${field}: deployment placeholders are only filled in the URL template`);
      }
      const problems = templatePortabilityProblems(template);
      if (problems.length > 0) {
        throw new Error(`data action ${spec.id}, ${field}: not portable between Java Velocity and velocityjs: ${problems.join("; ")}`);
      }
    }
    this.action = new IntegrationAction(this, "action", {
      name: this.name,
      category: props.category,
      integrationId: props.integrationId,
      configTimeoutSeconds: spec.timeoutSeconds,
      contractInput: escapeForTerraform(JSON.stringify(spec.inputContract)),
      contractOutput: escapeForTerraform(JSON.stringify(spec.outputContract)),
      configRequest: {
        requestType: request.method,
        // Placeholders are filled after escaping: the value is a Terraform expression, URL-encoded by Terraform itself.
        requestUrlTemplate: fillDeploymentValues(escapeForTerraform(request.urlTemplate), {
          retriesTableId: Fn.urlencode(props.retriesTableId),
        }),
        requestTemplate: request.bodyTemplate === "" ? undefined : escapeForTerraform(request.bodyTemplate),
        headers: Object.keys(request.headers).length === 0 ? undefined : escapeMapForTerraform(request.headers),
      },
      configResponse: {
        translationMap: escapeMapForTerraform(response.translationMap),
        translationMapDefaults: escapeMapForTerraform(response.translationMapDefaults),
        successTemplate: escapeForTerraform(response.successTemplate),
      },
    });
  }
}
