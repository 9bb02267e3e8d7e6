import { describe, expect, it } from "vitest";
import type { DataActionSpec } from "../../data-actions/spec";
import { flowVariable, lit, read, refOf, stateVariable } from "../../workflows/expressions";
import { catalogFunctionNames, formatFinding, lintWorkflow } from "../../workflows/lint";
import { ARCHITECT_FUNCTIONS, DOCUMENTED_JSON_FUNCTIONS } from "../../workflows/functions";
import { actionBranches, type Action, type ActionList, type Expression, type WorkflowDefinition } from "../../workflows/model";
import { ALL_SUBSTITUTION_KEYS, accepted, ended } from "./support";

const messages = (workflow: WorkflowDefinition, keys = ALL_SUBSTITUTION_KEYS) =>
  lintWorkflow(workflow, { substitutionKeys: keys }).map(formatFinding);

/** The workflow with one action (found by name, anywhere in the tree) replaced. */
function replaceAction(workflow: WorkflowDefinition, name: string, replace: (action: Action) => Action | Action[]): WorkflowDefinition {
  let replaced = false;
  const inList = (actions: ActionList): Action[] =>
    actions.flatMap((action) => {
      if (action.name === name) {
        replaced = true;
        return replace(action);
      }
      const branches = Object.entries(actionBranches(action)).map(([path, branch]) => [path, inList(branch)]);
      return [{ ...action, ...Object.fromEntries(branches) } as Action];
    });
  const states = workflow.states.map((state) => ({ ...state, actions: inList(state.actions) }));
  if (!replaced) throw new Error(`no action "${name}"`);
  return { ...workflow, states };
}

const withCallData = (workflow: WorkflowDefinition, name: string, change: (action: Extract<Action, { kind: "callData" }>) => Action) =>
  replaceAction(workflow, name, (action) => {
    if (action.kind !== "callData") throw new Error(`${name} is not a Call Data Action`);
    return change(action);
  });

const ENDED = 'workflow "preview-ended" > state "Handle preview end"';
const ACCEPTED = 'workflow "preview-accepted" > state "Record preview"';

describe("workflow linter", () => {
  it("GIVEN the function set THEN every function is in the vendored catalog or a documented JSON function", () => {
    const catalog = catalogFunctionNames();
    expect(catalog.size).toBe(86);
    expect(Object.keys(ARCHITECT_FUNCTIONS).filter((name) => !catalog.has(name) && !(name in DOCUMENTED_JSON_FUNCTIONS))).toEqual([]);
  });

  describe("GIVEN a Call Data Action output that is not in the data action's output contract", () => {
    const broken = withCallData(ended(), "Get contact", (action) => ({
      ...action,
      successOutputs: { ...action.successOutputs, lastWrapup: refOf(stateVariable("lastResult", "string")) },
    }));

    it("THEN the finding names workflow, state, action and the contract", () => {
      expect(messages(broken)).toEqual([
        `${ENDED} > action "Get contact": output "lastWrapup" is not in the output contract of data action get-contact`,
      ]);
    });
  });

  it("GIVEN a missing and an unknown data action input THEN both are reported", () => {
    const broken = withCallData(ended(), "Resubmit contact", (action) => {
      const inputs = Object.fromEntries(Object.entries(action.inputs).filter(([name]) => name !== "contactDataJson"));
      return { ...action, inputs: { ...inputs, data: lit.string("{}") } };
    });
    expect(messages(broken)).toEqual([
      `${ENDED} > action "Resubmit contact": input "contactDataJson" of data action resubmit-contact is not set`,
      `${ENDED} > action "Resubmit contact": input "data" is not in the input contract of data action resubmit-contact`,
    ]);
  });

  it("GIVEN an input of the wrong type for the contract THEN the types are named", () => {
    const broken = withCallData(ended(), "Claim retry", (action) => ({
      ...action,
      inputs: { ...action.inputs, attempts: lit.string("1") },
    }));
    expect(messages(broken)).toEqual([`${ENDED} > action "Claim retry": input "attempts" is string, expected integer`]);
  });

  it("GIVEN a contract that changed under the workflow (spec renamed an output) THEN the binding is rejected", () => {
    const renamed = (spec: DataActionSpec): DataActionSpec => {
      const { lastResult, ...rest } = spec.outputContract.properties;
      return { ...spec, outputContract: { ...spec.outputContract, properties: { ...rest, wrapupCode: lastResult } } };
    };
    const broken = withCallData(ended(), "Get contact", (action) => ({
      ...action,
      dataAction: { ...action.dataAction, spec: renamed(action.dataAction.spec) },
    }));
    expect(messages(broken)).toEqual([
      `${ENDED} > action "Get contact": output "lastResult" is not in the output contract of data action get-contact`,
    ]);
  });

  it("GIVEN a lookup output that is not a column, and one of the wrong type THEN both are reported", () => {
    const broken = replaceAction(ended(), "Find wrap-up policy", (action) =>
      action.kind === "dataTableLookup"
        ? {
            ...action,
            foundOutputs: {
              waitTimeSeconds: refOf(stateVariable("waitTime", "integer")),
              maxAttempts: refOf(stateVariable("lastResult", "string")),
            },
          }
        : action,
    );
    expect(messages(broken)).toEqual([
      `${ENDED} > action "Find wrap-up policy": found output "waitTimeSeconds" is not a column of table preview_retries_wrap_policy`,
      `${ENDED} > action "Find wrap-up policy": column "maxAttempts" of preview_retries_wrap_policy is integer but State.lastResult is string`,
    ]);
  });

  it("GIVEN an undeclared variable and one used with another type THEN both are reported", () => {
    const broken = replaceAction(ended(), "Read event", (action) => [
      action,
      {
        kind: "updateData",
        name: "Broken statement",
        statements: [
          { variable: refOf(stateVariable("nowhere", "string")), value: lit.string("x") },
          { variable: refOf(stateVariable("waitTime", "string")), value: lit.string("x") },
        ],
      },
    ]);
    expect(messages(broken)).toEqual([
      `${ENDED} > action "Broken statement": assigns State.nowhere is not declared`,
      `${ENDED} > action "Broken statement": assigns State.waitTime is used as string but declared as integer`,
    ]);
  });

  it("GIVEN an expression that does not type-check THEN the operator and types are named", () => {
    const broken = replaceAction(ended(), "Attempts used up?", (action) =>
      action.kind === "decision"
        ? {
            ...action,
            condition: {
              kind: "binary",
              operator: ">=",
              left: read(stateVariable("rowAttempts", "integer")),
              right: read(stateVariable("lastResult", "string")),
            },
          }
        : action,
    );
    expect(messages(broken)).toEqual([
      `${ENDED} > action "Attempts used up?": condition does not type-check: integer >= string is not allowed`,
    ]);
  });

  it("GIVEN a function that is neither in the catalog nor documented THEN it is rejected", () => {
    const invented = { kind: "call", fn: "IsValidPhone", args: [] } as unknown as Expression;
    const broken = replaceAction(ended(), "No wrap-up yet?", (action) =>
      action.kind === "decision" ? { ...action, condition: invented } : action,
    );
    expect(messages(broken)).toEqual([
      `${ENDED} > action "No wrap-up yet?": condition calls IsValidPhone, which is neither in the Architect function catalog nor documented`,
      `${ENDED} > action "No wrap-up yet?": condition does not type-check: IsValidPhone has no signature in workflows/functions.ts`,
    ]);
  });

  it("GIVEN a substitution key the flow resource does not provide THEN the key is named", () => {
    const keys = new Set([...ALL_SUBSTITUTION_KEYS].filter((key) => key !== "data_action_insert_row"));
    const findings = messages(accepted(), keys);
    expect(findings).toContain(`${ACCEPTED} > action "Insert row": {{data_action_insert_row}} has no substitution`);
  });

  it("GIVEN TopLevelPrimitives inputs that are not event fields, are arrays, or have another type THEN each is reported", () => {
    const workflow = accepted("conversationId", "TopLevelPrimitives");
    const broken: WorkflowDefinition = {
      ...workflow,
      variables: [
        ...workflow.variables,
        flowVariable("OutboundContactId", "string", { isInput: true }),
        flowVariable("conversationExternalContactIds", "string", { isInput: true }),
        flowVariable("eventTime", "string", { isInput: true }),
      ],
    };
    expect(messages(broken)).toEqual([
      'workflow "preview-accepted": input Flow.OutboundContactId is not a field of the outbound event (names are case-sensitive)',
      'workflow "preview-accepted": input Flow.conversationExternalContactIds: TopLevelPrimitives does not pass the array field conversationExternalContactIds',
      'workflow "preview-accepted": input Flow.eventTime is string but the outbound event field is a number',
    ]);
  });

  it("GIVEN a non-input Flow variable named like an event field THEN the trigger failure is explained", () => {
    const workflow = ended();
    const broken = { ...workflow, variables: [...workflow.variables, flowVariable("queueId", "string")] };
    expect(messages(broken)).toEqual([
      'workflow "preview-ended": Flow.queueId is not an input but has the name of a userEnd event field: the trigger fails to start the workflow',
    ]);
  });

  it("GIVEN Json data format without Flow.jsonData THEN the missing input is named", () => {
    const workflow = ended();
    const findings = messages({ ...workflow, variables: [] });
    expect(findings[0]).toBe(
      'workflow "preview-ended": data format Json delivers the event in Flow.jsonData, which is not declared as an input',
    );
  });

  it("GIVEN GetJsonObjectProperty of a property the event does not have THEN it is rejected", () => {
    const broken = replaceAction(ended(), "Read event", (action) =>
      action.kind === "updateData"
        ? {
            ...action,
            statements: [
              {
                variable: refOf(stateVariable("conversationId", "string")),
                value: {
                  kind: "call",
                  fn: "ToString",
                  args: [
                    {
                      kind: "call",
                      fn: "GetJsonObjectProperty",
                      args: [read(flowVariable("jsonData", "json")), lit.string("outboundContactId")],
                    },
                  ],
                },
              },
            ],
          }
        : action,
    );
    expect(messages(broken)).toEqual([
      `${ENDED} > action "Read event": value of State.conversationId reads "outboundContactId" with GetJsonObjectProperty, which is not a field of the userEnd event`,
    ]);
  });

  it("GIVEN an unhandled timeout path and an unreachable action THEN both are reported", () => {
    const noTimeout = withCallData(ended(), "Get contact", (action) => ({ ...action, timeout: [] }));
    const unreachable = replaceAction(noTimeout, "Read event", (action) => [
      { kind: "endWorkflow", name: "End early", exitReason: "Early" },
      action,
    ]);
    const findings = messages(unreachable);
    expect(findings).toContain(`${ENDED} > action "Read event": is unreachable: the action before it ends the workflow on every path`);
    expect(findings).toContain(`${ENDED} > action "Get contact": the timeout path is not handled (it must have actions)`);
  });

  it("GIVEN a state whose last path does not end THEN the state is reported", () => {
    const broken = withCallData(accepted(), "Insert row", (action) => ({ ...action, success: [] }));
    expect(messages(broken)).toEqual([
      `${ACCEPTED}: a path through the state does not end with an End Workflow action (every run must say why it ended)`,
    ]);
  });

  it("GIVEN a wait that does not trim its duration THEN the 72-hour limit is named", () => {
    const broken = replaceAction(ended(), "Wait policy time", (action) =>
      action.kind === "wait" ? { ...action, trimDurationNearMaxRunningTime: false } : action,
    );
    expect(messages(broken)).toEqual([
      `${ENDED} > action "Wait policy time": wait must trim its duration near the maximum running time (a workflow Wait fails after 72 hours)`,
    ]);
  });

  it("GIVEN startUpRef pointing nowhere THEN it is reported", () => {
    expect(messages({ ...ended(), startStateRefId: "main" })).toEqual([
      'workflow "preview-ended": startUpRef points at state "main", which does not exist',
    ]);
  });
});
