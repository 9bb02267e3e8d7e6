import { describe, expect, it } from "vitest";
import type { CorrelationKey } from "../../config/schema";
import { DATATABLE_ID_INPUT, GET_CONTACT_OUTPUTS, ROW_KEY } from "../../data-actions";
import { contactCarryKey } from "../../workflows/common";
import { lit } from "../../workflows/expressions";
import { POLICY_TABLE, RETRIES_TABLE } from "../../tables/definitions";
import type { Action, ActionList, Expression, VariableRef, WorkflowDefinition } from "../../workflows/model";
import { ACCEPTED_EXITS } from "../../workflows/preview-accepted";
import { ENDED_EXITS } from "../../workflows/preview-ended";
import { accepted, ended, specs } from "./support";

/**
 * Runs the workflow models against an in-memory retries table, following every action's own data
 * (keys, inputs, conditions), to show what the models do across re-offers of one contact. Only the
 * expression forms the two workflows use are evaluated; anything else throws. Row actions behave as
 * the data-table API does: insert of an existing key, update or delete of a missing key fail.
 */
type Value = string | number | boolean | readonly unknown[] | Readonly<Record<string, unknown>> | undefined;
type Row = Readonly<Record<string, string | number>>;

interface Org {
  readonly rows: Map<string, Row>;
  readonly policies: ReadonlyMap<string, Row>;
  readonly lastResult: string;
  resubmits: number;
}

const nameOf = (variable: VariableRef) => `${variable.scope}.${variable.name}`;

function evaluate(expression: Expression, variables: ReadonlyMap<string, Value>): Value {
  switch (expression.kind) {
    case "string":
    case "integer":
    case "boolean":
      return expression.value;
    case "substitution":
      return `{{${expression.key}}}`;
    case "variable":
      return variables.get(nameOf(expression.variable));
    case "property":
      // ToPhoneNumber(x).e164: the test's numbers are already E.164.
      return evaluate(expression.of, variables);
    case "call": {
      const args = expression.args.map((arg) => evaluate(arg, variables));
      switch (expression.fn) {
        case "ToString":
          return args[0] === undefined ? undefined : String(args[0]);
        case "IsNotSetOrEmpty":
          return args[0] === undefined || args[0] === "";
        case "GetJsonObjectProperty":
          return (args[0] as Readonly<Record<string, Value>>)[args[1] as string];
        case "ToJsonCollection":
        case "ToPhoneNumber":
          return args[0];
        case "Count":
          return (args[0] as readonly unknown[]).length;
        case "GetAt":
          return (args[0] as readonly Value[])[args[1] as number];
        case "GetCurrentDateTimeUtc":
          return "2024-05-01T00:00:00Z";
        default:
          throw new Error(`the walk does not evaluate ${expression.fn}`);
      }
    }
    case "binary": {
      const left = evaluate(expression.left, variables);
      const right = evaluate(expression.right, variables);
      switch (expression.operator) {
        case "+":
          if (typeof left === "string" && typeof right === "string") return left + right;
          if (typeof left === "number" && typeof right === "number") return left + right;
          throw new Error(`${String(left)} + ${String(right)}`);
        case "==":
          return left === right;
        case "!=":
          return left !== right;
        case ">":
          return (left as number) > (right as number);
        case ">=":
          return (left as number) >= (right as number);
        case "and":
          return left === true && right === true;
        case "or":
          return left === true || right === true;
        default:
          throw new Error(`the walk does not evaluate ${expression.operator}`);
      }
    }
    default:
      throw new Error(`the walk does not evaluate ${expression.kind}`);
  }
}

/** Performs a data action against the org; false when the platform would answer with an error. */
function callDataAction(
  action: Extract<Action, { kind: "callData" }>,
  inputs: Record<string, Value>,
  org: Org,
  variables: Map<string, Value>,
) {
  const { spec } = action.dataAction;
  const row = Object.fromEntries(Object.entries(inputs).filter(([name]) => name !== DATATABLE_ID_INPUT));
  const key = row[ROW_KEY] as string;
  if (spec === specs.insertRow) {
    if (org.rows.has(key)) return false;
    org.rows.set(key, row as Row);
  } else if (spec === specs.updateRow) {
    if (!org.rows.has(key)) return false;
    org.rows.set(key, row as Row);
  } else if (spec === specs.deleteRow) {
    return org.rows.delete(key);
  } else if (spec === specs.getContact) {
    const outputs: Record<string, Value> = {
      [GET_CONTACT_OUTPUTS.lastResult]: org.lastResult,
      [GET_CONTACT_OUTPUTS.contactDataJson]: "{}",
    };
    for (const [output, variable] of Object.entries(action.successOutputs)) variables.set(nameOf(variable), outputs[output]);
  } else if (spec === specs.resubmitContact) {
    org.resubmits += 1;
  } else throw new Error(`the walk does not perform ${spec.id}`);
  return true;
}

/** One run of a workflow: its exit reason. */
function run(workflow: WorkflowDefinition, event: Readonly<Record<string, unknown>>, org: Org): string {
  const variables = new Map<string, Value>([["Flow.jsonData", event]]);
  const runList = (actions: ActionList): string | undefined => {
    for (const action of actions) {
      const exit = runAction(action);
      if (exit !== undefined) return exit;
    }
    return undefined;
  };
  const runAction = (action: Action): string | undefined => {
    switch (action.kind) {
      case "updateData":
        for (const { variable, value } of action.statements) variables.set(nameOf(variable), evaluate(value, variables));
        return undefined;
      case "decision":
        return runList(evaluate(action.condition, variables) === true ? action.yes : action.no);
      case "wait":
        return undefined;
      case "endWorkflow":
        return action.exitReason;
      case "dataTableLookup": {
        const key = evaluate(action.lookupValue, variables) as string;
        const table =
          action.table.definition === RETRIES_TABLE ? org.rows : action.table.definition === POLICY_TABLE ? org.policies : undefined;
        const row = table?.get(key);
        if (!row) return runList(action.notFound);
        for (const [column, variable] of Object.entries(action.foundOutputs)) variables.set(nameOf(variable), row[column]);
        return runList(action.found);
      }
      case "callData": {
        const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, value]) => [name, evaluate(value, variables)]));
        return runList(callDataAction(action, inputs, org, variables) ? action.success : action.failure);
      }
    }
  };
  const exit = runList(workflow.states[0].actions);
  if (exit === undefined) throw new Error(`${workflow.id} ran off its end`);
  return exit;
}

const SKIPPED = "ININ-OUTBOUND-PREVIEW-SKIPPED";
const PHONE = "+13175550100";

/** A contact the agents skip on every offer, offered again whenever it is re-submitted (at most `offerLimit` times). */
function skipForever(correlationKey: CorrelationKey, maxAttempts: number, offerLimit = 20) {
  const org: Org = { rows: new Map(), policies: new Map([[SKIPPED, { waitTime: 240, maxAttempts }]]), lastResult: SKIPPED, resubmits: 0 };
  const acceptedWorkflow = accepted(correlationKey);
  const endedWorkflow = ended(correlationKey);
  const acceptedExits: string[] = [];
  const endedExits: string[] = [];
  for (let offer = 1; offer <= offerLimit; offer++) {
    const resubmitsBefore = org.resubmits;
    const conversationId = `conversation-${offer}`;
    const outbound = { conversationId, outboundContactId: "contact-1", outboundContactListId: "list-1", addressTo: PHONE };
    acceptedExits.push(run(acceptedWorkflow, outbound, org));
    endedExits.push(run(endedWorkflow, { conversationId, callbackNumbers: [PHONE] }, org));
    if (org.resubmits === resubmitsBefore) break;
  }
  return { resubmits: org.resubmits, acceptedExits, endedExits, rowsLeft: [...org.rows.keys()] };
}

describe("attempt cap across re-offers (models walked against an in-memory retries table)", () => {
  describe.each([1, 3])("GIVEN a contact skipped on every offer and a policy with maxAttempts %i", (maxAttempts) => {
    it.each<CorrelationKey>(["conversationId", "phoneNumber"])(
      "WHEN keys are %s THEN the contact is re-submitted maxAttempts times, the last run ends MaxAttemptsReached and no row is left",
      (correlationKey) => {
        const result = skipForever(correlationKey, maxAttempts);
        expect(result.resubmits).toBe(maxAttempts);
        expect(result.endedExits).toEqual([...Array<string>(maxAttempts).fill(ENDED_EXITS.resubmitted), ENDED_EXITS.maxAttempts]);
        expect(result.rowsLeft).toEqual([]);
      },
    );
  });

  it("GIVEN conversation keys THEN every re-offer starts its row with the attempts carried from the previous conversation", () => {
    const { acceptedExits } = skipForever("conversationId", 3);
    expect(acceptedExits).toEqual([
      ACCEPTED_EXITS.inserted,
      ACCEPTED_EXITS.insertedWithCarriedAttempts,
      ACCEPTED_EXITS.insertedWithCarriedAttempts,
      ACCEPTED_EXITS.insertedWithCarriedAttempts,
    ]);
  });

  it("GIVEN conversation keys and a carry row left behind (its delete failed) THEN the next re-submit updates it instead of inserting", () => {
    const org: Org = {
      rows: new Map(),
      policies: new Map([[SKIPPED, { waitTime: 240, maxAttempts: 5 }]]),
      lastResult: SKIPPED,
      resubmits: 0,
    };
    const outbound = { conversationId: "conversation-1", outboundContactId: "contact-1", outboundContactListId: "list-1" };
    expect(run(accepted("conversationId"), outbound, org)).toBe(ACCEPTED_EXITS.inserted);
    const carryKey = evaluate(contactCarryKey(lit.string("list-1"), lit.string("contact-1")), new Map()) as string;
    org.rows.set(carryKey, {
      key: carryKey,
      contactId: "contact-1",
      contactListId: "list-1",
      conversationId: "",
      attempts: 2,
      updatedAt: "",
    });
    org.rows.set("conversation-1", { ...org.rows.get("conversation-1"), attempts: 2 });

    expect(run(ended("conversationId"), { conversationId: "conversation-1", callbackNumbers: [] }, org)).toBe(ENDED_EXITS.resubmitted);
    expect(org.rows.get(carryKey)).toMatchObject({ attempts: 3, conversationId: "" });
    expect([...org.rows.keys()]).toEqual([carryKey]);
  });
});
