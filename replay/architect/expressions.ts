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

export function evaluate(expression: Expression, scope: EvaluationScope): ArchitectValue {
  switch (expression.kind) {
    case "string":
    case "integer":
    case "boolean":
      return expression.value;
    case "duration":
      return new Duration(expression.seconds * 1000);
    case "substitution":
      return scope.substitution(expression.key);
    case "variable":
      return scope.read(expression.variable);
    case "property": {
      const of = evaluate(expression.of, scope);
      if (of === NOT_SET) return NOT_SET;
      if (!(of instanceof PhoneNumber)) throw new FlowRuntimeError(`.${expression.property} of ${describeValue(of)}`);
      return of.e164;
    }
    case "call":
      return callFunction(expression, scope);
    case "binary":
      return evaluateBinary(expression, scope);
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

function callFunction(call: FunctionCall, scope: EvaluationScope): ArchitectValue {
  // If evaluates only the branch it returns; every other function evaluates all its arguments.
  if (call.fn === "If") {
    const condition = evaluate(call.args[0], scope);
    if (typeof condition !== "boolean") throw new FlowRuntimeError(`If condition is ${describeValue(condition)}`);
    return evaluate(condition ? call.args[1] : call.args[2], scope);
  }
  return FUNCTIONS[call.fn](
    call.args.map((arg) => evaluate(arg, scope)),
    scope,
  );
}

function evaluateBinary(expression: BinaryExpression, scope: EvaluationScope): ArchitectValue {
  const left = evaluate(expression.left, scope);
  const right = evaluate(expression.right, scope);
  const operands = `${describeValue(left)} ${expression.operator} ${describeValue(right)}`;
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

function arithmetic(left: ArchitectValue, right: ArchitectValue, operands: string, apply: (a: number, b: number) => number): number {
  if (typeof left !== "number" || typeof right !== "number") throw new FlowRuntimeError(`${operands}: needs two numbers`);
  return apply(left, right);
}

function comparable(value: ArchitectValue, operands: string): number {
  if (typeof value === "number") return value;
  if (value instanceof Duration) return value.milliseconds;
  if (value instanceof DateTime) return value.epochMilliseconds;
  throw new FlowRuntimeError(`${operands}: cannot be ordered`);
}

function sameValue(left: ArchitectValue, right: ArchitectValue): boolean {
  if (left === NOT_SET || right === NOT_SET) return left === right;
  if (left instanceof Duration && right instanceof Duration) return left.milliseconds === right.milliseconds;
  if (left instanceof DateTime && right instanceof DateTime) return left.epochMilliseconds === right.epochMilliseconds;
  if (left instanceof PhoneNumber && right instanceof PhoneNumber) return left.e164 === right.e164 && left.e164 !== NOT_SET;
  if (left instanceof Json && right instanceof Json) return JSON.stringify(left.value) === JSON.stringify(right.value);
  return left === right;
}
