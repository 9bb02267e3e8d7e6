import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, expect, it } from "vitest";
import { synthesizeIntoTwin } from "../../cli/twin-backends";
import { loadEnvironments } from "../../config/load";
import type { EnvironmentConfig } from "../../config/schema";
import { runReplayCli } from "../../cli/replay";
import { recordingIo } from "../support/command-io";
import { REPLAY_IDS, deploymentOf, type ReplayDeployment } from "../../replay/deployment";
import { deploymentFromTwin } from "../../replay/twin-deployment";
import type { SynthesizedStack } from "../../ops/stacks";
import type { TwinPaths } from "../../twin/environment";
import { installTwin } from "../../twin/install";
import { objectsOf, type OrgObject } from "../../twin/org";
import { substituteFlowFile } from "../../twin/resources";
import { renderWorkflowYaml } from "../../workflows/render";
import { describeWithTerraform, editOrg, editStackConfig, resourceNamed, terraform, twinEnv } from "../twin/support";
import { scenarioFiles } from "./support/scenarios";

const sample = scenarioFiles("sample-user-end");

async function replay(...extra: string[]) {
  const io = recordingIo();
  const code = await runReplayCli(["--env", "example", "--events", sample.events, "--org", sample.org, ...extra], io);
  return { code, out: io.written.out, err: io.written.err };
}

/** The one object of a type in the twin with this name. */
function twinObject(objects: Record<string, OrgObject>, name: string): OrgObject {
  const found = Object.values(objects).filter((object) => object.name === name);
  expect(found, `one object named ${name}`).toHaveLength(1);
  return found[0];
}

describeWithTerraform("the replay runs the deployment the twin received (npm run replay -- --twin)", () => {
  let twin: TwinPaths;
  let stack: SynthesizedStack;
  let env: NodeJS.ProcessEnv;
  let environment: EnvironmentConfig;
  let fromTwin: ReplayDeployment;
  let appliedOrg: string;

  // terraform init and apply: beyond vitest's default 10 s hook timeout on a loaded machine.
  beforeAll(() => {
    twin = installTwin(mkdtempSync(join(tmpdir(), "replay-twin-")));
    [stack] = synthesizeIntoTwin(twin);
    env = twinEnv(twin);
    expect(terraform(stack.workingDirectory, ["init", "-input=false", "-no-color"], env)).toMatchObject({ status: 0 });
    const apply = terraform(stack.workingDirectory, ["apply", "-auto-approve", "-input=false", "-no-color"], env);
    expect(apply.status, apply.stderr).toBe(0);
    appliedOrg = readFileSync(twin.orgFile, "utf8");
    environment = loadEnvironments({}).find((candidate) => candidate.name === "example")!;
    fromTwin = deploymentFromTwin(twin.directory, environment);
  }, 120_000);

  // Every test leaves the twin as terraform applied it.
  afterEach(() => writeFileSync(twin.orgFile, appliedOrg));

  it("GIVEN the applied example WHEN its deployment is read from the twin THEN it equals the planned one with the twin's table ids (render → apply → parse is the identity)", () => {
    // The plan's deployment with the ids the twin gave the tables (as if adopted): nothing else may differ.
    const planned = deploymentOf({
      ...environment,
      adopt: { ...environment.adopt, retriesTableId: fromTwin.tables.retries.id, policyTableId: fromTwin.tables.policy.id },
    });
    expect(fromTwin.tables.retries.id).not.toBe(REPLAY_IDS.retriesTable);
    for (const [index, trigger] of fromTwin.triggers.entries()) {
      expect(trigger.workflow, `${trigger.id} workflow model`).toEqual(planned.triggers[index].workflow);
      expect(trigger.definition, `${trigger.id} trigger definition`).toEqual(planned.triggers[index].definition);
      expect(trigger).toEqual(planned.triggers[index]);
    }
    expect(fromTwin.specs).toEqual(planned.specs);
    expect(fromTwin.tables).toEqual(planned.tables);
    expect(fromTwin.tables.policy.rows).toEqual({ "ININ-OUTBOUND-PREVIEW-SKIPPED": { waitTime: 240, maxAttempts: 3 } });

    // The model read back renders, with the received substitutions, to exactly the YAML the twin holds.
    const flows = objectsOf(JSON.parse(appliedOrg) as never, "genesyscloud_flow");
    for (const trigger of fromTwin.triggers) {
      const received = twinObject(flows, trigger.workflowName).yaml;
      expect(substituteFlowFile(renderWorkflowYaml(trigger.workflow), trigger.substitutions)).toBe(received);
    }
  });

  it("GIVEN the README's sample WHEN replayed against the twin THEN the timeline is the one against the plan, with the twin's table id", async () => {
    const planned = await replay();
    const received = await replay("--twin", twin.directory);
    expect([received.code, received.err]).toEqual([0, ""]);
    expect(received.out).toContain(`/api/v2/flows/datatables/${fromTwin.tables.retries.id}/rows`);
    expect(received.out.split(fromTwin.tables.retries.id).join(REPLAY_IDS.retriesTable)).toBe(planned.out);
  });

  it("GIVEN a policy row's waitTime changed in the twin WHEN replayed THEN the run waits the received time", async () => {
    editOrg(twin, (org) => {
      const row = Object.values(objectsOf(org, "genesyscloud_architect_datatable_row"))[0];
      (row.properties as Record<string, number>).waitTime = 600;
    });
    const planned = await replay();
    const received = await replay("--twin", twin.directory);
    expect(planned.out).toContain('wait "Wait policy time": PT240S until 2026-01-29T17:18:04.067Z');
    expect(received.out).toContain('wait "Wait policy time": PT600S until 2026-01-29T17:24:04.067Z');
    expect(received.out).not.toContain("PT240S");
  });

  it("GIVEN a trigger's match_criteria changed in the twin WHEN replayed THEN the event no longer starts the workflow", async () => {
    editOrg(twin, (org) => {
      const ended = twinObject(objectsOf(org, "genesyscloud_processautomation_trigger"), "example_Preview Retries - Preview Ended");
      ended.match_criteria = (ended.match_criteria as { jsonPath: string; value?: unknown }[]).map((criterion) =>
        criterion.jsonPath === "mediaType" ? { ...criterion, value: "VOICE" } : criterion,
      );
    });
    const received = await replay("--twin", twin.directory);
    expect(received.code).toBe(0);
    expect(received.out).toContain("user.end\n    no trigger matched\n");
    expect(received.out).toContain("runs: 0, data action calls: 0");
  });

  it("GIVEN a trigger disabled in the twin WHEN replayed THEN nothing starts", async () => {
    editOrg(twin, (org) => {
      twinObject(objectsOf(org, "genesyscloud_processautomation_trigger"), "example_Preview Retries - Preview Ended").enabled = false;
    });
    const received = await replay("--twin", twin.directory);
    expect(received.out).toContain("user.end\n    no trigger matched\n");
    expect(received.out).toContain("runs: 0, data action calls: 0");
  });

  it("GIVEN a data action's success template changed in the twin WHEN replayed THEN the received template runs", async () => {
    editOrg(twin, (org) => {
      const action = twinObject(objectsOf(org, "genesyscloud_integration_action"), "example_Preview Retries - Resubmit Contact");
      (action.config_response as { success_template: string }).success_template = '{"contactId": "altered"}';
    });
    const received = await replay("--twin", twin.directory);
    expect(received.out).toContain('output {"contactId":"altered"}');
  });

  it("GIVEN a data action's URL template changed in the twin WHEN replayed THEN exit 2 naming the action and request_url_template", async () => {
    editOrg(twin, (org) => {
      const action = twinObject(objectsOf(org, "genesyscloud_integration_action"), "example_Preview Retries - Delete Row");
      const request = action.config_request as { request_url_template: string };
      request.request_url_template = request.request_url_template.replace("/rows/", "/rows/other-");
    });
    const received = await replay("--twin", twin.directory);
    expect([received.code, received.out]).toEqual([2, ""]);
    expect(received.err).toMatch(/\(example_Preview Retries - Delete Row\): config_request\.request_url_template: .*rows\/other-/);
  });

  // Runs last of the behaviour tests: it applies a changed configuration (org.json is restored after, the state is not needed again).
  it("GIVEN a policy row whose configuration Terraform evaluates (an unescaped ${…}) WHEN applied and replayed THEN the value Terraform made runs", async () => {
    editStackConfig(stack.workingDirectory, (config) => {
      resourceNamed(config, "genesyscloud_architect_datatable_row", "ININ-OUTBOUND-PREVIEW-SKIPPED").properties_json =
        '{"waitTime":${240 + 60},"maxAttempts":3}';
    });
    const apply = terraform(stack.workingDirectory, ["apply", "-auto-approve", "-input=false", "-no-color"], env);
    expect(apply.status, apply.stderr).toBe(0);
    const received = await replay("--twin", twin.directory);
    expect(received.out).toContain('wait "Wait policy time": PT300S until 2026-01-29T17:19:04.067Z');
    expect((await replay()).out).toContain("PT240S");
  });

  it("GIVEN the twin lacks an object of the environment WHEN replayed THEN exit 2 with one line naming org.json and the object", async () => {
    editOrg(twin, (org) => {
      const tables = objectsOf(org, "genesyscloud_architect_datatable");
      for (const [id, table] of Object.entries(tables)) if (table.name === "example_preview_retries_wrap_policy") delete tables[id];
    });
    const received = await replay("--twin", twin.directory);
    expect([received.code, received.out]).toEqual([2, ""]);
    expect(received.err).toBe(
      `${twin.orgFile}: no genesyscloud_architect_datatable named "example_preview_retries_wrap_policy": environment "example" is not deployed to this twin (npm run twin -- deploy)\n`,
    );
  });

  it("GIVEN a received value the replay cannot run WHEN replayed THEN exit 2 with one line naming the object and the field", async () => {
    editOrg(twin, (org) => {
      twinObject(objectsOf(org, "genesyscloud_processautomation_trigger"), "example_Preview Retries - Preview Ended").match_criteria = [
        { jsonPath: "mediaType", operator: "Equals", value: "CALLBACK" },
      ];
    });
    const received = await replay("--twin", twin.directory);
    expect(received.code).toBe(2);
    expect(received.err).toMatch(
      /^\S+org\.json: objects\.genesyscloud_processautomation_trigger\.[\w-]+ \(example_Preview Retries - Preview Ended\): match_criteria\.0\.operator: .+\n$/,
    );
  });

  it("GIVEN a flow's YAML that no longer reads back WHEN replayed THEN exit 2 naming the flow, the line and the reason", async () => {
    editOrg(twin, (org) => {
      const flow = twinObject(objectsOf(org, "genesyscloud_flow"), "example_Preview Retries - Preview Ended");
      flow.yaml = (flow.yaml as string).replace('"example_preview_contact_retries":', '"renamed_by_hand":');
    });
    const received = await replay("--twin", twin.directory);
    expect(received.code).toBe(2);
    expect(received.err).toMatch(/^\S+org\.json: objects\.genesyscloud_flow\.[\w-]+\.yaml:\d+:\d+: .*renamed_by_hand.*\n$/);
  });
});
