import { describe, expect, it } from "vitest";
import { effectiveChanges } from "../../ops/plan-json";
import { findRisks, RISK_RULES } from "../../ops/risk-rules";
import { accessChanged } from "../../ops/risk-rules/access-changed";
import { dataActionReplaced } from "../../ops/risk-rules/data-action-replaced";
import { flowRenamed } from "../../ops/risk-rules/flow-renamed";
import { resourceDestroyed } from "../../ops/risk-rules/resource-destroyed";
import type { RiskRule } from "../../ops/risk-rules/rule";
import { runtimeTableReplaced } from "../../ops/risk-rules/runtime-table-replaced";
import { triggerReplaced } from "../../ops/risk-rules/trigger-replaced";
import { fixturePlan } from "./support/fixtures";

/** Addresses a rule flags in a fixture plan. */
function flagged(rule: RiskRule, fixture: string): string[] {
  return rule.check(effectiveChanges(fixturePlan(fixture))).map((finding) => finding.address);
}

function messages(rule: RiskRule, fixture: string): string[] {
  return rule.check(effectiveChanges(fixturePlan(fixture))).map((finding) => finding.message);
}

describe("risk rules on Genesys plan fixtures", () => {
  it("every rule's id is unique and each finding carries its rule's id", () => {
    expect(new Set(RISK_RULES.map((rule) => rule.id)).size).toBe(RISK_RULES.length);
    for (const fixture of ["runtime-table-replaced.plan.json", "access-changed.plan.json"]) {
      for (const rule of RISK_RULES) {
        for (const finding of rule.check(effectiveChanges(fixturePlan(fixture)))) expect(finding.ruleId).toBe(rule.id);
      }
    }
  });

  it("stays silent on a first deployment plus harmless edits", () => {
    expect(findRisks(effectiveChanges(fixturePlan("safe.plan.json")))).toEqual([]);
  });

  describe("runtime-table-replaced", () => {
    it("fires when the retries table is replaced, not when the policy table is", () => {
      expect(flagged(runtimeTableReplaced, "runtime-table-replaced.plan.json")).toEqual([
        "genesyscloud_architect_datatable.retries-table_table_1A2B3C4D",
      ]);
      expect(messages(runtimeTableReplaced, "runtime-table-replaced.plan.json")[0]).toMatch(
        /"prod_preview_contact_retries" will be destroyed and re-created: every in-flight retry/,
      );
    });

    it("fires when the retries table is deleted", () => {
      expect(messages(runtimeTableReplaced, "runtime-table-deleted.plan.json")).toEqual([
        expect.stringMatching(/"prod_preview_contact_retries" will be deleted: every in-flight retry stored in it is lost/),
      ]);
    });

    it("is silent on an in-place update of the retries table", () => {
      expect(flagged(runtimeTableReplaced, "safe.plan.json")).toEqual([]);
    });
  });

  describe("data-action-replaced", () => {
    it("fires on a replaced action, naming the attribute that forced it, not on an in-place update", () => {
      expect(messages(dataActionReplaced, "data-action-replaced.plan.json")).toEqual([
        expect.stringMatching(
          /^The data action "prod_preview_get_contact" will be replaced \(because of contract_input\): it gets a new id, the flows/,
        ),
      ]);
    });

    it("is silent on a created action", () => {
      expect(flagged(dataActionReplaced, "safe.plan.json")).toEqual([]);
    });
  });

  describe("flow-renamed", () => {
    it("fires on a renamed flow-name substitution and on a changed name, not on a re-upload under the same name", () => {
      expect(messages(flowRenamed, "flow-renamed.plan.json")).toEqual([
        expect.stringMatching(/^The flow "Preview ended" will be renamed to "Preview ended v2": .*the old one stays in the org/),
        expect.stringMatching(/^The flow "Preview accepted" will be renamed to "Preview accepted \(EU\)"/),
      ]);
    });

    it("is silent when the flow keeps its name", () => {
      expect(flagged(flowRenamed, "safe.plan.json")).toEqual([]);
    });
  });

  describe("trigger-replaced", () => {
    it("fires on a replaced trigger and shows the topic change, not on a criteria update", () => {
      expect(messages(triggerReplaced, "trigger-replaced.plan.json")).toEqual([
        expect.stringContaining(
          '"prod_preview_ended" will be destroyed and re-created (topic v2.detail.events.conversation.{id}.user.end → v2.detail.events.conversation.{id}.customer.end)',
        ),
      ]);
    });
  });

  describe("access-changed", () => {
    it("fires on an updated OAuth client and a replaced role", () => {
      expect(messages(accessChanged, "access-changed.plan.json")).toEqual([
        expect.stringMatching(/^The OAuth client genesyscloud_oauth_client\.\S+ will be updated: review the permissions/),
        expect.stringMatching(/^The role genesyscloud_auth_role\.\S+ will be replaced: its id changes/),
      ]);
    });

    it("is silent when the client and role are created", () => {
      expect(flagged(accessChanged, "safe.plan.json")).toEqual([]);
    });
  });

  describe("resource-destroyed", () => {
    it("fires on every deletion and replacement, whatever the type", () => {
      expect(flagged(resourceDestroyed, "runtime-table-replaced.plan.json")).toHaveLength(2);
      expect(flagged(resourceDestroyed, "runtime-table-deleted.plan.json")).toEqual([
        "genesyscloud_architect_datatable.retries-table_table_1A2B3C4D",
      ]);
      expect(flagged(resourceDestroyed, "data-action-replaced.plan.json")).toEqual([
        "genesyscloud_integration_action.get-contact_action_9C0D1E2F",
      ]);
    });

    it("is silent on creates and updates", () => {
      expect(flagged(resourceDestroyed, "flow-renamed.plan.json")).toEqual([]);
    });
  });
});
