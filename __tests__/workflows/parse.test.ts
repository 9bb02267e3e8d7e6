import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DATA_ACTION_KEYS, type DataActionKey } from "../../data-actions";
import { planDeployment, type DeploymentPlan, type OrgReference } from "../../deployment/plan";
import type { WorkflowKey } from "../../deployment/names";
import { flowVariable, op, read, refOf, stateVariable, substitution, typeOf } from "../../workflows/expressions";
import { ExpressionSyntaxError, parseExpression } from "../../workflows/expression-parser";
import { ARCHITECT_FUNCTIONS, type ArchitectFunctionName, type FunctionSignature } from "../../workflows/functions";
import type { BinaryOperator, Expression, ValueType, VariableType, WorkflowDefinition } from "../../workflows/model";
import { WorkflowParseError, parseWorkflowYaml, type WorkflowParseContext } from "../../workflows/parse";
import { placeholder, renderExpression, renderWorkflowYaml } from "../../workflows/render";
import { SUBSTITUTION_KEYS, dataActionNameKey } from "../../workflows/substitutions";
import { environment } from "../support/synth";
import { allActions } from "./support";

// ---------------------------------------------------------------------------------------------
// Deployments under every option that changes a workflow.

const VARIANTS = (["phoneNumber", "conversationId"] as const).flatMap((correlationKey) =>
  (["Json", "TopLevelPrimitives"] as const).map((dataFormat) => ({
    label: `correlationKey ${correlationKey}, accepted dataFormat ${dataFormat}`,
    plan: planDeployment(environment({ correlationKey, triggers: { accepted: { dataFormat } } })),
  })),
);
const WORKFLOW_KEYS: readonly WorkflowKey[] = ["accepted", "ended"];

/** The context for YAML that still holds `{{key}}` placeholders: objects named by their placeholders. */
function placeholderContext(plan: DeploymentPlan, key: WorkflowKey): WorkflowParseContext {
  const workflow = plan.workflows[key].definition;
  return {
    id: workflow.id,
    trigger: workflow.trigger,
    dataActions: DATA_ACTION_KEYS.map((action) => ({
      category: placeholder(SUBSTITUTION_KEYS.dataActionCategory),
      name: placeholder(dataActionNameKey(action)),
      spec: plan.specs[action],
    })),
    tables: [
      { name: placeholder(SUBSTITUTION_KEYS.retriesTableName), definition: plan.tables.retries.definition },
      { name: placeholder(SUBSTITUTION_KEYS.policyTableName), definition: plan.tables.policy.definition },
    ],
  };
}

/** What the org gives the references Terraform resolves at apply (ids are made up, names are the plan's). */
function orgValue(plan: DeploymentPlan, reference: OrgReference): string {
  switch (reference.object) {
    case "retriesTable":
      return reference.attribute === "id" ? "5f1c0b7e-0000-4000-8000-00000000aaaa" : plan.tables.retries.name;
    case "policyTable":
      return reference.attribute === "id" ? "5f1c0b7e-0000-4000-8000-00000000bbbb" : plan.tables.policy.name;
    case "dataAction":
      return plan.dataActions[reference.key].name;
    case "homeDivision":
      return "Home";
  }
}

/** The substitutions the flow resource receives, resolved. */
function appliedSubstitutions(plan: DeploymentPlan, key: WorkflowKey): Record<string, string> {
  return Object.fromEntries(
    Object.entries(plan.workflows[key].substitutions).map(([name, value]) => [
      name,
      "literal" in value ? value.literal : orgValue(plan, value.reference),
    ]),
  );
}

/** The provider's substitution: plain text replacement of every `{{key}}` (util_files.go substituteValues). */
function substitute(yaml: string, values: Readonly<Record<string, string>>): string {
  return Object.entries(values).reduce((text, [name, value]) => text.split(`{{${name}}}`).join(value), yaml);
}

/** Replaces exactly one occurrence (the edit must be unambiguous for the test to mean anything). */
function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  expect(at, `"${search}" occurs in the YAML`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(search, at + 1), `"${search}" occurs once`).toBe(-1);
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

/** 1-based line of the first occurrence of `search`. */
const lineOf = (text: string, search: string): number => text.slice(0, text.indexOf(search)).split("\n").length;

/** The WorkflowParseError a parse throws. */
function parseFailure(parse: () => unknown): WorkflowParseError {
  try {
    parse();
  } catch (error) {
    if (error instanceof WorkflowParseError) return error;
    throw error;
  }
  throw new Error("expected a WorkflowParseError");
}

/** The context for YAML as the org received it: objects named by their names in the org. */
function orgContext(plan: DeploymentPlan, key: WorkflowKey, substitutions: Record<string, string>): WorkflowParseContext {
  return {
    ...placeholderContext(plan, key),
    dataActions: DATA_ACTION_KEYS.map((action: DataActionKey) => ({
      category: plan.integration.name,
      name: plan.dataActions[action].name,
      spec: plan.specs[action],
    })),
    tables: [
      { name: plan.tables.retries.name, definition: plan.tables.retries.definition },
      { name: plan.tables.policy.name, definition: plan.tables.policy.definition },
    ],
    substitutions,
  };
}

describe("parseWorkflowYaml: render → parse is the identity on the model", () => {
  describe.each(VARIANTS)("GIVEN $label", ({ plan }) => {
    describe.each(WORKFLOW_KEYS)("AND the %s workflow", (key) => {
      const workflow = plan.workflows[key].definition;
      const yaml = renderWorkflowYaml(workflow);

      it("WHEN its YAML with placeholders is parsed THEN the model is the one rendered, and renders to the same YAML", () => {
        const parsed = parseWorkflowYaml(yaml, placeholderContext(plan, key));
        expect(parsed).toEqual(workflow);
        expect(renderWorkflowYaml(parsed)).toBe(yaml);
      });

      it("WHEN the YAML after the provider's substitution is parsed with the applied values THEN the placeholders come back", () => {
        const values = appliedSubstitutions(plan, key);
        const received = substitute(yaml, values);
        expect(received).not.toContain("{{");
        expect(parseWorkflowYaml(received, orgContext(plan, key, values))).toEqual(workflow);
      });
    });
  });

  it("GIVEN a substituted table name that differs from the one the parser is told (Terraform altered it) THEN parsing fails naming the line", () => {
    const { plan } = VARIANTS[0];
    const values = appliedSubstitutions(plan, "ended");
    const received = substitute(renderWorkflowYaml(plan.workflows.ended.definition), {
      ...values,
      [SUBSTITUTION_KEYS.retriesTableName]: "altered-by-terraform",
    });
    expect(() => parseWorkflowYaml(received, orgContext(plan, "ended", values))).toThrow(/^[^:]*:\d+:\d+: .*altered-by-terraform/);
  });

  it("GIVEN YAML with placeholders and a context naming objects as the org does (or the reverse) THEN both resolve", () => {
    const { plan } = VARIANTS[0];
    const values = appliedSubstitutions(plan, "accepted");
    const yaml = renderWorkflowYaml(plan.workflows.accepted.definition);
    const placeholderNames = { ...placeholderContext(plan, "accepted"), substitutions: values };
    expect(parseWorkflowYaml(yaml, orgContext(plan, "accepted", values))).toEqual(plan.workflows.accepted.definition);
    expect(parseWorkflowYaml(substitute(yaml, values), placeholderNames)).toEqual(plan.workflows.accepted.definition);
  });

  describe("GIVEN a substituted value with YAML-special characters (the provider replaces text, it does not quote)", () => {
    const { plan } = VARIANTS[0];
    const yaml = renderWorkflowYaml(plan.workflows.ended.definition);
    const withDivision = (division: string) => ({ ...appliedSubstitutions(plan, "ended"), [SUBSTITUTION_KEYS.division]: division });
    const parseReceived = (values: Record<string, string>) =>
      parseWorkflowYaml(substitute(yaml, values), orgContext(plan, "ended", values));
    const divisionLine = lineOf(yaml, "division:");

    it("WHEN it only holds ': ', '#' and single quotes THEN the quoted placeholder keeps it intact", () => {
      expect(parseReceived(withDivision("Sales: EU #1 'west'"))).toEqual(plan.workflows.ended.definition);
    });

    it("WHEN it holds a double quote THEN the received YAML is invalid and the error names the line", () => {
      const error = parseFailure(() => parseReceived(withDivision('Sales "EU"')));
      expect([error.line, error.path]).toEqual([divisionLine, "(document)"]);
      expect(error.reason).toMatch(/^not valid YAML/);
    });

    it("WHEN it holds a backslash escape THEN YAML reads another name, which no substitution had, and the error names the line", () => {
      const error = parseFailure(() => parseReceived(withDivision("Sales\\tEU")));
      expect([error.line, error.path]).toEqual([divisionLine, "workflow.division"]);
      expect(error.reason).toBe('"Sales\\tEU" is neither a {{key}} placeholder nor the applied value of a substitution');
    });
  });

  it("GIVEN two substitutions with the same value THEN a literal equal to it is an error naming both keys", () => {
    const { plan } = VARIANTS[0];
    const values = {
      ...appliedSubstitutions(plan, "ended"),
      [SUBSTITUTION_KEYS.policyTableName]: "same",
      [SUBSTITUTION_KEYS.retriesTableName]: "same",
    };
    const received = substitute(renderWorkflowYaml(plan.workflows.ended.definition), values);
    const context = { ...orgContext(plan, "ended", values), tables: [{ name: "same", definition: plan.tables.retries.definition }] };
    expect(() => parseWorkflowYaml(received, context)).toThrow(
      '"same" is the value of several substitutions (retries_table_name, policy_table_name): cannot tell which placeholder it was',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Forms Archy accepts that the renderer does not (or no longer) writes.

const { plan: PLAN } = VARIANTS[0];
const ENDED_YAML = renderWorkflowYaml(PLAN.workflows.ended.definition);
const ENDED_CONTEXT = placeholderContext(PLAN, "ended");
const parseEnded = (yaml: string) => parseWorkflowYaml(yaml, ENDED_CONTEXT);

/**
 * A flow written by hand the way public flow files are (GenesysCloudBlueprints): no initialValue or
 * isOutput on declarations, no successOutputs / failureOutputs / outputs on a Call Data Action, a
 * timeout in minutes, and a "not equal" decision spelled NOT_EQUAL (replaced per test).
 */
const HAND_WRITTEN = `workflow:
  name: "{{flow_name}}"
  description: Written by hand
  division: "{{division_name}}"
  startUpRef: /workflow/states/state[main]
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      none: true
  variables:
    - stringVariable:
        name: Flow.conversationId
        isInput: true
  settingsErrorHandling:
    errorHandling:
      endWorkflow:
        none: true
  states:
    - state:
        name: Main
        refId: main
        variables:
          - stringVariable:
              name: State.rowConversationId
        actions:
          - decision:
              name: Already handled?
              condition:
                exp: NOT_EQUAL
              outputs:
                ACTING_PATH:
                  actions:
                    - endWorkflow:
                        name: Handled
                        exitReason:
                          lit: AlreadyHandled
          - callData:
              name: Get contact
              timeout:
                lit:
                  minutes: 1
              category:
                "{{data_action_category}}":
                  dataAction:
                    "{{data_action_get_contact}}":
                      inputs:
                        contactListId:
                          exp: State.rowConversationId
                        contactId:
                          exp: Flow.conversationId
`;

describe("parseWorkflowYaml: forms public flows use that the renderer may not write", () => {
  const conversationId = flowVariable("conversationId", "string", { isInput: true });
  const rowConversationId = stateVariable("rowConversationId", "string");
  const expected: WorkflowDefinition = {
    id: "hand-written",
    name: substitution(SUBSTITUTION_KEYS.flowName),
    description: "Written by hand",
    division: substitution(SUBSTITUTION_KEYS.division),
    defaultLanguage: "en-us",
    variables: [conversationId],
    startStateRefId: "main",
    trigger: { event: "userEnd", dataFormat: "TopLevelPrimitives" },
    states: [
      {
        name: "Main",
        refId: "main",
        variables: [rowConversationId],
        actions: [
          {
            kind: "decision",
            name: "Already handled?",
            condition: op.ne(read(rowConversationId), read(conversationId)),
            yes: [{ kind: "endWorkflow", name: "Handled", exitReason: "AlreadyHandled" }],
            no: [],
          },
          {
            kind: "callData",
            name: "Get contact",
            dataAction: {
              spec: PLAN.specs.getContact,
              categoryKey: SUBSTITUTION_KEYS.dataActionCategory,
              nameKey: dataActionNameKey("getContact"),
            },
            inputs: { contactListId: read(rowConversationId), contactId: read(conversationId) },
            successOutputs: {},
            failureOutputs: {},
            timeoutSeconds: 60,
            success: [],
            failure: [],
            timeout: [],
          },
        ],
      },
    ],
  };
  const context: WorkflowParseContext = { ...ENDED_CONTEXT, id: expected.id, trigger: expected.trigger };

  it.each([
    ["!=", "State.rowConversationId != Flow.conversationId", '"yes"'],
    ["<>", "State.rowConversationId <> Flow.conversationId", '"yes"'],
    ["Not(a == b)", "Not(State.rowConversationId == Flow.conversationId)", '"yes"'],
    ["not(a == b), lower case", "not(State.rowConversationId == Flow.conversationId)", '"yes"'],
    ["== with the acting path on no (public flows)", "State.rowConversationId == Flow.conversationId", '"no"'],
  ])("GIVEN not-equal written as %s THEN it reads as the model's != decision", (_, condition, actingPath) => {
    const yaml = HAND_WRITTEN.replace("NOT_EQUAL", condition).replace("ACTING_PATH", actingPath);
    expect(parseWorkflowYaml(yaml, context)).toEqual(expected);
  });

  it("GIVEN an == decision that acts on yes THEN it stays an == decision", () => {
    const yaml = HAND_WRITTEN.replace("NOT_EQUAL", "State.rowConversationId == Flow.conversationId").replace("ACTING_PATH", '"yes"');
    const [decision] = parseWorkflowYaml(yaml, context).states[0].actions;
    expect(decision).toMatchObject({ condition: { operator: "==" }, yes: [{ kind: "endWorkflow" }], no: [] });
  });

  it("GIVEN the rendered workflow without successOutputs and failureOutputs THEN its Call Data Actions bind no outputs", () => {
    const withoutLists = ENDED_YAML.replace(/^( *)(successOutputs|failureOutputs):( \{\})?\n(\1 .*\n)*/gm, "");
    expect(withoutLists).not.toMatch(/successOutputs|failureOutputs/);
    const callData = allActions(parseEnded(withoutLists).states[0].actions).filter((action) => action.kind === "callData");
    expect(callData.length).toBeGreaterThan(0);
    expect(callData.map((action) => [action.successOutputs, action.failureOutputs])).toEqual(callData.map(() => [{}, {}]));
  });

  it("GIVEN keywords and function names in another case THEN the model is the same", () => {
    const yaml = replaceOnce(
      ENDED_YAML,
      "exp: IsNotSetOrEmpty(State.correlationKey) or IsNotSetOrEmpty(State.conversationId)",
      "exp: isnotsetorempty(State.correlationKey) OR IsNotSetOrEmpty(State.conversationId)",
    );
    expect(parseEnded(yaml)).toEqual(PLAN.workflows.ended.definition);
  });
});

// ---------------------------------------------------------------------------------------------
// Errors name the model path and the YAML line.

describe("parseWorkflowYaml: errors", () => {
  const failure = (yaml: string): WorkflowParseError => parseFailure(() => parseEnded(yaml));

  it("GIVEN an action kind the model does not have THEN the error names the action path and its line", () => {
    const yaml = replaceOnce(ENDED_YAML, "- wait:", "- loop:");
    const error = failure(yaml);
    expect(error.line).toBe(lineOf(yaml, "- loop:"));
    expect(error.path).toMatch(/^workflow\.states\[0\] "Handle preview end"\.actions\[\d+\]$/);
    expect(error.message).toContain("unknown action kind loop");
    expect(error.message).toContain("(this package reads updateData, decision, callData, dataTableLookup, wait, endWorkflow)");
  });

  it("GIVEN an action named like an Object property (constructor) THEN it is an unknown action kind, not a crash", () => {
    const error = failure(replaceOnce(ENDED_YAML, "- wait:", "- constructor:"));
    expect(error.message).toContain("unknown action kind constructor");
    expect(error.message).toMatch(new RegExp(`^workflow YAML:${error.line}:\\d+: workflow\\.states`));
  });

  it("GIVEN a data action name the context does not know THEN the error names the Call Data Action and the line of the name", () => {
    const yaml = replaceOnce(ENDED_YAML, `"${placeholder(dataActionNameKey("getContact"))}":`, '"{{data_action_fetch_contact}}":');
    const error = failure(yaml);
    expect(error.line).toBe(lineOf(yaml, "{{data_action_fetch_contact}}"));
    expect(error.path).toContain('callData "Get contact"');
    expect(error.reason).toContain("unknown data action {{data_action_fetch_contact}}");
  });

  it("GIVEN a malformed expression THEN the error names the decision, the line and the character", () => {
    const yaml = replaceOnce(ENDED_YAML, "exp: IsNotSetOrEmpty(State.lastResult)", "exp: IsNotSetOrEmpty(State.lastResult");
    const error = failure(yaml);
    expect(error.line).toBe(lineOf(yaml, "exp: IsNotSetOrEmpty(State.lastResult"));
    expect(error.path).toMatch(/decision "No wrap-up yet\?"\.condition\.exp$/);
    expect(error.reason).toBe('expected ")", found the end of the expression (at character 33)');
  });

  it.each([
    [
      "an undeclared variable",
      "exp: IsNotSetOrEmpty(State.lastResult)",
      "exp: IsNotSetOrEmpty(State.lastResults)",
      "variable State.lastResults is not declared",
    ],
    ["an unknown function", "exp: IsNotSetOrEmpty(State.lastResult)", "exp: IsEmpty(State.lastResult)", "unknown function IsEmpty()"],
    [
      "a statement type that is not the variable's",
      "- string:\n                    variable: State.conversationId",
      "- integer:\n                    variable: State.conversationId",
      "a integer statement assigns State.conversationId",
    ],
    ["an unknown key", "trimDurationNearMaxRunningTime:", "trimDuration:", "unknown key trimDuration"],
    ["an unquoted yes (YAML 1.1 reads a boolean)", '"yes":', "yes:", "expected a text key"],
    ["an output the contract does not have", "lastResult:\n", "lastResults:\n", "unknown output lastResults"],
    ["a startUpRef to no state", "state[handle_end]", "state[missing]", "is not /workflow/states/state[<refId>] of a state"],
    ["invalid YAML", "name: Handle preview end", "name: [Handle", "not valid YAML"],
  ])("GIVEN %s THEN the error says so", (_, search, replacement, reason) => {
    const yaml = ENDED_YAML.split(search).join(replacement);
    expect(yaml).not.toBe(ENDED_YAML);
    expect(failure(yaml).reason).toContain(reason);
  });
});

// ---------------------------------------------------------------------------------------------
// Expressions: parse(render(e)) = e for random well-typed trees.

const VARIABLE_TYPES: readonly VariableType[] = ["string", "integer", "decimal", "boolean", "dateTime", "duration", "json"];
const VALUE_TYPES: readonly ValueType[] = [...VARIABLE_TYPES, "phoneNumber", "jsonCollection"];
const OPERATORS: Readonly<Record<BinaryOperator, true>> = {
  "==": true,
  "!=": true,
  "<": true,
  "<=": true,
  ">": true,
  ">=": true,
  "+": true,
  "-": true,
  and: true,
  or: true,
};
const VARIABLES = VARIABLE_TYPES.flatMap((type) => [
  refOf(flowVariable(`input_${type}`, type, { isInput: true })),
  refOf(stateVariable(`my_${type}`, type)),
]);

/** Every typing of a function call or an operator: the argument types and the result type. */
interface Typing {
  readonly build: (args: Expression[]) => Expression;
  readonly parameters: readonly ValueType[];
  readonly result: ValueType;
}

const product = (lists: readonly (readonly ValueType[])[]): ValueType[][] =>
  lists.reduce<ValueType[][]>((all, list) => all.flatMap((prefix) => list.map((type) => [...prefix, type])), [[]]);

const CALL_TYPINGS: Typing[] = (Object.entries(ARCHITECT_FUNCTIONS) as [ArchitectFunctionName, FunctionSignature][]).flatMap(
  ([fn, signature]) =>
    product(signature.parameters.map((parameter) => (parameter === "any" ? VALUE_TYPES : parameter))).map((parameters) => ({
      build: (args: Expression[]) => ({ kind: "call", fn, args }),
      parameters,
      result: signature.result(parameters),
    })),
);

/** An expression of a type, for asking typeOf what an operator makes of it. */
const typed = (type: ValueType): Expression => ({
  kind: "variable",
  variable: { scope: "State", name: "probe", type: type as VariableType },
});

/** Operators the renderer writes inside expression text (it may keep one for whole decision conditions only). */
const RENDERED_OPERATORS = (Object.keys(OPERATORS) as BinaryOperator[]).filter((operator) => {
  const one: Expression = { kind: "integer", value: 1 };
  try {
    renderExpression({ kind: "binary", operator, left: one, right: one });
    return true;
  } catch {
    return false;
  }
});

const OPERATOR_TYPINGS: Typing[] = RENDERED_OPERATORS.flatMap((operator) =>
  product([VALUE_TYPES, VALUE_TYPES]).flatMap(([left, right]) => {
    try {
      const result = typeOf({ kind: "binary", operator, left: typed(left), right: typed(right) });
      return [{ build: ([l, r]: Expression[]) => ({ kind: "binary", operator, left: l, right: r }), parameters: [left, right], result }];
    } catch {
      return [];
    }
  }),
);

/** Any text the renderer can write inside "…": no quote, backslash or "{{" (the linter rejects those literals). */
const literalText = fc.string({ maxLength: 12, unit: "binary" }).filter((text) => !/["\\]|\{\{/.test(text));

function leaves(type: ValueType): fc.Arbitrary<Expression>[] {
  const variables = VARIABLES.filter((variable) => variable.type === type).map((variable) => fc.constant<Expression>(read(variable)));
  const literals: Record<ValueType, fc.Arbitrary<Expression>[]> = {
    string: [
      literalText.map((value): Expression => ({ kind: "string", value })),
      fc.stringMatching(/^[a-z][a-z_]{0,11}$/).map((key): Expression => ({ kind: "substitution", key })),
    ],
    integer: [fc.integer({ min: -100_000, max: 100_000 }).map((value): Expression => ({ kind: "integer", value }))],
    boolean: [fc.boolean().map((value): Expression => ({ kind: "boolean", value }))],
    decimal: [],
    dateTime: [],
    duration: [],
    json: [],
    phoneNumber: [],
    jsonCollection: [],
  };
  return [...variables, ...literals[type]];
}

const memo = new Map<string, fc.Arbitrary<Expression>>();
function expressionOf(type: ValueType, depth: number): fc.Arbitrary<Expression> {
  const id = `${type}/${depth}`;
  const known = memo.get(id);
  if (known) return known;
  const own = leaves(type);
  const hasLeaves = (parameter: ValueType) => leaves(parameter).length > 0;
  const composite = (typing: Typing) =>
    fc.tuple(...typing.parameters.map((parameter) => expressionOf(parameter, Math.max(depth - 1, 0)))).map((args) => typing.build(args));
  const options = [...own];
  if (depth > 0 || own.length === 0) {
    const usable = (typing: Typing) => typing.result === type && (depth > 0 || typing.parameters.every(hasLeaves));
    options.push(...CALL_TYPINGS.filter(usable).map(composite));
    if (depth > 0) options.push(...OPERATOR_TYPINGS.filter(usable).map(composite));
    if (depth > 0 && type === "string") {
      options.push(expressionOf("phoneNumber", depth - 1).map((of): Expression => ({ kind: "property", of, property: "e164" })));
    }
  }
  const arbitrary = fc.oneof(...options);
  memo.set(id, arbitrary);
  return arbitrary;
}

const anyExpression = fc
  .tuple(fc.constantFrom(...VALUE_TYPES), fc.integer({ min: 0, max: 3 }))
  .chain(([type, depth]) => expressionOf(type, depth));

describe("parseExpression", () => {
  it("GIVEN a random well-typed expression tree THEN parsing its rendered text gives the tree back", () => {
    fc.assert(
      fc.property(anyExpression, (expression) => {
        expect(() => typeOf(expression)).not.toThrow();
        expect(parseExpression(renderExpression(expression), { variables: VARIABLES })).toEqual(expression);
      }),
      { numRuns: 1000 },
    );
  });

  it("GIVEN every function and operator THEN the generator covers them (the property above is not vacuous)", () => {
    const seen = new Set<string>();
    const visit = (expression: Expression): void => {
      if (expression.kind === "call") seen.add(expression.fn);
      if (expression.kind === "binary") seen.add(expression.operator);
      if (expression.kind === "property") seen.add(".e164");
      if (expression.kind === "call") expression.args.forEach(visit);
      if (expression.kind === "binary") [expression.left, expression.right].forEach(visit);
      if (expression.kind === "property") visit(expression.of);
    };
    fc.sample(anyExpression, { numRuns: 3000, seed: 1 }).forEach(visit);
    expect(RENDERED_OPERATORS.length).toBeGreaterThanOrEqual(Object.keys(OPERATORS).length - 1);
    expect([...seen].sort()).toEqual([...Object.keys(ARCHITECT_FUNCTIONS), ...RENDERED_OPERATORS, ".e164"].sort());
  });

  it.each([
    ["precedence: and binds tighter than or", "true or false and true", "true or (false and true)"],
    ["precedence: + binds tighter than ==", "1 + 2 == 3", "(1 + 2) == 3"],
    ["left associativity", "1 - 2 - 3", "(1 - 2) - 3"],
    ["a negative literal after a minus", "1 - -2", "1 - (-2)"],
    ["no spaces after commas", 'If(true,"a","b")', 'If(true, "a", "b")'],
  ])("GIVEN %s THEN it parses as the parenthesized form", (_, text, parenthesized) => {
    expect(parseExpression(text)).toEqual(parseExpression(parenthesized));
  });

  it.each([
    ['"abc', "unterminated string literal"],
    ["1.5", "decimal literals are not part of the workflow model"],
    ["Flow.jsonData.conversationId", 'unknown property "conversationId"'],
    ["IsSet(1) IsSet(2)", 'unexpected "IsSet" after a complete expression'],
    ["1 = 1", 'unexpected character "="'],
    ["Flow.missing", "variable Flow.missing is not declared"],
  ])("GIVEN %s THEN ExpressionSyntaxError says %s", (text, reason) => {
    const scope = { variables: [refOf(flowVariable("jsonData", "json"))] };
    expect(() => parseExpression(text, scope)).toThrow(ExpressionSyntaxError);
    expect(() => parseExpression(text, scope)).toThrow(reason);
  });
});

// ---------------------------------------------------------------------------------------------
// Expressions through YAML: any expression text survives the YAML quoting of the renderer.

describe("parseWorkflowYaml with random expressions", () => {
  it("GIVEN random statements in a workflow THEN render → parse gives the workflow back", () => {
    const statement = fc.constantFrom(...VARIABLES.filter((variable) => variable.scope === "State")).chain((variable) => {
      // A duration literal is only ever a whole value (`lit: {seconds: n}`), never inside an expression.
      const wholeValues =
        variable.type === "duration" ? [fc.nat(100_000).map((seconds): Expression => ({ kind: "duration", seconds }))] : [];
      return fc.oneof(expressionOf(variable.type, 2), ...wholeValues).map((value) => ({ variable, value }));
    });
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 5 }), (statements) => {
        const workflow: WorkflowDefinition = {
          ...PLAN.workflows.ended.definition,
          variables: VARIABLES.filter((variable) => variable.scope === "Flow").map((variable) => ({
            ...variable,
            isInput: true,
            isOutput: false,
          })),
          states: [
            {
              name: "Random",
              refId: "handle_end",
              variables: VARIABLES.filter((variable) => variable.scope === "State").map((variable) => ({
                ...variable,
                isInput: false,
                isOutput: false,
              })),
              actions: [{ kind: "updateData", name: "Assign", statements }],
            },
          ],
        };
        expect(parseEnded(renderWorkflowYaml(workflow))).toEqual(workflow);
      }),
      { numRuns: 200 },
    );
  });
});
