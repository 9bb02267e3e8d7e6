import { describe, expect, it } from "vitest";
import { dataActionSpecs, specsWithDeploymentValues } from "../../data-actions";
import { FaultPlan, executeDataAction } from "../../replay/data-action-executor";
import { evaluate, type EvaluationScope } from "../../replay/expressions";
import { WorkflowRun } from "../../replay/interpreter";
import { InMemoryOrg } from "../../replay/org";
import { FlowRuntimeError, Json, NOT_SET, type ArchitectValue } from "../../replay/values";
import { POLICY_TABLE, RETRIES_TABLE } from "../../tables/definitions";
import { e164, flowVariable, lit, op, read, refOf, stateVariable, substitution } from "../../workflows/expressions";
import { fn } from "../../workflows/functions";
import type { WorkflowDefinition } from "../../workflows/model";

const specs = specsWithDeploymentValues(dataActionSpecs({ timeoutSeconds: 15, resubmit: { priority: true, clearSystemData: false } }), {
  retriesTableId: "t1",
});
const scope = (variables: Record<string, ArchitectValue> = {}): EvaluationScope => ({
  read: (variable) => variables[variable.name] ?? NOT_SET,
  substitution: (key) => `<${key}>`,
  now: () => Date.parse("2026-03-02T09:00:00Z"),
});
const json = flowVariable("jsonData", "json", { isInput: true });
const text = stateVariable("text", "string");

describe("expressions", () => {
  it("normalizes phone numbers to E.164 and leaves numbers without a country code unset", () => {
    expect(evaluate(e164(fn.toPhoneNumber(lit.string("tel:+1 (555) 555-1234"))), scope())).toBe("+15555551234");
    expect(evaluate(e164(fn.toPhoneNumber(lit.string("sip:+4915112345678@example.invalid"))), scope())).toBe("+4915112345678");
    expect(evaluate(e164(fn.toPhoneNumber(lit.string("5555551234"))), scope())).toBe(NOT_SET);
    expect(evaluate(e164(fn.toPhoneNumber(read(text))), scope())).toBe(NOT_SET);
  });

  it("passes NOT_SET through casts and treats it as empty, and compares it only for equality", () => {
    expect(evaluate(fn.toString(fn.getJsonObjectProperty(read(json), lit.string("missing"))), scope({ jsonData: new Json({}) }))).toBe(
      NOT_SET,
    );
    expect(evaluate(fn.isNotSetOrEmpty(read(text)), scope())).toBe(true);
    expect(evaluate(fn.isNotSetOrEmpty(lit.string("")), scope())).toBe(true);
    expect(evaluate(fn.isSet(lit.string("")), scope())).toBe(true);
    expect(evaluate(op.eq(read(text), lit.string("a")), scope())).toBe(false);
    expect(evaluate(op.ne(read(text), lit.string("a")), scope())).toBe(true);
    expect(() => evaluate(op.ge(read(stateVariable("n", "integer")), lit.integer(1)), scope())).toThrow(FlowRuntimeError);
  });

  it("reads JSON strings without quotes, counts collections, and fails out of range", () => {
    const event = scope({ jsonData: new Json({ callbackNumbers: ["+15555551234"], conversationId: "c-1" }) });
    expect(evaluate(fn.toString(fn.getJsonObjectProperty(read(json), lit.string("conversationId"))), event)).toBe("c-1");
    const numbers = fn.toJsonCollection(fn.getJsonObjectProperty(read(json), lit.string("callbackNumbers")));
    expect(evaluate(fn.count(numbers), event)).toBe(1);
    expect(evaluate(fn.toString(fn.getAt(numbers, lit.integer(0))), event)).toBe("+15555551234");
    expect(() => evaluate(fn.getAt(numbers, lit.integer(1)), event)).toThrow(/out of range/);
  });

  it("builds durations and reads the virtual clock", () => {
    expect(evaluate(fn.makeDuration(lit.integer(1), lit.integer(2), lit.integer(3), lit.integer(4)), scope())).toMatchObject({
      milliseconds: (((24 + 2) * 60 + 3) * 60 + 4) * 1000,
    });
    expect(evaluate(fn.toString(fn.getCurrentDateTimeUtc()), scope())).toBe("2026-03-02T09:00:00.000Z");
  });
});

describe("data actions through their specifications", () => {
  const org = () => {
    const o = new InMemoryOrg();
    o.addTable("t1", "retries", RETRIES_TABLE);
    return o;
  };
  const row = {
    key: "+15555551234",
    contactId: "c",
    contactListId: "l",
    conversationId: "v",
    attempts: 0,
    updatedAt: "",
  };

  it("inserts once and fails a duplicate key like the platform", () => {
    const o = org();
    expect(executeDataAction(specs.insertRow, row, o, new FaultPlan()).result.outcome).toBe("success");
    const duplicate = executeDataAction(specs.insertRow, row, o, new FaultPlan());
    expect(duplicate.result).toMatchObject({ outcome: "failure", error: { status: 409 } });
    expect(duplicate.contractViolation).toBeUndefined();
  });

  it("reports an input that breaks the contract as a contract violation", () => {
    const withoutKey = Object.fromEntries(Object.entries(row).filter(([field]) => field !== "key"));
    const call = executeDataAction(specs.insertRow, withoutKey, org(), new FaultPlan());
    expect(call.result.outcome).toBe("failure");
    expect(call.contractViolation).toMatch(/input does not match the input contract/);
  });

  it("takes injected faults for the given number of calls", () => {
    const faults = new FaultPlan();
    faults.add(specs.deleteRow.id, "timeout", 2);
    const o = org();
    const input = { key: "+1" };
    expect(executeDataAction(specs.deleteRow, input, o, faults).result.outcome).toBe("timeout");
    expect(executeDataAction(specs.deleteRow, input, o, faults).result.outcome).toBe("timeout");
    expect(executeDataAction(specs.deleteRow, input, o, faults).result).toMatchObject({ outcome: "failure", error: { status: 404 } });
  });
});

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
    const run = new WorkflowRun(workflow, inputs, { org, faults: new FaultPlan(), substitutions: { policy_table_name: "policy" } });
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
