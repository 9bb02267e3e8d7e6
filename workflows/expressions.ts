/** Builders for expressions, variables and the type of an expression (shared by linter, renderer and interpreter). */
import { ARCHITECT_FUNCTIONS, type FunctionSignature } from "./functions";
import type {
  BinaryExpression,
  BinaryOperator,
  BooleanLiteral,
  DurationLiteral,
  Expression,
  IntegerLiteral,
  PropertyAccess,
  StringLiteral,
  Substitution,
  ValueType,
  VariableDeclaration,
  VariableExpression,
  VariableRef,
  VariableType,
} from "./model";

export const lit = {
  string: (value: string): StringLiteral => ({ kind: "string", value }),
  integer: (value: number): IntegerLiteral => ({ kind: "integer", value }),
  boolean: (value: boolean): BooleanLiteral => ({ kind: "boolean", value }),
  seconds: (seconds: number): DurationLiteral => ({ kind: "duration", seconds }),
};

export const substitution = (key: string): Substitution => ({ kind: "substitution", key });

/** A variable reference without the declaration flags. */
export const refOf = <T extends VariableType>(declaration: VariableRef<T>): VariableRef<T> => ({
  scope: declaration.scope,
  name: declaration.name,
  type: declaration.type,
});

/** Reads a variable (the expression holds its reference, not its declaration). */
export const read = (variable: VariableRef): VariableExpression => ({ kind: "variable", variable: refOf(variable) });

export function flowVariable<T extends VariableType>(
  name: string,
  type: T,
  flags: { readonly isInput?: boolean; readonly isOutput?: boolean } = {},
): VariableDeclaration<T> {
  return { scope: "Flow", name, type, isInput: flags.isInput ?? false, isOutput: flags.isOutput ?? false };
}

export function stateVariable<T extends VariableType>(name: string, type: T): VariableDeclaration<T> {
  return { scope: "State", name, type, isInput: false, isOutput: false };
}

const binary = (operator: BinaryOperator, left: Expression, right: Expression): BinaryExpression => ({
  kind: "binary",
  operator,
  left,
  right,
});

export const op = {
  eq: (left: Expression, right: Expression) => binary("==", left, right),
  ne: (left: Expression, right: Expression) => binary("!=", left, right),
  lt: (left: Expression, right: Expression) => binary("<", left, right),
  gt: (left: Expression, right: Expression) => binary(">", left, right),
  ge: (left: Expression, right: Expression) => binary(">=", left, right),
  plus: (left: Expression, right: Expression) => binary("+", left, right),
  and: (first: Expression, ...rest: Expression[]) => rest.reduce<Expression>((all, next) => binary("and", all, next), first),
  or: (first: Expression, ...rest: Expression[]) => rest.reduce<Expression>((all, next) => binary("or", all, next), first),
};

/** `ToPhoneNumber(...).e164` and similar. */
export const e164 = (phoneNumber: Expression): PropertyAccess => ({ kind: "property", of: phoneNumber, property: "e164" });

/** The expressions directly inside one: a call's arguments, an operator's operands, what a property is read of. */
export function childExpressions(expression: Expression): readonly Expression[] {
  switch (expression.kind) {
    case "call":
      return expression.args;
    case "binary":
      return [expression.left, expression.right];
    case "property":
      return [expression.of];
    default:
      return [];
  }
}

/** The expression and every expression inside it, each before its children, children left to right. */
export function subExpressions(expression: Expression): Expression[] {
  return [expression, ...childExpressions(expression).flatMap(subExpressions)];
}

/** Every `{{key}}` an expression holds, left to right. */
export function substitutionsIn(expression: Expression): string[] {
  return subExpressions(expression).flatMap((node) => (node.kind === "substitution" ? [node.key] : []));
}

/** Thrown by typeOf for an expression that cannot be typed; the linter turns it into a finding. */
export class ExpressionTypeError extends Error {}

/** The static type of an expression, or ExpressionTypeError when operands or arguments do not fit. */
export function typeOf(expression: Expression): ValueType {
  switch (expression.kind) {
    case "string":
    case "substitution":
      return "string";
    case "integer":
      return "integer";
    case "boolean":
      return "boolean";
    case "duration":
      return "duration";
    case "variable":
      return expression.variable.type;
    case "property": {
      const of = typeOf(expression.of);
      if (of !== "phoneNumber") throw new ExpressionTypeError(`.${expression.property} needs a phone number, got ${of}`);
      return "string";
    }
    case "call": {
      const signature: FunctionSignature | undefined = ARCHITECT_FUNCTIONS[expression.fn];
      if (!signature) throw new ExpressionTypeError(`${expression.fn} has no signature in workflows/functions.ts`);
      if (expression.args.length !== signature.parameters.length) {
        throw new ExpressionTypeError(`${expression.fn} takes ${signature.parameters.length} argument(s), got ${expression.args.length}`);
      }
      const argumentTypes = expression.args.map(typeOf);
      argumentTypes.forEach((type, index) => {
        const accepted: readonly ValueType[] | "any" = signature.parameters[index];
        if (accepted !== "any" && !accepted.includes(type)) {
          throw new ExpressionTypeError(`${expression.fn} argument ${index + 1} must be ${accepted.join(" or ")}, got ${type}`);
        }
      });
      return signature.result(argumentTypes);
    }
    case "binary":
      return binaryType(expression);
  }
}

function binaryType(expression: BinaryExpression): ValueType {
  const left = typeOf(expression.left);
  const right = typeOf(expression.right);
  const fail = (): never => {
    throw new ExpressionTypeError(`${left} ${expression.operator} ${right} is not allowed`);
  };
  switch (expression.operator) {
    case "and":
    case "or":
      return left === "boolean" && right === "boolean" ? "boolean" : fail();
    case "==":
    case "!=":
      return left === right ? "boolean" : fail();
    case "<":
    case "<=":
    case ">":
    case ">=":
      return left === right && (left === "integer" || left === "decimal" || left === "duration" || left === "dateTime")
        ? "boolean"
        : fail();
    case "+":
      if (left === "string" && right === "string") return "string";
      return left === right && (left === "integer" || left === "decimal") ? left : fail();
    case "-":
      return left === right && (left === "integer" || left === "decimal") ? left : fail();
  }
}
