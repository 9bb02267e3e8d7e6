import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { synthesizeIntoTwin } from "../../cli/twin-backends";
import { environments as repositoryEnvironments } from "../../config/environments";
import { CONFIG_FILE_VARIABLE, loadEnvironments } from "../../config/load";
import type { EnvironmentConfig } from "../../config/schema";
import { ExitCode } from "../../errors";
import { parsePlanJson } from "../../ops/plan-json";
import { stackFiles, type SynthesizedStack } from "../../ops/stacks";
import { deploymentOf } from "../../replay/deployment";
import { deploymentFromTwin } from "../../replay/twin-deployment";
import type { TwinPaths } from "../../twin/environment";
import { installTwin } from "../../twin/install";
import { objectsOf } from "../../twin/org";
import { describeWithTerraform, editOrg, runScript, terraform, twinEnv } from "./support";

/** Two environments in one org (one twin), told apart by their prefixes: conversation-id keys and phone keys. */
const CONFIG = [
  { ...repositoryEnvironments[0], name: "blue", namePrefix: "blue_", correlationKey: "conversationId" },
  {
    ...repositoryEnvironments[0],
    name: "green",
    namePrefix: "green_",
    correlationKey: "phoneNumber",
    wrapupPolicies: [
      { wrapupCode: "ININ-OUTBOUND-PREVIEW-SKIPPED", waitTimeSeconds: 600, maxAttempts: 2 },
      { wrapupCode: "Call back later", waitTimeSeconds: 3600, maxAttempts: 5 },
    ],
  },
];

const changedActions = (stack: SynthesizedStack) =>
  (parsePlanJson(readFileSync(stackFiles(stack).planJson, "utf8"), stackFiles(stack).planJson).resource_changes ?? [])
    .map((change) => change.change.actions.join(","))
    .filter((actions) => actions !== "no-op");

describeWithTerraform("a multi-environment configuration through the real terraform and one twin", () => {
  let twin: TwinPaths;
  let env: NodeJS.ProcessEnv;
  let stacks: SynthesizedStack[];
  let environments: EnvironmentConfig[];

  beforeAll(() => {
    twin = installTwin(mkdtempSync(join(tmpdir(), "twin-multi-")));
    const configFile = join(twin.directory, "environments.json");
    writeFileSync(configFile, JSON.stringify(CONFIG));
    env = twinEnv(twin, { [CONFIG_FILE_VARIABLE]: configFile });
    environments = loadEnvironments(env);
    // npm run plan runs terraform init itself.
    stacks = synthesizeIntoTwin(twin, env);
  });

  it("GIVEN two stacks WHEN npm run plan, npm run apply, terraform plan THEN both are created in the one org and the second plan has no changes", () => {
    expect(stacks.map((stack) => stack.id).sort()).toEqual(["preview-retries-blue", "preview-retries-green"]);
    const plan = runScript("cli/plan.ts", [], env);
    expect(plan.status, plan.stderr).toBe(ExitCode.OK);
    for (const stack of stacks) expect(changedActions(stack)).toEqual(Array(15 + (stack.id.endsWith("green") ? 1 : 0)).fill("create"));
    const apply = runScript("cli/apply.ts", [], env);
    expect(apply.status, apply.stderr).toBe(ExitCode.OK);

    for (const stack of stacks) {
      const again = terraform(stack.workingDirectory, ["plan", "-input=false", "-no-color", "-detailed-exitcode"], env);
      expect(again.status, `${stack.id}: ${again.stdout}`).toBe(0);
    }
  });

  it("GIVEN both applied WHEN each environment's deployment is read from the shared twin THEN each is its own, as planned", () => {
    for (const environment of environments) {
      const fromTwin = deploymentFromTwin(twin.directory, environment);
      const planned = deploymentOf({
        ...environment,
        adopt: { ...environment.adopt, retriesTableId: fromTwin.tables.retries.id, policyTableId: fromTwin.tables.policy.id },
      });
      expect(fromTwin.triggers, environment.name).toEqual(planned.triggers);
      expect(fromTwin.specs, environment.name).toEqual(planned.specs);
      expect(fromTwin.tables, environment.name).toEqual(planned.tables);
    }
    const [blue, green] = environments.map((environment) => deploymentFromTwin(twin.directory, environment));
    expect(Object.keys(green.tables.policy.rows).sort()).toEqual(["Call back later", "ININ-OUTBOUND-PREVIEW-SKIPPED"]);
    // Different keys, different workflows: reading one environment never picks up the other's objects.
    expect(blue.triggers[1].workflow).not.toEqual(green.triggers[1].workflow);
    expect(blue.tables.retries.id).not.toBe(green.tables.retries.id);
  });

  it("GIVEN a hand edit of one environment's trigger WHEN npm run drift THEN it exits with the drift code and reports only that stack", () => {
    editOrg(twin, (org) => {
      const trigger = Object.values(objectsOf(org, "genesyscloud_processautomation_trigger")).find(
        (candidate) => candidate.name === "green_Preview Retries - Preview Ended",
      )!;
      trigger.delay_by_seconds = 120;
    });
    const drift = runScript("cli/drift.ts", [], env);
    expect(drift.status, drift.stderr).toBe(ExitCode.FINDINGS);
    const [, blue, green] = drift.stdout.split(/^### Stack /m);
    expect(blue).toMatch(/^`preview-retries-blue`\s+No drift\.\s*$/);
    expect(green).toMatch(/^`preview-retries-green`\s+1 object changed outside Terraform:\s/);
    expect(green).toMatch(/genesyscloud_processautomation_trigger\.triggers_ended_trigger_\w+/);
    expect(green).toMatch(/\| `delay_by_seconds` \| `60` \| `120` \|/);
  });
});
