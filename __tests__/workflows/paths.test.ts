import { describe, expect, it } from "vitest";
import { GET_CONTACT_OUTPUTS } from "../../data-actions";
import { contactCarryKey } from "../../workflows/common";
import { read, stateVariable } from "../../workflows/expressions";
import type { Action } from "../../workflows/model";
import { ACCEPTED_CONVERSATION_KEY_ONLY_EXITS, ACCEPTED_EXITS } from "../../workflows/preview-accepted";
import { ENDED_CONVERSATION_KEY_ONLY_EXITS, ENDED_EXITS, ENDED_PHONE_KEY_ONLY_EXITS } from "../../workflows/preview-ended";
import { ALL_VARIANTS, accepted, allActions, branchesOf, ended, executionPaths } from "./support";

const actionsOf = (workflow: ReturnType<typeof ended>) => workflow.states.flatMap((state) => state.actions);
const exitsOf = (paths: ReturnType<typeof executionPaths>) => [...new Set(paths.map((path) => path.exitReason))].sort();
const named = (workflow: ReturnType<typeof ended>, name: string): Action => {
  const action = allActions(actionsOf(workflow)).find((candidate) => candidate.name === name);
  if (!action) throw new Error(`no action "${name}"`);
  return action;
};
const inputsOf = (action: Action) => (action.kind === "callData" ? action.inputs : {});

describe("workflow paths (model)", () => {
  describe.each(ALL_VARIANTS)("GIVEN %s", (_, build) => {
    const workflow = build();
    const paths = executionPaths(actionsOf(workflow));
    const executed = new Set(paths.flatMap((path) => path.steps.map((step) => step.replace(/ \[\w+\]$/, ""))));

    it("THEN every path ends with an End Workflow action", () => {
      expect(paths.filter((path) => path.exitReason === undefined)).toEqual([]);
    });

    it("THEN every action is executed on at least one path", () => {
      const names = allActions(actionsOf(workflow)).map((action) => action.name);
      expect(names.filter((name) => !executed.has(name))).toEqual([]);
    });

    it("THEN every failure, timeout and not-found output of lookups and data actions has actions", () => {
      const unhandled = allActions(actionsOf(workflow)).flatMap((action) =>
        branchesOf(action)
          .filter(([label, branch]) => ["failure", "timeout", "notFound"].includes(label) && branch.length === 0)
          .map(([label]) => `${action.name}: ${label}`),
      );
      expect(unhandled).toEqual([]);
    });

    it("THEN exit reasons are distinct per path end (an exit reason says which path ended the run)", () => {
      const ends = allActions(actionsOf(workflow)).filter((action) => action.kind === "endWorkflow");
      expect(new Set(ends.map((end) => end.kind === "endWorkflow" && end.exitReason)).size).toBe(ends.length);
    });
  });

  describe("GIVEN the accepted workflow with phone keys", () => {
    const paths = executionPaths(actionsOf(accepted()));
    const exits = new Set(paths.map((path) => path.exitReason));

    it("THEN its runs end with exactly the documented exit reasons except the carry row's", () => {
      const withoutCarry = Object.values(ACCEPTED_EXITS).filter((reason) => !ACCEPTED_CONVERSATION_KEY_ONLY_EXITS.includes(reason));
      expect([...exits].sort()).toEqual(withoutCarry.sort());
    });

    it("THEN a found row of the same contact keeps its attempts and a different contact resets them, both before the update", () => {
      const kept = paths.find((path) => path.steps.includes("Same contact? [yes]") && path.exitReason === ACCEPTED_EXITS.updated);
      const reset = paths.find((path) => path.steps.includes("Same contact? [no]") && path.exitReason === ACCEPTED_EXITS.updated);
      expect(kept?.steps.slice(-4)).toEqual(["Same contact? [yes]", "Keep attempts", "Update row [success]", "End: RowUpdated"]);
      expect(reset?.steps.slice(-4)).toEqual(["Same contact? [no]", "Reset attempts", "Update row [success]", "End: RowUpdated"]);
    });

    it("THEN a key that is not in the table is inserted", () => {
      const inserted = paths.find((path) => path.exitReason === ACCEPTED_EXITS.inserted);
      expect(inserted?.steps).toContain("Find row [notFound]");
    });
  });

  describe("GIVEN the ended workflow with phone keys", () => {
    const paths = executionPaths(actionsOf(ended()));
    const resubmitted = paths.find((path) => path.exitReason === ENDED_EXITS.resubmitted);

    it("THEN its runs end with exactly the documented exit reasons except the conversation-key cleanup and carry row", () => {
      const phoneKeyExits = Object.values(ENDED_EXITS).filter((reason) => !ENDED_CONVERSATION_KEY_ONLY_EXITS.includes(reason));
      expect(exitsOf(paths)).toEqual(phoneKeyExits.sort());
    });

    it("THEN the retry path checks handling, reads the contact, applies the policy and the cap, claims, waits and re-submits, in that order", () => {
      expect(resubmitted?.steps).toEqual([
        "Has callback number? [yes]",
        "Read event",
        "Key missing? [no]",
        "Find tracked preview [found]",
        "Already handled? [no]",
        "Get contact [success]",
        "No wrap-up yet? [no]",
        "Disposition time unknown? [no]",
        "Disposition older than this preview? [no]",
        "Find wrap-up policy [found]",
        "Attempts used up? [no]",
        "Claim retry [success]",
        "Wait policy time",
        "Resubmit contact [success]",
        "End: Resubmitted",
      ]);
    });

    it("THEN a conversation already handled (the claim cleared its id) ends before any data action", () => {
      const handled = paths.find((path) => path.exitReason === ENDED_EXITS.alreadyHandled);
      expect(handled?.steps.some((step) => step.startsWith("Get contact"))).toBe(false);
    });

    it("THEN the claim writes attempts + 1 and clears conversationId", () => {
      const claim = allActions(actionsOf(ended())).find((action) => action.name === "Claim retry");
      expect(claim?.kind === "callData" && claim.inputs.conversationId).toEqual({ kind: "string", value: "" });
      expect(claim?.kind === "callData" && claim.inputs.attempts).toMatchObject({
        kind: "binary",
        operator: "+",
        right: { kind: "integer", value: 1 },
      });
    });

    it("THEN Get Contact's wrap-up and data map feed the policy lookup and the re-submit", () => {
      const actions = allActions(actionsOf(ended()));
      const getContact = actions.find((action) => action.name === "Get contact");
      const policy = actions.find((action) => action.name === "Find wrap-up policy");
      const resubmit = actions.find((action) => action.name === "Resubmit contact");
      if (getContact?.kind !== "callData" || policy?.kind !== "dataTableLookup" || resubmit?.kind !== "callData") throw new Error("shape");
      const wrapup = getContact.successOutputs[GET_CONTACT_OUTPUTS.lastResult];
      const data = getContact.successOutputs[GET_CONTACT_OUTPUTS.contactDataJson];
      expect(policy.lookupValue).toEqual({ kind: "variable", variable: wrapup });
      expect(resubmit.inputs.contactDataJson).toEqual({ kind: "variable", variable: data });
    });

    it("THEN not eligible and attempts used up both delete the row", () => {
      for (const reason of [ENDED_EXITS.notEligible, ENDED_EXITS.maxAttempts]) {
        const path = paths.find((candidate) => candidate.exitReason === reason);
        expect(path?.steps.at(-2)).toMatch(/^Delete row .*\[success\]$/);
      }
    });

    it("THEN the wait trims its duration near the 72-hour limit and is built from the policy's waitTime", () => {
      const wait = allActions(actionsOf(ended())).find((action) => action.kind === "wait");
      expect(wait).toMatchObject({
        trimDurationNearMaxRunningTime: true,
        duration: { kind: "call", fn: "MakeDuration", args: [{}, {}, {}, { kind: "variable", variable: { name: "waitTime" } }] },
      });
    });
  });

  describe("GIVEN the accepted workflow with conversation keys", () => {
    const workflow = accepted("conversationId");
    const paths = executionPaths(actionsOf(workflow));
    const contactKey = contactCarryKey(read(stateVariable("contactListId", "string")), read(stateVariable("contactId", "string")));

    it("THEN its runs end with exactly the documented exit reasons", () => {
      expect(exitsOf(paths)).toEqual(Object.values(ACCEPTED_EXITS).sort());
    });

    it("THEN a new conversation with a carry row inserts its row before deleting the carry row; without one it inserts with 0 attempts", () => {
      const carried = paths.find((path) => path.exitReason === ACCEPTED_EXITS.insertedWithCarriedAttempts);
      const fresh = paths.find((path) => path.exitReason === ACCEPTED_EXITS.inserted);
      expect(carried?.steps.slice(-5)).toEqual([
        "Find row [notFound]",
        "Find carry row [found]",
        "Insert row with carried attempts [success]",
        "Delete carry row [success]",
        "End: RowInsertedWithCarriedAttempts",
      ]);
      expect(fresh?.steps.slice(-3)).toEqual(["Find carry row [notFound]", "Insert row [success]", "End: RowInserted"]);
      expect(inputsOf(named(workflow, "Insert row")).attempts).toEqual({ kind: "integer", value: 0 });
    });

    it("THEN the carry row is found and deleted by the event's contact key, and its attempts start the new row", () => {
      const lookup = named(workflow, "Find carry row");
      if (lookup.kind !== "dataTableLookup") throw new Error("Find carry row is not a lookup");
      expect(lookup.lookupValue).toEqual(contactKey);
      expect(inputsOf(named(workflow, "Delete carry row")).key).toEqual(contactKey);
      expect(inputsOf(named(workflow, "Insert row with carried attempts")).attempts).toEqual(read(lookup.foundOutputs.attempts));
    });

    it("THEN a conversation already recorded (the trigger fired twice) keeps its row and does not touch the carry row", () => {
      const found = paths.filter((path) => path.steps.includes("Find row [found]"));
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter((path) => path.steps.some((step) => step.includes("carry")))).toEqual([]);
    });
  });

  describe("GIVEN the ended workflow with conversation keys", () => {
    const workflow = ended("conversationId");
    const paths = executionPaths(actionsOf(workflow));
    const contactKey = contactCarryKey(read(stateVariable("rowContactListId", "string")), read(stateVariable("rowContactId", "string")));
    const claimedAttempts = inputsOf(named(workflow, "Claim retry")).attempts;

    it("THEN its runs end with exactly the documented exit reasons except the phone-number ones", () => {
      const conversationKeyExits = Object.values(ENDED_EXITS).filter((reason) => !ENDED_PHONE_KEY_ONLY_EXITS.includes(reason));
      expect(exitsOf(paths)).toEqual(conversationKeyExits.sort());
    });

    it("THEN the retry path writes the carry row after the wait and before the re-submit, then deletes the handled row", () => {
      const resubmitted = paths.filter((path) => path.exitReason === ENDED_EXITS.resubmitted).map((path) => path.steps.slice(-6));
      expect(resubmitted).toEqual([
        [
          "Wait policy time",
          "Find carry row [found]",
          "Update carry row [success]",
          "Resubmit contact [success]",
          "Delete handled row [success]",
          "End: Resubmitted",
        ],
        [
          "Wait policy time",
          "Find carry row [notFound]",
          "Insert carry row [success]",
          "Resubmit contact [success]",
          "Delete handled row [success]",
          "End: Resubmitted",
        ],
      ]);
      expect(paths.find((path) => path.exitReason === ENDED_EXITS.resubmitted)?.steps[0]).toBe("Read event");
    });

    it("THEN both carry writes store the claimed attempts under the row's contact key, with no conversation to handle", () => {
      expect(claimedAttempts).toMatchObject({ kind: "binary", operator: "+", right: { kind: "integer", value: 1 } });
      for (const name of ["Update carry row", "Insert carry row"]) {
        const inputs = inputsOf(named(workflow, name));
        expect(inputs.key).toEqual(contactKey);
        expect(inputs.attempts).toEqual(claimedAttempts);
        expect(inputs.conversationId).toEqual({ kind: "string", value: "" });
        expect(inputs.contactId).toEqual(read(stateVariable("rowContactId", "string")));
        expect(inputs.contactListId).toEqual(read(stateVariable("rowContactListId", "string")));
      }
      const lookup = named(workflow, "Find carry row");
      expect(lookup.kind === "dataTableLookup" && lookup.lookupValue).toEqual(contactKey);
    });

    it("THEN a carry row that cannot be written ends the run without re-submitting (the cap needs the count)", () => {
      for (const reason of [ENDED_EXITS.carryLookupFailed, ENDED_EXITS.carryInsertFailed, ENDED_EXITS.carryUpdateTimedOut]) {
        const path = paths.find((candidate) => candidate.exitReason === reason);
        expect(path?.steps.some((step) => step.startsWith("Resubmit contact"))).toBe(false);
      }
    });

    it.each([
      ["not eligible", ENDED_EXITS.notEligible, ENDED_EXITS.notEligibleCarryRowDeleted],
      ["attempts used up", ENDED_EXITS.maxAttempts, ENDED_EXITS.maxAttemptsCarryRowDeleted],
    ])("THEN %s deletes the handled row, then the contact's carry row only if the lookup finds one", (label, withoutCarry, withCarry) => {
      const none = paths.find((path) => path.exitReason === withoutCarry);
      const left = paths.find((path) => path.exitReason === withCarry);
      expect(none?.steps.slice(-3)).toEqual([
        `Delete row (${label}) [success]`,
        `Find carry row (${label}) [notFound]`,
        `End: ${withoutCarry}`,
      ]);
      expect(left?.steps.slice(-4)).toEqual([
        `Delete row (${label}) [success]`,
        `Find carry row (${label}) [found]`,
        `Delete carry row (${label}) [success]`,
        `End: ${withCarry}`,
      ]);
      const lookup = named(workflow, `Find carry row (${label})`);
      expect(lookup.kind === "dataTableLookup" && lookup.lookupValue).toEqual(contactKey);
      expect(inputsOf(named(workflow, `Delete carry row (${label})`)).key).toEqual(contactKey);
    });
  });

  it("GIVEN both workflows with phone keys THEN neither touches a carry row", () => {
    for (const workflow of [accepted(), ended()]) {
      expect(allActions(actionsOf(workflow)).filter((action) => /carry/i.test(action.name))).toEqual([]);
    }
  });
});
