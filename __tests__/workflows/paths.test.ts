import { describe, expect, it } from "vitest";
import { GET_CONTACT_OUTPUTS } from "../../data-actions";
import { ACCEPTED_EXITS } from "../../workflows/preview-accepted";
import { ENDED_EXITS } from "../../workflows/preview-ended";
import { ALL_VARIANTS, accepted, allActions, branchesOf, ended, executionPaths } from "./support";

const actionsOf = (workflow: ReturnType<typeof ended>) => workflow.states.flatMap((state) => state.actions);

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

    it("THEN its runs end with exactly the documented exit reasons", () => {
      expect([...exits].sort()).toEqual(Object.values(ACCEPTED_EXITS).sort());
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

    it("THEN its runs end with exactly the documented exit reasons except the conversation-key cleanup", () => {
      const withoutCleanup = Object.values(ENDED_EXITS).filter((reason) => !reason.startsWith("ResubmittedDelete"));
      expect([...new Set(paths.map((path) => path.exitReason))].sort()).toEqual(withoutCleanup.sort());
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

  describe("GIVEN the ended workflow with conversation keys", () => {
    it("THEN a successful re-submit deletes the handled row (the next offer gets its own row)", () => {
      const paths = executionPaths(actionsOf(ended("conversationId")));
      const resubmitted = paths.find((path) => path.exitReason === ENDED_EXITS.resubmitted);
      expect(resubmitted?.steps.slice(-3)).toEqual(["Resubmit contact [success]", "Delete handled row [success]", "End: Resubmitted"]);
      expect(resubmitted?.steps[0]).toBe("Read event");
    });
  });
});
