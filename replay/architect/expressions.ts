/**
 * Evaluates the expression tree of workflows/model.ts with Architect semantics, for the functions of
 * workflows/functions.ts. Only the model's expressions: there is no parser of Architect text here.
 *
 * Comparisons: `==` / `!=` are defined for NOT_SET (equal only to NOT_SET); ordering, arithmetic and
 * logic on NOT_SET are flow errors, as Architect reports an expression that reads a NOT_SET value
 * where a value is needed.
 */
import type { ArchitectFunctionName } from "../../workflows/functions";
import type { BinaryExpression, Expression, FunctionCall, VariableRef } from "../../workflows/model";
import {
  type ArchitectValue,
  DateTime,
  Duration,
  FlowRuntimeError,
  Json,
  JsonCollection,
  NOT_SET,
  PhoneNumber,
  describeValue,
  isNotSetOrEmpty,
  toArchitectInteger,
  toArchitectString,
  toPhoneNumber,
} from "./values";

/** What an expression can read: variables, `{{key}}` substitutions, the virtual clock. */
export interface EvaluationScope {
  read(variable: VariableRef): ArchitectValue;
  substitution(key: string): string;
  /** Virtual time, epoch milliseconds. */
  now(): number;
}

/** An expression compiled to a function of the scope. */
type Compiled = (scope: EvaluationScope) => ArchitectValue;

/** Each expression node is compiled once, on its first evaluation (workflow models are built once per deployment). */
const compiledExpressions = new WeakMap<Expression, Compiled>();

export function evaluate(expression: Expression, scope: EvaluationScope): ArchitectValue {
  return compiled(expression)(scope);
}

function compiled(expression: Expression): Compiled {
  let compiledExpression = compiledExpressions.get(expression);
  if (!compiledExpression) compiledExpressions.set(expression, (compiledExpression = compile(expression)));
  return compiledExpression;
}

function compile(expression: Expression): Compiled {
  switch (expression.kind) {
    case "string":
    case "integer":
    case "boolean": {
      const value = expression.value;
      return () => value;
    }
    case "duration": {
      const milliseconds = expression.seconds * 1000;
      return () => new Duration(milliseconds);
    }
    case "substitution": {
      const key = expression.key;
      return (scope) => scope.substitution(key);
    }
    case "variable": {
      const variable = expression.variable;
      return (scope) => scope.read(variable);
    }
    case "property": {
      const ofExpression = compiled(expression.of);
      const property = expression.property;
      return (scope) => {
        const of = ofExpression(scope);
        if (of === NOT_SET) return NOT_SET;
        if (!(of instanceof PhoneNumber)) throw new FlowRuntimeError(`.${property} of ${describeValue(of)}`);
        return of.e164;
      };
    }
    case "call":
      return compileCall(expression);
    case "binary":
      return compileBinary(expression);
  }
}

type Implementation = (args: readonly ArchitectValue[], scope: EvaluationScope) => ArchitectValue;

const FUNCTIONS: Readonly<Record<ArchitectFunctionName, Implementation>> = {
  IsSet: ([value]) => value !== NOT_SET,
  IsNotSetOrEmpty: ([value]) => isNotSetOrEmpty(value),
  ToString: ([value]) => toArchitectString(value),
  ToInt: ([value]) => toArchitectInteger(value),
  ToPhoneNumber: ([value]) => {
    if (value === NOT_SET || value instanceof PhoneNumber) return value;
    if (typeof value !== "string") throw new FlowRuntimeError(`ToPhoneNumber of ${describeValue(value)}`);
    return toPhoneNumber(value);
  },
  MakeDuration: (args) => {
    const [days, hours, minutes, seconds] = args.map((arg, index) => {
      if (typeof arg !== "number") throw new FlowRuntimeError(`MakeDuration argument ${index + 1} is ${describeValue(arg)}`);
      return arg;
    });
    return new Duration((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000);
  },
  GetCurrentDateTimeUtc: (_args, scope) => new DateTime(scope.now()),
  ToDateTime: ([text]) => {
    if (text === NOT_SET) return NOT_SET;
    const epochMilliseconds = typeof text === "string" ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(epochMilliseconds)) throw new FlowRuntimeError(`ToDateTime of ${describeValue(text)}`);
    return new DateTime(epochMilliseconds);
  },
  AddSeconds: ([dateTime, seconds]) => {
    if (!(dateTime instanceof DateTime) || typeof seconds !== "number") {
      throw new FlowRuntimeError(`AddSeconds(${describeValue(dateTime)}, ${describeValue(seconds)})`);
    }
    return new DateTime(dateTime.epochMilliseconds + seconds * 1000);
  },
  If: ([condition, whenTrue, whenFalse]) => {
    if (typeof condition !== "boolean") throw new FlowRuntimeError(`If condition is ${describeValue(condition)}`);
    return condition ? whenTrue : whenFalse;
  },
  Count: ([collection]) => {
    if (collection === NOT_SET) return 0;
    if (!(collection instanceof JsonCollection)) throw new FlowRuntimeError(`Count of ${describeValue(collection)}`);
    return collection.items.length;
  },
  GetAt: ([collection, index]) => {
    if (!(collection instanceof JsonCollection)) throw new FlowRuntimeError(`GetAt of ${describeValue(collection)}`);
    if (typeof index !== "number") throw new FlowRuntimeError(`GetAt index is ${describeValue(index)}`);
    if (index < 0 || index >= collection.items.length) {
      throw new FlowRuntimeError(`GetAt index ${index} is out of range (collection of ${collection.items.length})`);
    }
    return new Json(collection.items[index]);
  },
  GetJsonObjectProperty: ([json, property]) => {
    if (json === NOT_SET) return NOT_SET;
    if (!(json instanceof Json) || typeof property !== "string") {
      throw new FlowRuntimeError(`GetJsonObjectProperty(${describeValue(json)}, ${describeValue(property)})`);
    }
    const object = json.value;
    if (typeof object !== "object" || object === null || Array.isArray(object)) {
      throw new FlowRuntimeError(`GetJsonObjectProperty: ${describeValue(json)} is not a JSON object`);
    }
    // Property names are case-sensitive (help "JSON values in Architect").
    return Object.prototype.hasOwnProperty.call(object, property) ? new Json((object as Record<string, unknown>)[property]) : NOT_SET;
  },
  ToJsonCollection: ([json]) => {
    if (json === NOT_SET) return new JsonCollection([]);
    if (!(json instanceof Json) || !Array.isArray(json.value)) throw new FlowRuntimeError(`ToJsonCollection of ${describeValue(json)}`);
    return new JsonCollection(json.value);
  },
};

function compileCall(call: FunctionCall): Compiled {
  // If evaluates only the branch it returns; every other function evaluates all its arguments.
  if (call.fn === "If") {
    const [condition, whenTrue, whenFalse] = call.args.map(compiled);
    return (scope) => {
      const value = condition(scope);
      if (typeof value !== "boolean") throw new FlowRuntimeError(`If condition is ${describeValue(value)}`);
      return value ? whenTrue(scope) : whenFalse(scope);
    };
  }
  const implementation = FUNCTIONS[call.fn];
  const args = call.args.map(compiled);
  return (scope) =>
    implementation(
      args.map((arg) => arg(scope)),
      scope,
    );
}

function compileBinary(expression: BinaryExpression): Compiled {
  const left = compiled(expression.left);
  const right = compiled(expression.right);
  return (scope) => evaluateBinary(expression, left(scope), right(scope));
}

function evaluateBinary(expression: BinaryExpression, left: ArchitectValue, right: ArchitectValue): ArchitectValue {
  // The operands' text is only needed for an error message.
  const operands = { toString: () => `${describeValue(left)} ${expression.operator} ${describeValue(right)}` };
  switch (expression.operator) {
    case "==":
      return sameValue(left, right);
    case "!=":
      return !sameValue(left, right);
    case "and":
    case "or":
      if (typeof left !== "boolean" || typeof right !== "boolean") throw new FlowRuntimeError(`${operands}: needs two booleans`);
      return expression.operator === "and" ? left && right : left || right;
    case "+":
      if (typeof left === "string" && typeof right === "string") return left + right;
      return arithmetic(left, right, operands, (a, b) => a + b);
    case "-":
      return arithmetic(left, right, operands, (a, b) => a - b);
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const [a, b] = [comparable(left, operands), comparable(right, operands)];
      if (expression.operator === "<") return a < b;
      if (expression.operator === "<=") return a <= b;
      if (expression.operator === ">") return a > b;
      return a >= b;
    }
  }
}

function arithmetic(left: ArchitectValue, right: ArchitectValue, operands: Operands, apply: (a: number, b: number) => number): number {
  if (typeof left !== "number" || typeof right !== "number") throw new FlowRuntimeError(`${operands}: needs two numbers`);
  return apply(left, right);
}

function comparable(value: ArchitectValue, operands: Operands): number {
  if (typeof value === "number") return value;
  if (value instanceof Duration) return value.milliseconds;
  if (value instanceof DateTime) return value.epochMilliseconds;
  throw new FlowRuntimeError(`${operands}: cannot be ordered`);
}

/** The operands of a binary expression as error messages show them. */
interface Operands {
  toString(): string;
}

function sameValue(left: ArchitectValue, right: ArchitectValue): boolean {
  if (left === NOT_SET || right === NOT_SET) return left === right;
  if (left instanceof Duration && right instanceof Duration) return left.milliseconds === right.milliseconds;
  if (left instanceof DateTime && right instanceof DateTime) return left.epochMilliseconds === right.epochMilliseconds;
  if (left instanceof PhoneNumber && right instanceof PhoneNumber) return left.e164 === right.e164 && left.e164 !== NOT_SET;
  if (left instanceof Json && right instanceof Json) return JSON.stringify(left.value) === JSON.stringify(right.value);
  return left === right;
}
