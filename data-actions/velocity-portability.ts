/**
 * Genesys renders data action templates with Apache Velocity (Java); the tests and the replay use
 * velocityjs. The two agree only on a subset of the language, defined here once:
 *
 * - relational operators (`<`, `>`, `<=`, `>=`) only between numbers: Java Velocity evaluates them to
 *   false for any non-number (it logs "... is not a Number"), velocityjs compares strings as text;
 * - methods on values only from PORTABLE_STRING_METHODS, which Java and JavaScript strings share with
 *   the same meaning, plus JAVA_STRING_METHODS, which velocityjs is given with Java's meaning;
 * - `split` only on a literal without regular-expression characters (Java splits on a regex);
 * - tool methods only those of `$esc` modelled for both engines (engine.ts, and the Java test harness).
 *
 * templatePortabilityProblems() checks a template against these rules; the DataAction construct
 * refuses a spec that breaks them, and a test runs them over every spec.
 */
import { parse } from "velocityjs";

/**
 * Java String methods velocityjs lacks, with Java's semantics, for velocityjs's customMethodHandlers.
 * compareTo: lexicographic by UTF-16 code unit; the difference of the first differing units, else of the lengths.
 */
export const JAVA_STRING_METHODS: Readonly<Record<string, (self: string, ...args: unknown[]) => unknown>> = {
  compareTo: (self, other) => {
    const that = String(other);
    const shared = Math.min(self.length, that.length);
    for (let index = 0; index < shared; index++) {
      const difference = self.charCodeAt(index) - that.charCodeAt(index);
      if (difference !== 0) return difference;
    }
    return self.length - that.length;
  },
};

/** The same methods as velocityjs custom method handlers (only for string receivers). */
export const javaStringMethodHandlers = Object.entries(JAVA_STRING_METHODS).map(([name, method]) => ({
  uid: `java-string-${name}`,
  match: ({ property, context }: { property: string; context: unknown }) => property === name && typeof context === "string",
  resolve: ({ context, params }: { context: unknown; params: unknown[] }) => method(context as string, ...params),
}));

/** String methods with the same meaning in Java and JavaScript (for in-range indexes). */
const PORTABLE_STRING_METHODS = new Set(["substring", "indexOf", "lastIndexOf", "split"]);
/** Methods returning an int in Java (and a number in velocityjs). */
const NUMERIC_METHODS = new Set(["compareTo", "indexOf", "lastIndexOf"]);
/** The platform's `$esc` tool: the methods modelled for both engines. */
const TOOL_METHODS: Readonly<Record<string, ReadonlySet<string>>> = { esc: new Set(["jsonString", "url"]) };
const RELATIONAL = new Set(["<", ">", "<=", ">="]);
const ARITHMETIC = new Set(["+", "-", "*", "/", "%", "minus"]);
const REGEX_CHARACTERS = /[\\^$.|?*+()[\]{}]/;

interface Node {
  readonly type: string;
  readonly id?: string;
  readonly leader?: string;
  readonly path?: readonly Node[];
  readonly args?: readonly Node[];
  readonly expression?: readonly Node[];
  readonly operator?: string;
  readonly equal?: readonly Node[];
  readonly condition?: Node;
  readonly value?: unknown;
}

/** velocityjs gives a method without arguments `args: false`. */
const argsOf = (node: Node): readonly Node[] => (Array.isArray(node.args) ? node.args : []);

function describe(node: Node): string {
  switch (node.type) {
    case "references":
      return `$${node.id ?? ""}${(node.path ?? []).map((part) => (part.type === "method" ? `.${part.id}(${argsOf(part).map(describe).join(", ")})` : `.${part.id}`)).join("")}`;
    case "math":
      return (node.expression ?? []).map(describe).join(` ${node.operator} `);
    case "string":
      return JSON.stringify(node.value);
    default:
      return String(node.value ?? node.type);
  }
}

/** Every AST node of a parsed template, depth first (velocityjs nests blocks as arrays). */
function* nodes(tree: unknown): Generator<Node> {
  if (Array.isArray(tree)) {
    for (const item of tree) yield* nodes(item);
    return;
  }
  if (tree === null || typeof tree !== "object") return;
  const node = tree as Node;
  yield node;
  for (const child of [node.condition, node.equal, node.expression, node.path, node.args]) yield* nodes(child);
  if (node.type === "array") yield* nodes(node.value);
}

/** Problems of a template: constructs Java Velocity and velocityjs evaluate differently. Empty when portable. */
export function templatePortabilityProblems(template: string): string[] {
  const ast = parse(template) as unknown;
  const all = [...nodes(ast)];
  // Variables assigned by #set: numeric when every assignment is (fixpoint over the template's #set directives).
  const assignments = new Map<string, Node[]>();
  for (const node of all) {
    const [target, value] = node.type === "set" ? (node.equal ?? []) : [];
    if (target?.type === "references" && value && !target.path?.length) {
      assignments.set(target.id!, [...(assignments.get(target.id!) ?? []), value]);
    }
  }
  const numericVariables = new Set<string>();
  const isNumeric = (node: Node): boolean => {
    if (node.type === "integer" || node.type === "decimal") return true;
    if (node.type === "math") return ARITHMETIC.has(node.operator ?? "") && (node.expression ?? []).every(isNumeric);
    if (node.type !== "references") return false;
    const last = node.path?.at(-1);
    if (last === undefined) return numericVariables.has(node.id!);
    if (last.type === "method") return NUMERIC_METHODS.has(last.id!);
    return node.id === "foreach" && node.path!.length === 1 && ["index", "count"].includes(last.id!);
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, values] of assignments) {
      if (!numericVariables.has(name) && values.every(isNumeric)) {
        numericVariables.add(name);
        changed = true;
      }
    }
  }

  const problems: string[] = [];
  for (const node of all) {
    if (node.type === "math" && RELATIONAL.has(node.operator ?? "")) {
      const operands = node.expression ?? [];
      if (!operands.every(isNumeric)) {
        problems.push(
          `"${describe(node)}": ${node.operator} on operands not known to be numbers (Java Velocity is always false for strings; compare with .compareTo(...) instead)`,
        );
      }
    }
    if (node.type === "references") {
      const tool = TOOL_METHODS[node.id ?? ""];
      (node.path ?? []).forEach((part, index) => {
        if (part.type !== "method") return;
        const name = part.id ?? "";
        if (tool !== undefined && index === 0) {
          if (!tool.has(name)) problems.push(`"${describe(node)}": $${node.id}.${name} is not modelled for both engines`);
          return;
        }
        if (!PORTABLE_STRING_METHODS.has(name) && !(name in JAVA_STRING_METHODS)) {
          problems.push(`"${describe(node)}": .${name}() is not a method Java and velocityjs share with the same meaning`);
        }
        const separator = argsOf(part)[0];
        if (name === "split" && (separator?.type !== "string" || REGEX_CHARACTERS.test(String(separator.value)))) {
          problems.push(`"${describe(node)}": split takes a regular expression in Java; use a literal without regex characters`);
        }
      });
    }
  }
  return problems;
}
