import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { TwinPaths } from "../../twin/environment";
import { installTwin } from "../../twin/install";
import { FAULTS_VARIABLE, objectsOf, readOrg } from "../../twin/org";
import { describeWithTerraform, editOrg, terraform, twinEnv } from "./support";

/** A hand-written configuration for the stand-in, in its own directory (own lock file) under the twin. */
function writeConfiguration(twin: TwinPaths, name: string, resources: Record<string, Record<string, Record<string, unknown>>>): string {
  const directory = join(twin.directory, "stacks", name);
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, "main.tf.json"),
    JSON.stringify({
      terraform: {
        required_providers: { genesyscloud: { source: "mypurecloud/genesyscloud", version: "1.84.1" } },
        backend: { local: { path: join(twin.stateDirectory, `${name}.tfstate`) } },
      },
      provider: { genesyscloud: [{ aws_region: "us-east-1" }] },
      resource: resources,
    }),
  );
  return directory;
}

const table = { name: "t_table", properties: [{ name: "key", type: "string", title: "key" }] };

describeWithTerraform("the stand-in provider through terraform's own checks", () => {
  let twin: TwinPaths;
  beforeAll(() => {
    twin = installTwin(mkdtempSync(join(tmpdir(), "twin-provider-")));
  });

  it("GIVEN a misspelled attribute, a missing required one and a wrong type WHEN terraform validate THEN terraform reports each from the served schema", () => {
    const directory = writeConfiguration(twin, "invalid", {
      genesyscloud_processautomation_trigger: {
        misspelled: { name: "a", topic_name: "t", enabled: true, delay_by_second: 60, target: [{ type: "Workflow", id: "x" }] },
        missing: { name: "b", enabled: true, target: [{ type: "Workflow", id: "x" }] },
        wrong_type: { name: "c", topic_name: "t", enabled: "sometimes", target: [{ type: "Workflow", id: "x" }] },
      },
    });
    const env = twinEnv(twin);
    expect(terraform(directory, ["init", "-input=false", "-no-color"], env).status).toBe(0);
    const validate = terraform(directory, ["validate", "-no-color"], env);
    expect(validate.status).toBe(1);
    const errors = validate.stderr.replace(/\s+/g, " ");
    expect(errors).toContain('No argument or block type is named "delay_by_second". Did you mean "delay_by_seconds"?');
    expect(errors).toMatch(
      /resource\.genesyscloud_processautomation_trigger\.missing[^│]*The argument "topic_name" is required, but no definition was found\./,
    );
    expect(errors).toContain('Inappropriate value for attribute "enabled": a bool is required.');
  });

  it("GIVEN delay_by_seconds outside 60–900 WHEN terraform validate THEN the provider's own range check fails", () => {
    const directory = writeConfiguration(twin, "out-of-range", {
      genesyscloud_processautomation_trigger: {
        late: { name: "a", topic_name: "t", enabled: true, delay_by_seconds: 30, target: [{ type: "Workflow", id: "x" }] },
      },
    });
    const env = twinEnv(twin);
    terraform(directory, ["init", "-input=false", "-no-color"], env);
    const validate = terraform(directory, ["validate", "-no-color"], env);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toContain("delay_by_seconds: expected to be in the range (60 - 900), got 30");
  });

  it("GIVEN a create fault in org.json WHEN terraform apply THEN it fails with the API error and the org holds nothing half-written", () => {
    const directory = writeConfiguration(twin, "create-fault", { genesyscloud_architect_datatable: { table } });
    editOrg(twin, (org) =>
      org.faults.push({ type: "genesyscloud_architect_datatable", name: "t_table", operation: "create", effect: "fail" }),
    );
    const env = twinEnv(twin);
    terraform(directory, ["init", "-input=false", "-no-color"], env);
    const apply = terraform(directory, ["apply", "-auto-approve", "-input=false", "-no-color"], env);
    expect(apply.status).toBe(1);
    expect(apply.stderr).toContain("injected failure: create genesyscloud_architect_datatable t_table answered 500 Internal Server Error");
    expect(objectsOf(readOrg(twin.orgFile), "genesyscloud_architect_datatable")).toEqual({});

    editOrg(twin, (org) => (org.faults = []));
    expect(terraform(directory, ["apply", "-auto-approve", "-input=false", "-no-color"], env).status).toBe(0);
  });

  it("GIVEN an update fault WHEN terraform apply THEN it fails, the object and its state stay as they were, and the next plan still updates it", () => {
    const directory = writeConfiguration(twin, "create-fault", {
      genesyscloud_architect_datatable: { table: { ...table, description: "changed" } },
    });
    const env = twinEnv(twin, {
      [FAULTS_VARIABLE]: JSON.stringify([
        { type: "genesyscloud_architect_datatable", name: "t_table", operation: "update", effect: "fail" },
      ]),
    });
    const apply = terraform(directory, ["apply", "-auto-approve", "-input=false", "-no-color"], env);
    expect(apply.status).toBe(1);
    expect(apply.stderr).toContain("injected failure: update genesyscloud_architect_datatable");
    expect(Object.values(objectsOf(readOrg(twin.orgFile), "genesyscloud_architect_datatable")).map((object) => object.description)).toEqual(
      [null],
    );
    const plan = terraform(directory, ["plan", "-input=false", "-no-color", "-detailed-exitcode"], twinEnv(twin));
    expect(plan.status).toBe(2);
    expect(plan.stdout).toContain("genesyscloud_architect_datatable.table will be updated in-place");
  });

  it("GIVEN a read timeout in $PREVIEW_RETRIES_TWIN_FAULTS WHEN terraform plan THEN the refresh fails after the delay with a deadline error", () => {
    const directory = writeConfiguration(twin, "create-fault", { genesyscloud_architect_datatable: { table } });
    const [id] = Object.keys(objectsOf(readOrg(twin.orgFile), "genesyscloud_architect_datatable"));
    const env = twinEnv(twin, {
      [FAULTS_VARIABLE]: JSON.stringify([
        { type: "genesyscloud_architect_datatable", id, operation: "read", effect: "timeout", delayMs: 300 },
      ]),
    });
    const plan = terraform(directory, ["plan", "-input=false", "-no-color"], env);
    expect(plan.status).toBe(1);
    expect(plan.stderr).toContain(
      `timeout while waiting for the API to read genesyscloud_architect_datatable ${id}: context deadline exceeded`,
    );
  });
});
