import { Construct } from "constructs";
import { AuthRole } from "../.gen/providers/genesyscloud/auth-role";
import { Integration } from "../.gen/providers/genesyscloud/integration";
import { IntegrationAction } from "../.gen/providers/genesyscloud/integration-action";
import { OauthClient } from "../.gen/providers/genesyscloud/oauth-client";
import { deploymentValuesIn, fillDeploymentValues } from "../data-actions/deployment-values";
import { requestUrlTemplate } from "../data-actions/request-url";
import { templatePortabilityProblems } from "../data-actions/velocity-portability";
import type { DataActionPlan, IntegrationPlan } from "../deployment/plan";
import { Fn, type ITerraformDependable } from "./cdk";
import { escapeForTerraform, escapeMapForTerraform } from "./terraform-escape";

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

export interface DataActionsIntegrationProps {
  /** Create a least-privilege integration, or use an existing one. */
  readonly integration: IntegrationPlan;
}

const INTEGRATION_DESCRIPTION =
  "Preview retries: calls the Genesys Cloud API for the preview-retries workflows' data actions. Managed by Terraform.";

/**
 * The Genesys Cloud Data Actions integration the actions run on: a role with exactly the given
 * permissions, a client-credentials OAuth client holding it, the client's integration credential
 * (created by the provider through `integration_credential_name`, so the client secret never enters
 * state or output), and the `purecloud-data-actions` integration using that credential. With an
 * existing integration, nothing is created.
 */
export class DataActionsIntegration extends Construct {
  readonly integrationId: string;
  /** Name of the integration: the category of its actions. */
  readonly integrationName: string;

  constructor(scope: Construct, id: string, props: DataActionsIntegrationProps) {
    super(scope, id);
    const plan = props.integration;
    this.integrationName = plan.name;
    if (plan.kind === "existing") {
      this.integrationId = plan.id;
      return;
    }
    const role = new AuthRole(this, "role", {
      name: plan.name,
      description: INTEGRATION_DESCRIPTION,
      permissionPolicies: permissionPolicies(plan.permissions),
    });
    const oauthClient = new OauthClient(this, "oauth-client", {
      name: plan.name,
      description: INTEGRATION_DESCRIPTION,
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roles: plan.roleDivisionIds.map((divisionId) => ({ roleId: role.id, divisionId })),
      integrationCredentialName: plan.credentialName,
    });
    const integration = new Integration(this, "integration", {
      integrationType: "purecloud-data-actions",
      intendedState: "ENABLED",
      config: {
        name: plan.name,
        notes: INTEGRATION_DESCRIPTION,
        credentials: { pureCloudOAuthClient: oauthClient.integrationCredentialId },
      },
    });
    if (plan.adoptIds.role !== undefined) role.importFrom(plan.adoptIds.role);
    if (plan.adoptIds.oauthClient !== undefined) oauthClient.importFrom(plan.adoptIds.oauthClient);
    if (plan.adoptIds.integration !== undefined) integration.importFrom(plan.adoptIds.integration);
    this.integrationId = integration.id;
  }
}

export interface DataActionProps {
  readonly action: DataActionPlan;
  readonly integrationId: string;
  /** Category shown in Architect: the integration's name. */
  readonly category: string;
  /** Id of the retries table (a Terraform reference), fixed into the URL of the row actions. */
  readonly retriesTableId: string;
}

/** One `genesyscloud_integration_action` from a specification; every Velocity string escaped for Terraform. */
export class DataAction extends Construct implements ITerraformDependable {
  readonly actionId: string;
  /** Name of the action in the org, as workflows reference it (a Terraform reference). */
  readonly actionName: string;
  readonly fqn: string;

  constructor(scope: Construct, id: string, props: DataActionProps) {
    super(scope, id);
    const { spec } = props.action;
    const { request, response } = spec;
    this.node.addValidation({ validate: () => templateProblems(props.action) });
    const action = new IntegrationAction(this, "action", {
      name: props.action.name,
      category: props.category,
      integrationId: props.integrationId,
      configTimeoutSeconds: spec.timeoutSeconds,
      contractInput: escapeForTerraform(JSON.stringify(spec.inputContract)),
      contractOutput: escapeForTerraform(JSON.stringify(spec.outputContract)),
      configRequest: {
        requestType: spec.endpoint.method,
        // Placeholders are filled after escaping: the value is a Terraform expression, URL-encoded by Terraform itself.
        requestUrlTemplate: fillDeploymentValues(escapeForTerraform(requestUrlTemplate(spec)), {
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
    if (props.action.adoptId !== undefined) action.importFrom(props.action.adoptId);
    this.actionId = action.id;
    this.actionName = action.name;
    this.fqn = action.fqn;
  }
}

/** Templates Genesys would render differently from our tests (Java Velocity vs velocityjs), or placeholders outside the URL. */
function templateProblems(action: DataActionPlan): string[] {
  const { request, response } = action.spec;
  const templates = {
    requestUrlTemplate: requestUrlTemplate(action.spec),
    requestTemplate: request.bodyTemplate,
    ...request.headers,
    successTemplate: response.successTemplate,
  };
  return Object.entries(templates).flatMap(([field, template]) => {
    const where = `data action "${action.name}", ${field}`;
    const placeholders =
      field !== "requestUrlTemplate" && deploymentValuesIn(template).length > 0
        ? [`${where}: deployment placeholders are only filled in the URL template`]
        : [];
    const problems = templatePortabilityProblems(template);
    return [
      ...placeholders,
      ...(problems.length > 0 ? [`${where}: not portable between Java Velocity and velocityjs: ${problems.join("; ")}`] : []),
    ];
  });
}
