import { describe, expect, it } from "vitest";
import { environments } from "../../config/environments";
import { validateEnvironments } from "../../config/validate";
import { Testing, TerraformStack } from "../../constructs/cdk";
import { DataAction, permissionPolicies } from "../../constructs/data-actions";
import { PreviewRetriesStack } from "../../constructs/preview-retries-stack";
import { dataActionSpecs } from "../../data-actions";
import { planDeployment } from "../../deployment/plan";
import { resourcesOf, synthStack, type TerraformJson } from "../support/synth";

const ACTION_BASE_NAMES = [
  "Preview Retries - Insert Row",
  "Preview Retries - Update Row",
  "Preview Retries - Delete Row",
  "Preview Retries - Get Contact",
  "Preview Retries - Resubmit Contact",
];

/** `${type.logicalId.attribute}` reference of the only resource of a type. */
function referenceTo(json: TerraformJson, type: string, attribute: string): string {
  const ids = Object.keys(json.resource[type] ?? {});
  expect(ids).toHaveLength(1);
  return `\${${type}.${ids[0]}.${attribute}}`;
}

describe("data actions in the stack", () => {
  describe("GIVEN the example environment", () => {
    const [example] = validateEnvironments(environments);
    const stack = new PreviewRetriesStack(Testing.app(), { deployment: planDeployment(example) });
    const text = Testing.synth(stack);
    const json = JSON.parse(text) as TerraformJson;

    it("THEN it synthesizes one role, one OAuth client, one integration and the five actions", () => {
      expect(resourcesOf(json, "genesyscloud_auth_role")).toHaveLength(1);
      expect(resourcesOf(json, "genesyscloud_oauth_client")).toHaveLength(1);
      expect(resourcesOf(json, "genesyscloud_integration")).toHaveLength(1);
      expect(
        resourcesOf(json, "genesyscloud_integration_action")
          .map((action) => action.name)
          .sort(),
      ).toEqual(ACTION_BASE_NAMES.map((name) => `example_${name}`).sort());
    });

    it("THEN cdk.tf.json holds no Velocity reference Terraform would interpolate", () => {
      expect(text).not.toMatch(/(?<!\$)\$\{input/);
      // In the actions, every remaining single-$ interpolation is a Terraform reference: to the integration
      // (each action), or the URL-encoded id of the retries table (the three row actions' URL).
      const actionsText = JSON.stringify(json.resource.genesyscloud_integration_action);
      const interpolations = [...actionsText.matchAll(/(?<!\$)\$\{([^}]*)\}/g)].map((match) => match[1]);
      expect(interpolations).toHaveLength(5 + 3);
      const [retriesTable] = Object.keys(json.resource.genesyscloud_architect_datatable).filter((id) => id.startsWith("retries-table"));
      const retriesTableId = `genesyscloud_architect_datatable.${retriesTable}.id`;
      expect(
        interpolations.filter(
          (expression) =>
            !/^genesyscloud_integration\.[A-Za-z0-9_-]+\.id$/.test(expression) && expression !== `urlencode(${retriesTableId})`,
        ),
      ).toEqual([]);
      expect(actionsText).not.toMatch(/(?<!%)%\{/);
    });

    it("THEN no secret is configured or exposed", () => {
      expect(text).not.toMatch(/client_secret|clientSecret|expose_client_secret/);
      const client = resourcesOf(json, "genesyscloud_oauth_client")[0];
      expect(client).not.toHaveProperty("expose_client_secret");
      expect(Object.values(json.output).every((output) => !/secret/i.test(output.value))).toBe(true);
    });

    it("THEN the OAuth client uses client credentials, holds the role in the home division and creates its integration credential", () => {
      const client = resourcesOf(json, "genesyscloud_oauth_client")[0];
      expect(client.authorized_grant_type).toBe("CLIENT-CREDENTIALS");
      expect(client.roles).toEqual([{ role_id: referenceTo(json, "genesyscloud_auth_role", "id") }]);
      expect(client.integration_credential_name).toEqual(expect.any(String));
    });

    it("THEN the integration is an enabled purecloud-data-actions integration using the client's credential", () => {
      const integration = resourcesOf(json, "genesyscloud_integration")[0];
      expect(integration.integration_type).toBe("purecloud-data-actions");
      expect(integration.intended_state).toBe("ENABLED");
      expect(integration.config).toMatchObject({
        name: "example_Preview Retries Data Actions",
        credentials: { pureCloudOAuthClient: referenceTo(json, "genesyscloud_oauth_client", "integration_credential_id") },
      });
    });

    it("THEN the role grants exactly the endpoints' permissions, grouped per domain and entity", () => {
      const role = resourcesOf(json, "genesyscloud_auth_role")[0];
      expect(role).not.toHaveProperty("permissions");
      const granted = (role.permission_policies as { domain: string; entity_name: string; action_set: string[] }[]).flatMap((policy) =>
        policy.action_set.map((action) => `${policy.domain}:${policy.entity_name}:${action}`),
      );
      expect(granted.sort()).toEqual([
        "architect:datatableRow:add",
        "architect:datatableRow:delete",
        "architect:datatableRow:edit",
        "outbound:contact:add",
        "outbound:contact:view",
      ]);
    });

    it("THEN every action runs on the integration, in its category, with the configured timeout", () => {
      const integrationId = referenceTo(json, "genesyscloud_integration", "id");
      for (const action of resourcesOf(json, "genesyscloud_integration_action")) {
        expect(action).toMatchObject({
          integration_id: integrationId,
          category: "example_Preview Retries Data Actions",
          config_timeout_seconds: 15,
        });
        expect(JSON.parse(action.contract_input as string)).toMatchObject({ type: "object" });
        expect(JSON.parse(action.contract_output as string)).toMatchObject({ type: "object" });
      }
    });

    it("THEN the stack exposes the integration and each action by key, with outputs for their ids", () => {
      expect(stack.previewRetries.dataActionsIntegrationName).toBe("example_Preview Retries Data Actions");
      expect(Object.keys(stack.previewRetries.dataActionIds).sort()).toEqual([
        "deleteRow",
        "getContact",
        "insertRow",
        "resubmitContact",
        "updateRow",
      ]);
      expect(Object.keys(json.output)).toEqual(
        expect.arrayContaining([
          "data_actions_integration_id",
          "data_action_insert_row_id",
          "data_action_update_row_id",
          "data_action_delete_row_id",
          "data_action_get_contact_id",
          "data_action_resubmit_contact_id",
        ]),
      );
      expect(json.output.data_actions_integration_id.value).toBe(referenceTo(json, "genesyscloud_integration", "id"));
    });
  });

  describe("GIVEN an existing integration (id and real name)", () => {
    const { json } = synthStack({
      dataActions: { existingIntegrationId: "0e7f1c2a-aaaa-4bbb-8ccc-123456789abc", existingIntegrationName: "PureCloud Data Actions" },
    });

    it("THEN the actions' category and the flows' category substitution are that real name, not a generated one", () => {
      const actions = resourcesOf(json, "genesyscloud_integration_action");
      expect(actions.map((action) => action.category)).toEqual(Array(5).fill("PureCloud Data Actions"));
      const flows = resourcesOf(json, "genesyscloud_flow");
      expect(flows).toHaveLength(2);
      for (const flow of flows) expect((flow.substitutions as Record<string, string>).data_action_category).toBe("PureCloud Data Actions");
    });

    it("THEN no role, OAuth client or integration is created and the actions attach to that id", () => {
      for (const type of ["genesyscloud_auth_role", "genesyscloud_oauth_client", "genesyscloud_integration"]) {
        expect(resourcesOf(json, type), type).toEqual([]);
      }
      const actions = resourcesOf(json, "genesyscloud_integration_action");
      expect(actions).toHaveLength(5);
      expect(actions.every((action) => action.integration_id === "0e7f1c2a-aaaa-4bbb-8ccc-123456789abc")).toBe(true);
      expect(json.output.data_actions_integration_id.value).toBe("0e7f1c2a-aaaa-4bbb-8ccc-123456789abc");
    });
  });

  describe("GIVEN a division, a timeout and re-submit options", () => {
    const { json } = synthStack({
      divisionId: "d1v1s10n-0000-4000-8000-000000000001",
      dataActions: { timeoutSeconds: 27, resubmit: { priority: false, clearSystemData: true } },
    });

    it("THEN the OAuth client holds the role in that division", () => {
      expect(resourcesOf(json, "genesyscloud_oauth_client")[0].roles).toEqual([
        { role_id: referenceTo(json, "genesyscloud_auth_role", "id"), division_id: "d1v1s10n-0000-4000-8000-000000000001" },
      ]);
    });

    it("THEN every action has the timeout and the re-submit URL carries the options", () => {
      const actions = resourcesOf(json, "genesyscloud_integration_action");
      expect(actions.map((action) => action.config_timeout_seconds)).toEqual([27, 27, 27, 27, 27]);
      const resubmit = actions.find((action) => action.name === "t_Preview Retries - Resubmit Contact");
      const url = (resubmit?.config_request as { request_url_template: string }).request_url_template;
      expect(url).toMatch(/\?priority=false&clearSystemData=true&doNotQueue=false$/);
    });
  });
});

describe("role grant divisions", () => {
  const grants = (overrides: Parameters<typeof synthStack>[0]) => {
    const { json } = synthStack(overrides);
    const role = referenceTo(json, "genesyscloud_auth_role", "id");
    return { role, roles: resourcesOf(json, "genesyscloud_oauth_client")[0].roles as Record<string, string>[] };
  };

  it("GIVEN a list of divisions THEN the OAuth client holds the role in each of them", () => {
    const { role, roles } = grants({ divisionId: "d-home-tables", dataActions: { roleDivisions: ["d-1", "d-2"] } });
    expect(roles).toEqual([
      { role_id: role, division_id: "d-1" },
      { role_id: role, division_id: "d-2" },
    ]);
  });

  it('GIVEN "all" THEN the OAuth client holds the role in every division (the provider\'s "*")', () => {
    const { role, roles } = grants({ dataActions: { roleDivisions: "all" } });
    expect(roles).toEqual([{ role_id: role, division_id: "*" }]);
  });

  it("GIVEN nothing THEN the role is granted in the home division, as before", () => {
    const { role, roles } = grants({});
    expect(roles).toEqual([{ role_id: role }]);
  });
});

describe("permissionPolicies", () => {
  it("groups actions per domain and entity", () => {
    expect(permissionPolicies(["a:b:view", "a:b:add", "a:c:view"])).toEqual([
      { domain: "a", entityName: "b", actionSet: ["add", "view"] },
      { domain: "a", entityName: "c", actionSet: ["view"] },
    ]);
  });

  it.each(["a:*:view", "a:b:*", "a:b", "a:b:c:d"])("refuses %s", (permission) => {
    expect(() => permissionPolicies([permission])).toThrow(/without wildcards/);
  });
});

describe("DataAction", () => {
  it("GIVEN a spec whose success template compares strings with > THEN its validation refuses it, naming action and field", () => {
    const spec = dataActionSpecs({ timeoutSeconds: 15, resubmit: { priority: true, clearSystemData: false } }).getContact;
    const stringComparison = {
      ...spec,
      response: {
        ...spec.response,
        successTemplate: spec.response.successTemplate.replace(".compareTo($latestAttempt) > 0", " > $latestAttempt"),
      },
    };
    const stack = new TerraformStack(Testing.app(), "lint");
    const action = new DataAction(stack, "action", {
      action: { key: "getContact", spec: stringComparison, name: "Get Contact" },
      integrationId: "i",
      category: "c",
      retriesTableId: "t",
    });
    expect(action.node.validate()).toEqual([
      expect.stringMatching(
        /^data action "Get Contact", successTemplate: not portable between Java Velocity and velocityjs: "\$attempt > \$latestAttempt"/,
      ),
    ]);
  });
});
