import { describe, expect, it } from "vitest";
import { WorkflowRun } from "../../../replay/architect/interpreter";
import type { ArchitectValue } from "../../../replay/architect/values";
import { FaultPlan, executeDataAction } from "../../../replay/platform/data-actions";
import { InMemoryOrg } from "../../../replay/platform/org";
import { POLICY_TABLE } from "../../../tables/definitions";
import { flowVariable, lit, read, refOf, stateVariable, substitution } from "../../../workflows/expressions";
import { fn } from "../../../workflows/functions";
import type { WorkflowDefinition } from "../../../workflows/model";

describe("WorkflowRun", () => {
  const waitTime = stateVariable("waitTime", "integer");
  const maxAttempts = stateVariable("maxAttempts", "integer");
  const code = flowVariable("code", "string", { isInput: true });
  const workflow: WorkflowDefinition = {
    id: "test",
    name: substitution("flow_name"),
    division: substitution("division_name"),
    description: "",
    defaultLanguage: "en-us",
    trigger: { event: "userEnd", dataFormat: "TopLevelPrimitives" },
    variables: [code],
    startStateRefId: "s",
    states: [
      {
        name: "s",
        refId: "s",
        variables: [waitTime, maxAttempts],
        actions: [
          {
            kind: "dataTableLookup",
            name: "Policy",
            table: { definition: POLICY_TABLE, nameKey: "policy_table_name" },
            lookupValue: read(code),
            foundOutputs: { waitTime: refOf(waitTime), maxAttempts: refOf(maxAttempts) },
            found: [],
            notFound: [{ kind: "endWorkflow", name: "End", exitReason: "NoPolicy" }],
            failure: [{ kind: "endWorkflow", name: "End", exitReason: "LookupFailed" }],
          },
          {
            kind: "wait",
            name: "Wait",
            duration: fn.makeDuration(lit.integer(0), lit.integer(0), lit.integer(0), read(waitTime)),
            trimDurationNearMaxRunningTime: true,
          },
          { kind: "endWorkflow", name: "End", exitReason: "Waited" },
        ],
      },
    ],
  };
  const start = (inputs: Map<string, ArchitectValue>, waitSeconds: number) => {
    const org = new InMemoryOrg();
    org.now = 1_000_000;
    org.addTable("p", "policy", POLICY_TABLE, { SKIP: { waitTime: waitSeconds, maxAttempts: 2 } });
    const faults = new FaultPlan();
    const run = new WorkflowRun(workflow, inputs, {
      org,
      callDataAction: (spec, input) => executeDataAction(spec, input, org, faults),
      substitutions: { policy_table_name: "policy" },
    });
    return { org, run };
  };

  it("types found outputs by column and waits on the virtual clock", () => {
    const { org, run } = start(new Map([["code", "SKIP"]]), 240);
    expect(run.advance()).toBe(1_000_000 + 240_000);
    expect(run.valueOf("State", "maxAttempts")).toBe(2);
    org.now = 1_000_000 + 240_000;
    expect(run.advance()).toBeUndefined();
    expect(run.outcome).toEqual({ kind: "ended", exitReason: "Waited", action: "End" });
  });

  it("trims a wait beyond 72 hours to just below the limit", () => {
    const { run } = start(new Map([["code", "SKIP"]]), 100 * 3600);
    expect(run.advance()).toBe(1_000_000 + 72 * 3600_000 - 1000);
  });

  it("takes notFound for an unknown key and failure for a NOT_SET key", () => {
    const unknown = start(new Map([["code", "OTHER"]]), 1).run;
    unknown.advance();
    expect(unknown.outcome).toMatchObject({ exitReason: "NoPolicy" });
    const unset = start(new Map(), 1).run;
    unset.advance();
    expect(unset.outcome).toMatchObject({ exitReason: "LookupFailed" });
  });
});
