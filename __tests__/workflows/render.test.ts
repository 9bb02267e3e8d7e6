import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lit, op, read, stateVariable, substitution } from "../../workflows/expressions";
import { fn } from "../../workflows/functions";
import { lintWorkflow } from "../../workflows/lint";
import { normalizedPhoneNumber } from "../../workflows/common";
import { renderExpression, renderValue, renderWorkflowYaml } from "../../workflows/render";
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
