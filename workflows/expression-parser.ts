/**
 * Architect expression text → expression tree: the inverse of renderExpression (render.ts), for the
 * grammar it emits — string/integer/boolean literals, `{{key}}` placeholders inside string literals,
 * `Flow.x` / `State.x` variables, calls of the functions in functions.ts, binary operators with
 * parentheses, and `.e164`. Also read, because Architect accepts them and hand-written or
 * Architect-exported flows use them: keywords and function names in any case (`OR`, `toString(`),
 * `<>` for `!=`, and `Not(a == b)` as `a != b` while Not is not one of our functions.
 */
import { ARCHITECT_FUNCTIONS, type ArchitectFunctionName } from "./functions";
import type { BinaryOperator, Expression, VariableRef, VariableScope } from "./model";

/** Binding strength of each operator (higher binds tighter); all are left-associative. */
const PRECEDENCE: Readonly<Record<BinaryOperator, number>> = {
  or: 1,
  and: 2,
  "==": 3,
  "!=": 3,
  "<": 3,
  "<=": 3,
  ">": 3,
  ">=": 3,
  "+": 4,
  "-": 4,
};

const PROPERTIES = ["e164"] as const;
const SCOPES: readonly VariableScope[] = ["Flow", "State"];

/** What an expression can name: declared variables, and the substitutions the provider applied. */
export interface ExpressionScope {
  /** Variables in scope (Flow variables and the current state's); a name outside them is an error. */
  readonly variables?: readonly VariableRef[];
  /** A string literal that equals exactly one value here is read back as that `{{key}}` placeholder. */
  readonly substitutions?: Readonly<Record<string, string>>;
}

/** A syntax or name error at a character offset of the expression text. */
export class ExpressionSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} (at character ${offset + 1})`);
  }
}

type Token =
  | { readonly kind: "string"; readonly value: string; readonly offset: number }
  | { readonly kind: "number"; readonly value: number; readonly offset: number }
  | { readonly kind: "identifier"; readonly value: string; readonly offset: number }
  | { readonly kind: "operator"; readonly value: BinaryOperator; readonly offset: number }
  | { readonly kind: "punctuation"; readonly value: "(" | ")" | "," | "."; readonly offset: number }
  | { readonly kind: "end"; readonly offset: number };

const SYMBOL_OPERATORS: readonly [string, BinaryOperator][] = [
  ["==", "=="],
  ["!=", "!="],
  ["<>", "!="],
  ["<=", "<="],
  [">=", ">="],
  ["<", "<"],
  [">", ">"],
  ["+", "+"],
  ["-", "-"],
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (/\s/.test(char)) {
      at++;
    } else if (char === '"') {
      const close = text.indexOf('"', at + 1);
      if (close < 0) throw new ExpressionSyntaxError("unterminated string literal", at);
      tokens.push({ kind: "string", value: text.slice(at + 1, close), offset: at });
      at = close + 1;
    } else if (/[0-9]/.test(char)) {
      const digits = /^[0-9]+/.exec(text.slice(at))![0];
      if (/^[.][0-9]/.test(text.slice(at + digits.length))) {
        throw new ExpressionSyntaxError("decimal literals are not part of the workflow model", at);
      }
      tokens.push({ kind: "number", value: Number(digits), offset: at });
      at += digits.length;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at))![0];
      const keyword = word.toLowerCase();
      if (keyword === "and" || keyword === "or") tokens.push({ kind: "operator", value: keyword, offset: at });
      else tokens.push({ kind: "identifier", value: word, offset: at });
      at += word.length;
    } else if ("(),.".includes(char)) {
      tokens.push({ kind: "punctuation", value: char as "(" | ")" | "," | ".", offset: at });
      at++;
    } else {
      const symbol = SYMBOL_OPERATORS.find(([spelling]) => text.startsWith(spelling, at));
      if (!symbol) throw new ExpressionSyntaxError(`unexpected character ${JSON.stringify(char)}`, at);
      tokens.push({ kind: "operator", value: symbol[1], offset: at });
      at += symbol[0].length;
    }
  }
  tokens.push({ kind: "end", offset: text.length });
  return tokens;
}

const describe = (token: Token): string =>
  token.kind === "end" ? "the end of the expression" : token.kind === "string" ? `"${token.value}"` : `"${String(token.value)}"`;

/** The expression tree of Architect expression text, or ExpressionSyntaxError. */
export function parseExpression(text: string, scope: ExpressionScope = {}): Expression {
  const tokens = tokenize(text);
  let position = 0;
  const peek = (): Token => tokens[position];
  const next = (): Token => tokens[position++];
  const isPunctuation = (token: Token, value: string): boolean => token.kind === "punctuation" && token.value === value;
  const expect = (value: string): void => {
    const token = next();
    if (!isPunctuation(token, value)) throw new ExpressionSyntaxError(`expected "${value}", found ${describe(token)}`, token.offset);
  };

  function binary(minimum: number): Expression {
    let left = postfix();
    for (;;) {
      const token = peek();
      if (token.kind !== "operator" || PRECEDENCE[token.value] < minimum) return left;
      next();
      const right = binary(PRECEDENCE[token.value] + 1);
      left = { kind: "binary", operator: token.value, left, right };
    }
  }

  function postfix(): Expression {
    let expression = primary();
    while (isPunctuation(peek(), ".")) {
      next();
      const name = next();
      const property = PROPERTIES.find((known) => name.kind === "identifier" && known === name.value.toLowerCase());
      if (!property) throw new ExpressionSyntaxError(`unknown property ${describe(name)} (only .e164 is read)`, name.offset);
      expression = { kind: "property", of: expression, property };
    }
    return expression;
  }

  function primary(): Expression {
    const token = next();
    switch (token.kind) {
      case "string":
        return stringLiteral(token.value, scope.substitutions, token.offset);
      case "number":
        return { kind: "integer", value: token.value };
      case "operator": {
        const number = peek();
        if (token.value === "-" && number.kind === "number" && number.offset === token.offset + 1) {
          next();
          return { kind: "integer", value: -number.value };
        }
        break;
      }
      case "punctuation":
        if (token.value === "(") {
          const inner = binary(0);
          expect(")");
          return inner;
        }
        break;
      case "identifier":
        return identifier(token);
      case "end":
        break;
    }
    throw new ExpressionSyntaxError(`expected a value, found ${describe(token)}`, token.offset);
  }

  function identifier(token: Token & { kind: "identifier" }): Expression {
    const word = token.value;
    if (word.toLowerCase() === "true" || word.toLowerCase() === "false") return { kind: "boolean", value: word.toLowerCase() === "true" };
    const scopeName = SCOPES.find((known) => known === word);
    if (scopeName && isPunctuation(peek(), ".")) {
      next();
      const name = next();
      if (name.kind !== "identifier") throw new ExpressionSyntaxError(`expected a variable name after "${word}."`, name.offset);
      const variable = scope.variables?.find((known) => known.scope === scopeName && known.name === name.value);
      if (!variable) throw new ExpressionSyntaxError(`variable ${word}.${name.value} is not declared`, token.offset);
      return { kind: "variable", variable: { scope: variable.scope, name: variable.name, type: variable.type } };
    }
    if (isPunctuation(peek(), "(")) return call(token);
    throw new ExpressionSyntaxError(`unknown name "${word}"`, token.offset);
  }

  function call(token: Token & { kind: "identifier" }): Expression {
    next(); // "("
    const args: Expression[] = [];
    if (!isPunctuation(peek(), ")")) {
      args.push(binary(0));
      while (isPunctuation(peek(), ",")) {
        next();
        args.push(binary(0));
      }
    }
    expect(")");
    const fn = (Object.keys(ARCHITECT_FUNCTIONS) as ArchitectFunctionName[]).find(
      (name) => name.toLowerCase() === token.value.toLowerCase(),
    );
    if (fn) return { kind: "call", fn, args };
    const [negated] = args;
    if (token.value.toLowerCase() === "not" && args.length === 1 && negated.kind === "binary" && negated.operator === "==") {
      return { ...negated, operator: "!=" };
    }
    throw new ExpressionSyntaxError(`unknown function ${token.value}() (not in workflows/functions.ts)`, token.offset);
  }

  const expression = binary(0);
  const rest = peek();
  if (rest.kind !== "end") throw new ExpressionSyntaxError(`unexpected ${describe(rest)} after a complete expression`, rest.offset);
  return expression;
}

/** A `{{key}}` placeholder as written before substitution. */
export const PLACEHOLDER = /^\{\{([^{}]+)\}\}$/;

/**
 * A string literal: a placeholder, the value of exactly one applied substitution (read back as its
 * placeholder), or a plain string.
 */
export function stringLiteral(value: string, substitutions: Readonly<Record<string, string>> = {}, offset = 0): Expression {
  const placeholder = PLACEHOLDER.exec(value);
  if (placeholder) return { kind: "substitution", key: placeholder[1] };
  const keys = substitutionKeysOf(value, substitutions);
  if (keys.length > 1) throw new ExpressionSyntaxError(ambiguousSubstitution(value, keys), offset);
  return keys.length === 0 ? { kind: "string", value } : { kind: "substitution", key: keys[0] };
}

/**
 * The keys whose applied value is `value`. Empty values are never read back: an empty literal is far
 * more likely meant as empty than as a placeholder.
 */
export function substitutionKeysOf(value: string, substitutions: Readonly<Record<string, string>>): string[] {
  return value === "" ? [] : Object.keys(substitutions).filter((key) => substitutions[key] === value);
}

export const ambiguousSubstitution = (value: string, keys: readonly string[]): string =>
  `${JSON.stringify(value)} is the value of several substitutions (${keys.join(", ")}): cannot tell which placeholder it was`;
