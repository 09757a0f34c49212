import type { Expr, ExprProblem, ExprType, ExprValue } from './ast';
import { checkTyped, type CheckOptions, type TypedTree } from './check';
import { FUNCTIONS, type EvalEnv } from './functions';
import {
  addDays,
  asDate,
  compareValues,
  daysBetween,
  finite,
  fromRecordValue,
  isValidDate,
  looksLikeDate,
  parseIsoDate,
  toText,
  valuesEqual,
} from './values';

/** A record as Salesforce returns it: relationship fields are nested objects (`{ Owner: { Name } }`). */
export type ExprRecord = Readonly<Record<string, unknown>>;

export interface CompiledExpression {
  /** The static type of the result (`unknown` when it depends on fields of unknown type). */
  type: ExprType;
  /** Evaluates the expression on one record. Never throws: bad data gives null (or false for a test). */
  evaluate(record: ExprRecord, env: EvalEnv): ExprValue;
}

export type CompileResult = ({ ok: true } & CompiledExpression) | { ok: false; problems: ExprProblem[] };

export type Evaluator = (record: ExprRecord, env: EvalEnv) => ExprValue;

/**
 * Checks an expression and turns it into a tree of closures, once; the runner then calls `evaluate`
 * per record without parsing or checking again.
 */
export function compileExpression(text: string, options: CheckOptions = {}): CompileResult {
  const { typed, problems } = checkTyped(text, options);
  if (!typed) return { ok: false, problems };
  const evaluator = new Compiler(typed).compile(typed.ast);
  return {
    ok: true,
    type: typed.type,
    evaluate(record, env) {
      try {
        return evaluator(record ?? {}, env);
      } catch {
        // Every operation is written to be total; this is the last guard so one odd record cannot stop a run.
        return null;
      }
    },
  };
}

/** One node of a checked tree as its own evaluator (for explaining a result part by part). */
export function compileNode(typed: TypedTree, node: Expr): Evaluator {
  return new Compiler(typed).compile(node);
}

/** Tests a boolean expression's result: only `true` matches, so a blank condition does not. */
export function isTrue(value: ExprValue): boolean {
  return value === true;
}

class Compiler {
  constructor(private readonly typed: TypedTree) {}

  private typeOf(node: Expr): ExprType {
    return this.typed.types.get(node) ?? 'unknown';
  }

  compile(node: Expr): Evaluator {
    switch (node.kind) {
      case 'text':
      case 'number':
      case 'boolean': {
        const value = node.value;
        return () => value;
      }
      case 'null':
      case 'error':
        return () => null;
      case 'field':
        return fieldGetter(node.path, this.typeOf(node));
      case 'unary': {
        const operand = this.compile(node.operand);
        if (node.operator === 'not') return (r, e) => operand(r, e) !== true;
        return (r, e) => {
          const v = operand(r, e);
          return typeof v === 'number' ? finite(-v) : null;
        };
      }
      case 'chain':
        return this.chain(node.operator, node.operands);
      case 'binary':
        return this.binary(node.operator, node.left, node.right);
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  private chain(operator: 'and' | 'or' | '&', operands: readonly Expr[]): Evaluator {
    const parts = operands.map((operand) => this.compile(operand));
    if (operator === 'and') return andOf(parts);
    if (operator === 'or') return orOf(parts);
    const types = operands.map((operand) => this.typeOf(operand));
    return (r, e) => {
      let out = '';
      for (let i = 0; i < parts.length; i++) out += toText(parts[i](r, e), types[i]) ?? '';
      return out;
    };
  }

  private binary(operator: string, leftNode: Expr, rightNode: Expr): Evaluator {
    const left = this.compile(leftNode);
    const right = this.compile(rightNode);
    switch (operator) {
      case '=':
        return (r, e) => valuesEqual(left(r, e), right(r, e));
      case '!=':
        return (r, e) => !valuesEqual(left(r, e), right(r, e));
      case '<':
        return (r, e) => compareValues(left(r, e), right(r, e)) === -1;
      case '>':
        return (r, e) => compareValues(left(r, e), right(r, e)) === 1;
      case '<=':
        return (r, e) => lessOrEqual(compareValues(left(r, e), right(r, e)));
      case '>=':
        return (r, e) => lessOrEqual(negate(compareValues(left(r, e), right(r, e))));
      case '+':
        return (r, e) => add(left(r, e), right(r, e));
      case '-':
        return (r, e) => subtract(left(r, e), right(r, e));
      case '*':
        return (r, e) => arithmetic(left(r, e), right(r, e), (a, b) => a * b);
      default:
        // Division by zero gives a blank rather than Infinity, which no document field can hold.
        return (r, e) => arithmetic(left(r, e), right(r, e), (a, b) => (b === 0 ? NaN : a / b));
    }
  }

  private call(name: string, argNodes: readonly Expr[]): Evaluator {
    const args = argNodes.map((arg) => this.compile(arg));
    if (name === 'AND') return andOf(args);
    if (name === 'OR') return orOf(args);
    if (name === 'IF') {
      const [condition, then, otherwise] = args;
      return (r, e) => (condition(r, e) === true ? then(r, e) : otherwise(r, e));
    }
    const spec = FUNCTIONS.get(name);
    const evaluate = spec?.evaluate;
    if (!evaluate) return () => null;
    const types = argNodes.map((arg) => this.typeOf(arg));
    if (args.length === 1) {
      const [only] = args;
      return (r, e) => evaluate([only(r, e)], types, e);
    }
    return (r, e) => evaluate(args.map((arg) => arg(r, e)), types, e);
  }
}

function andOf(parts: readonly Evaluator[]): Evaluator {
  return (r, e) => {
    for (const part of parts) if (part(r, e) !== true) return false;
    return true;
  };
}

function orOf(parts: readonly Evaluator[]): Evaluator {
  return (r, e) => {
    for (const part of parts) if (part(r, e) === true) return true;
    return false;
  };
}

function negate(order: number | undefined): number | undefined {
  return order === undefined ? undefined : -order;
}

function lessOrEqual(order: number | undefined): boolean {
  return order === -1 || order === 0;
}

/**
 * Reads a field, following relationship paths through nested objects (`Owner.Name` → record.Owner.Name).
 * A record flattened by an export (`{"Owner.Name": …}`) is read too.
 */
function fieldGetter(path: string, type: ExprType): Evaluator {
  const segments = path.split('.');
  if (segments.length === 1) return (record) => fromRecordValue(ownValue(record, path), type);
  return (record) => {
    let current: unknown = record;
    for (const segment of segments) {
      if (current === null || typeof current !== 'object') {
        current = undefined;
        break;
      }
      current = ownValue(current as Record<string, unknown>, segment);
    }
    if (current === undefined) current = ownValue(record, path);
    return fromRecordValue(current, type);
  };
}

/** Only the record's own keys: `constructor` or `__proto__` in an expression must not reach the prototype. */
function ownValue(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function arithmetic(a: ExprValue, b: ExprValue, op: (x: number, y: number) => number): ExprValue {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  return finite(op(a, b));
}

function dateOperand(value: ExprValue): Date | null {
  if (isValidDate(value)) return value;
  return typeof value === 'string' && looksLikeDate(value) ? parseIsoDate(value) : null;
}

function add(a: ExprValue, b: ExprValue): ExprValue {
  if (typeof a === 'number' && typeof b === 'number') return finite(a + b);
  const dateA = dateOperand(a);
  if (dateA && typeof b === 'number') return addDays(dateA, b);
  const dateB = dateOperand(b);
  if (dateB && typeof a === 'number') return addDays(dateB, a);
  return null;
}

function subtract(a: ExprValue, b: ExprValue): ExprValue {
  if (typeof a === 'number' && typeof b === 'number') return finite(a - b);
  const dateA = dateOperand(a);
  if (!dateA) return null;
  if (typeof b === 'number') return addDays(dateA, -b);
  const dateB = asDate(b);
  return dateB ? finite(daysBetween(dateA, dateB)) : null;
}
