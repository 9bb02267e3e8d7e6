import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lit, op, read, stateVariable, substitution } from "../../workflows/expressions";
import { fn } from "../../workflows/functions";
import { lintWorkflow } from "../../workflows/lint";
import { normalizedPhoneNumber } from "../../workflows/common";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { UNVERIFIED_ARCHY_SYNTAX, renderExpression, renderValue, renderWorkflowYaml } from "../../workflows/render";
import { RETRIES_TABLE } from "../../tables/definitions";
import { ALL_SUBSTITUTION_KEYS, ALL_VARIANTS, accepted, ended, specs } from "./support";

type Node = unknown;

/** Every value position of the Archy grammar: the object under these keys must be exactly one value form. */
const VALUE_KEYS = new Set([
  "value",
  "condition",
  "lookupValue",
  "duration",
  "exitReason",
  "timeout",
  "initialValue",
  "trimDurationNearMaxRunningTime",
]);
const VALUE_FORMS = ["lit", "exp", "var", "noValue"];

function valuePositions(node: Node, parentKey = "", found: { key: string; value: Node }[] = []): { key: string; value: Node }[] {
  if (Array.isArray(node)) node.forEach((item) => valuePositions(item, parentKey, found));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      const isBinding = ["inputs", "successOutputs", "failureOutputs", "foundOutputs"].includes(parentKey);
      if ((VALUE_KEYS.has(key) && parentKey !== "outputs") || isBinding) found.push({ key: `${parentKey}.${key}`, value });
      if (!isBinding) valuePositions(value, key, found);
    }
  }
  return found;
}

describe("Archy YAML renderer", () => {
  describe.each(ALL_VARIANTS)("GIVEN %s", (_, build) => {
    const workflow = build();
    const yaml = renderWorkflowYaml(workflow);
    const document = parse(yaml) as { workflow: Record<string, Node> };

    it("THEN the YAML parses to a workflow whose startUpRef points at a state's refId", () => {
      const states = document.workflow.states as { state: { refId: string } }[];
      expect(document.workflow.startUpRef).toBe(`/workflow/states/state[${states[0].state.refId}]`);
    });

    it("THEN every value is exactly one of lit / exp / var / noValue", () => {
      const positions = valuePositions(document);
      expect(positions.length).toBeGreaterThan(20);
      const malformed = positions.filter(
        ({ value }) =>
          !value || typeof value !== "object" || Object.keys(value).length !== 1 || !VALUE_FORMS.includes(Object.keys(value)[0]),
      );
      expect(malformed).toEqual([]);
    });

    it("THEN no expression uses != (no public flow file does)", () => {
      expect(yaml).not.toMatch(/exp:.*!=/);
    });

    it("THEN no successOutputs is empty (no public flow file has one)", () => {
      expect(yaml).not.toMatch(/successOutputs: \{\}/);
    });

    it('THEN decision outputs are quoted "yes"/"no" and no bare yes:/no: key exists', () => {
      expect(yaml).not.toMatch(/^\s*(yes|no):/m);
      if (yaml.includes("decision:")) expect(yaml).toMatch(/^\s*"(yes|no)":$/m);
    });

    it("THEN every {{key}} sits in a quoted scalar, so the YAML parses before and after substitution", () => {
      const placeholders = [...yaml.matchAll(/\{\{[a-z_]+\}\}/g)];
      expect(placeholders.length).toBeGreaterThan(0);
      expect(yaml.match(/(^|[^"])\{\{[a-z_]+\}\}/gm)).toBeNull();
    });

    it("THEN the rendered workflow passes the linter", () => {
      expect(lintWorkflow(workflow, { substitutionKeys: ALL_SUBSTITUTION_KEYS })).toEqual([]);
    });
  });

  describe("GIVEN the ended workflow", () => {
    const document = parse(renderWorkflowYaml(ended())) as { workflow: { states: { state: { actions: Record<string, Node>[] } }[] } };
    const actions = document.workflow.states[0].state.actions;
    const getContact = actions.find((action) => (action.callData as { name?: string } | undefined)?.name === "Get contact")?.callData as {
      category: Record<
        string,
        { dataAction: Record<string, { successOutputs: Record<string, Node>; failureOutputs: Record<string, Node> }> }
      >;
    };

    it("THEN Call Data Action names the category and action by substitution and lists every contract output", () => {
      const action = getContact.category["{{data_action_category}}"].dataAction["{{data_action_get_contact}}"];
      expect(Object.keys(action.successOutputs).sort()).toEqual(Object.keys(specs.getContact.outputContract.properties).sort());
      expect(action.successOutputs.lastResult).toEqual({ var: "State.lastResult" });
      expect(action.successOutputs.lastAttempt).toEqual({ var: "State.lastAttempt" });
      expect(action.successOutputs.contactId).toEqual({ noValue: true });
      expect(Object.keys(action.failureOutputs)).toHaveLength(13);
    });

    it("THEN Data Table Lookup lists every non-key column of the table", () => {
      const lookup = actions.find((action) => action.dataTableLookup)?.dataTableLookup as {
        dataTable: Record<string, { foundOutputs: Record<string, Node> }>;
      };
      expect(Object.keys(lookup.dataTable["{{retries_table_name}}"].foundOutputs)).toEqual(
        RETRIES_TABLE.columns.map((column) => column.name),
      );
    });
  });

  describe("GIVEN expressions", () => {
    const phone = stateVariable("phone", "string");

    it("THEN a call, a property and nested operators render as Architect text with parentheses around nested operations", () => {
      expect(renderExpression(normalizedPhoneNumber(read(phone)))).toBe("ToPhoneNumber(State.phone).e164");
      expect(renderExpression(op.and(fn.isSet(read(phone)), op.or(op.eq(read(phone), lit.string("a")), lit.boolean(false))))).toBe(
        'IsSet(State.phone) and ((State.phone == "a") or false)',
      );
    });

    it("THEN whole literals become lit values and a duration literal a seconds map", () => {
      expect(renderValue(lit.integer(0))).toEqual({ lit: 0 });
      expect(renderValue(lit.seconds(30))).toEqual({ lit: { seconds: 30 } });
      expect(renderValue(substitution("retries_table_id"))).toEqual({ lit: "{{retries_table_id}}" });
      expect(renderValue(read(phone))).toEqual({ exp: "State.phone" });
    });

    it("THEN a duration literal inside an expression is refused", () => {
      expect(() => renderExpression(op.plus(lit.seconds(1), lit.seconds(2)))).toThrow(/duration literal/);
    });

    it("THEN both workflows normalize the phone number with the same expression", () => {
      const correlationKeyValue = (workflow: ReturnType<typeof ended>) => {
        const statement = workflow.states[0].actions
          .flatMap((action) => (action.kind === "updateData" ? action.statements : []))
          .find((candidate) => candidate.variable.name === "correlationKey");
        return statement && statement.value.kind === "property" ? statement.value : undefined;
      };
      const acceptedKey = correlationKeyValue(accepted());
      const endedKey = correlationKeyValue(ended());
      expect(acceptedKey?.property).toBe("e164");
      expect(acceptedKey?.of).toMatchObject({ kind: "call", fn: "ToPhoneNumber" });
      expect(endedKey?.property).toBe("e164");
      expect(endedKey?.of).toMatchObject({ kind: "call", fn: "ToPhoneNumber" });
    });
  });

  it("THEN the rendered YAML of each workflow matches its snapshot", () => {
    expect(renderWorkflowYaml(accepted())).toMatchSnapshot("preview-accepted");
    expect(renderWorkflowYaml(ended())).toMatchSnapshot("preview-ended");
  });
});

describe("attested syntax where Archy offers a choice", () => {
  const yamlOf = (workflow: ReturnType<typeof ended>) => parse(renderWorkflowYaml(workflow)) as Node;
  function findAction(node: Node, kind: string, name: string): Record<string, Node> | undefined {
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = findAction(item, kind, name);
        if (found) return found;
      }
    } else if (node && typeof node === "object") {
      const record = node as Record<string, Node>;
      const action = record[kind] as Record<string, Node> | undefined;
      if (action && action.name === name) return action;
      for (const value of Object.values(record)) {
        const found = findAction(value, kind, name);
        if (found) return found;
      }
    }
    return undefined;
  }

  it("GIVEN the not-equal decision 'Already handled?' THEN it is rendered as == with the end on the no path", () => {
    const decision = findAction(yamlOf(ended("conversationId")), "decision", "Already handled?");
    expect(decision?.condition).toEqual({ exp: "State.rowConversationId == State.conversationId" });
    expect(Object.keys(decision?.outputs as object)).toEqual(["no"]);
    expect(JSON.stringify(decision?.outputs)).toContain("End: AlreadyHandled");
  });

  it("GIVEN != inside a larger expression THEN rendering refuses it", () => {
    const a = stateVariable("a", "string");
    expect(() => renderExpression(op.or(op.ne(read(a), lit.string("x")), fn.isNotSetOrEmpty(read(a))))).toThrow(/no precedent/);
  });

  it("GIVEN Delete Row (empty output contract) THEN its Call Data Action has no successOutputs; Get Contact's lists every output", () => {
    const text = renderWorkflowYaml(ended("phoneNumber"));
    const document = parse(text) as Node;
    const callDataOf = (name: string) => {
      const action = findAction(document, "callData", name);
      const [category] = Object.values(action?.category as Record<string, { dataAction: Record<string, Record<string, Node>> }>);
      return Object.values(category.dataAction)[0];
    };
    expect(specs.deleteRow.outputContract.properties).toEqual({});
    const deletes = [...text.matchAll(/name: (Delete [^\n]*)/g)].map((match) => match[1]);
    expect(deletes.length).toBeGreaterThan(0);
    for (const name of deletes.filter((candidate) => findAction(document, "callData", candidate))) {
      expect(callDataOf(name)).not.toHaveProperty("successOutputs");
    }
    expect(Object.keys(callDataOf("Get contact").successOutputs as object).sort()).toEqual(
      Object.keys(specs.getContact.outputContract.properties).sort(),
    );
  });

  it("GIVEN the unverified constructs of the renderer THEN docs/workflows.md lists each on its sandbox checklist", () => {
    const docs = readFileSync(path.resolve(__dirname, "../../docs/workflows.md"), "utf8");
    const checklist = docs.slice(docs.indexOf("## Archy syntax to confirm in a sandbox"));
    expect(checklist.length).toBeLessThan(docs.length);
    for (const [id, entry] of Object.entries(UNVERIFIED_ARCHY_SYNTAX)) {
      expect(checklist, id).toContain(`\`${id}\``);
      expect(checklist, id).toContain(entry.what);
    }
  });
});
