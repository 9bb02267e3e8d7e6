import { describe, expect, it } from "vitest";
import { dataActionSpecs, specsWithDeploymentValues } from "../../../data-actions";
import { FaultPlan, executeDataAction } from "../../../replay/platform/data-actions";
import { InMemoryOrg } from "../../../replay/platform/org";
import { RETRIES_TABLE } from "../../../tables/definitions";

/** The specifications as deployed: the retries table's id fixed into the row actions' URLs. */
const specs = specsWithDeploymentValues(dataActionSpecs({ timeoutSeconds: 15, resubmit: { priority: true, clearSystemData: false } }), {
  retriesTableId: "t1",
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
