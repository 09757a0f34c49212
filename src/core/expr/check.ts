import type { Call, Expr, ExprProblem, ExprType } from './ast';
import { FUNCTIONS, unify, type ParamType } from './functions';
import { MAX_PROBLEMS, parsePartial } from './parser';
import { closest } from './suggest';
import { parseIsoDate } from './values';

export interface CheckOptions {
  /**
   * The fields an expression may use (the query's SELECT list, relationship paths as `Owner.Name`), with
   * their types when known. Record keys are case-sensitive, so names must match exactly. Leave it out to
   * accept any field name (when the query is not known).
   */
  fields?: ReadonlyMap<string, ExprType> | readonly string[];
  /**
   * Names of `fields` whose exact spelling nothing vouches for (no sample, describe data or standard field
   * knows them): they are accepted in any case, since guessing the record key's case would be a false alarm.
   */
  anyCase?: ReadonlySet<string>;
  /** `boolean` for a filter, `any` for a transform. Default `any`. */
  expect?: 'boolean' | 'any';
}

export interface CheckResult {
  /** Present only when there are no problems. */
  ast?: Expr;
  /** The type of the whole expression, when there are no problems. */
  type?: ExprType;
  problems: ExprProblem[];
}

/** The checker's findings for the compiler: each node's type. */
export interface TypedTree {
  ast: Expr;
  types: ReadonlyMap<Expr, ExprType>;
  type: ExprType;
}

const TYPE_NAMES: Record<ExprType, string> = {
  text: 'text',
  number: 'a number',
  boolean: 'true/false',
  date: 'a date',
  datetime: 'a date-time',
  unknown: 'a value',
};

/** Parses and type-checks an expression. It never throws; every problem carries a span of `text`. */
export function checkExpression(text: string, options: CheckOptions = {}): CheckResult {
  const { typed, problems } = checkTyped(text, options);
  return typed ? { ast: typed.ast, type: typed.type, problems } : { problems };
}

export function checkTyped(text: string, options: CheckOptions = {}): { typed?: TypedTree; problems: ExprProblem[] } {
  const parsed = parsePartial(text);
  if (!parsed.tree) return { problems: parsed.problems };
  const checker = new Checker(fieldTable(options.fields, options.anyCase));
  const type = checker.infer(parsed.tree);
  const problems = [...parsed.problems, ...checker.problems];
  if (options.expect === 'boolean' && type !== 'boolean' && type !== 'unknown' && parsed.problems.length === 0) {
    problems.push({
      message: `A filter must be true or false, such as Status = "Closed"; this expression gives ${TYPE_NAMES[type]}.`,
      start: parsed.tree.start,
      end: parsed.tree.end,
    });
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  // Past a screenful, more problems in one expression are noise.
  if (problems.length > 0) return { problems: problems.slice(0, MAX_PROBLEMS) };
  return { typed: { ast: parsed.tree, types: checker.types, type }, problems };
}

interface FieldTable {
  exact: ReadonlyMap<string, ExprType>;
  byLower: ReadonlyMap<string, string>;
  /** Lower-cased names accepted in any case. */
  anyCase: ReadonlySet<string>;
}

function fieldTable(fields: CheckOptions['fields'], anyCase: ReadonlySet<string> = new Set()): FieldTable | undefined {
  if (fields === undefined) return undefined;
  const exact = new Map<string, ExprType>();
  if (Array.isArray(fields)) for (const name of fields as readonly string[]) exact.set(name, 'unknown');
  else for (const [name, type] of fields as ReadonlyMap<string, ExprType>) exact.set(name, type);
  const byLower = new Map<string, string>();
  for (const name of exact.keys()) if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), name);
  return { exact, byLower, anyCase: new Set([...anyCase].map((name) => name.toLowerCase())) };
}

class Checker {
  readonly problems: ExprProblem[] = [];
  readonly types = new Map<Expr, ExprType>();

  constructor(private readonly fields: FieldTable | undefined) {}

  infer(node: Expr): ExprType {
    const type = this.inferNode(node);
    this.types.set(node, type);
    return type;
  }

  private inferNode(node: Expr): ExprType {
    switch (node.kind) {
      case 'text':
        return 'text';
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
      case 'error':
        return 'unknown';
      case 'field':
        return this.field(node.path, node);
      case 'unary': {
        const type = this.infer(node.operand);
        if (node.operator === '-') {
          this.expectType(node.operand, type, 'number', 'The minus sign needs a number');
          return 'number';
        }
        this.expectType(node.operand, type, 'boolean', 'NOT needs a condition');
        return 'boolean';
      }
      case 'chain': {
        const types = node.operands.map((operand) => this.infer(operand));
        if (node.operator === '&') return 'text';
        const word = node.operator.toUpperCase();
        node.operands.forEach((operand, i) => this.expectType(operand, types[i], 'boolean', `${word} joins conditions`));
        return 'boolean';
      }
      case 'binary':
        return this.binary(node.operator, node.left, node.right);
      case 'call':
        return this.call(node);
    }
  }

  private field(path: string, at: Expr): ExprType {
    if (!this.fields) return 'unknown';
    const type = this.fields.exact.get(path);
    if (type !== undefined) return type;
    const spelled = this.fields.byLower.get(path.toLowerCase());
    if (spelled !== undefined) {
      if (this.fields.anyCase.has(spelled.toLowerCase())) return this.fields.exact.get(spelled) ?? 'unknown';
      this.report(`Field "${path}" is spelled "${spelled}" in the records; field names in expressions are case-sensitive.`, at, spelled);
      return this.fields.exact.get(spelled) ?? 'unknown';
    }
    if (FUNCTIONS.has(path.toUpperCase())) {
      const name = path.toUpperCase();
      this.report(`${name} is a function: write ${name}(…) with parentheses.`, at, FUNCTIONS.get(name)!.minArgs === 0 ? `${name}()` : undefined);
      return 'unknown';
    }
    const guess = closest(path, this.fields.exact.keys());
    this.report(
      `Unknown field "${path}": the query does not select it. ${guess ? `Did you mean "${guess}"? ` : ''}Add it to the SELECT list or fix the name.`,
      at,
      guess,
    );
    return 'unknown';
  }

  private binary(operator: string, left: Expr, right: Expr): ExprType {
    const a = this.infer(left);
    const b = this.infer(right);
    switch (operator) {
      case '+':
      case '-':
        return this.additive(operator, left, a, right, b);
      case '*':
      case '/':
        this.expectType(left, a, 'number', `"${operator}" needs numbers`);
        this.expectType(right, b, 'number', `"${operator}" needs numbers`);
        return 'number';
      default:
        this.comparable(operator, left, a, right, b);
        return 'boolean';
    }
  }

  private additive(operator: '+' | '-', left: Expr, leftType: ExprType, right: Expr, rightType: ExprType): ExprType {
    // A date written as text next to a date is a date: CloseDate - "2024-01-01" counts days.
    const a = asDateLiteral(left, leftType, rightType);
    const b = asDateLiteral(right, rightType, leftType);
    if (a === 'text' || b === 'text') {
      const at = a === 'text' ? left : right;
      this.report(
        operator === '+' ? 'Text cannot be added with "+": use "&" to join text.' : 'Text cannot be subtracted: "-" needs numbers or dates.',
        at,
      );
      return operator === '+' ? 'text' : 'unknown';
    }
    const isDate = (t: ExprType): boolean => t === 'date' || t === 'datetime';
    for (const [node, type] of [[left, a], [right, b]] as const) {
      if (type === 'boolean') this.report(`"${operator}" needs numbers or dates, not true/false.`, node);
    }
    if (isDate(a) && isDate(b)) {
      if (operator === '+') this.report('Two dates cannot be added; add a number of days to a date instead.', right);
      return 'number';
    }
    // Beside a field of unknown type, a date minus it is a date (days) or a number (a date): unknown.
    if (isDate(a)) return operator === '-' && b === 'unknown' ? 'unknown' : a;
    if (isDate(b)) {
      if (operator === '+') return b;
      if (a === 'number') this.report('A date cannot be subtracted from a number; write date - days instead.', right);
      return 'unknown';
    }
    if (a === 'number' && b === 'number') return 'number';
    return a === 'unknown' || b === 'unknown' ? 'unknown' : 'number';
  }

  private comparable(operator: string, left: Expr, a: ExprType, right: Expr, b: ExprType): void {
    if (a === 'unknown' || b === 'unknown') return;
    const ordering = operator !== '=' && operator !== '!=';
    if (ordering && (a === 'boolean' || b === 'boolean')) {
      this.report(`"${operator}" cannot order true/false values; use = or !=.`, a === 'boolean' ? left : right);
      return;
    }
    const isDate = (t: ExprType): boolean => t === 'date' || t === 'datetime';
    if (a === b || (isDate(a) && isDate(b))) return;
    if (isDate(a) && b === 'text') return this.dateLiteral(right, a);
    if (isDate(b) && a === 'text') return this.dateLiteral(left, b);
    this.report(`Cannot compare ${TYPE_NAMES[a]} with ${TYPE_NAMES[b]}.${hint(a, b)}`, right);
  }

  /** A text literal compared with a date must be a date; other text compared with a date is fine at run time only if it holds one. */
  private dateLiteral(node: Expr, dateType: ExprType): void {
    if (node.kind !== 'text') return;
    if (!parseIsoDate(node.value)) {
      const example = dateType === 'date' ? '"2024-05-01"' : '"2024-05-01T10:00:00Z"';
      this.report(`"${node.value}" is not a date; write it as ${example}.`, node);
    }
  }

  private call(node: Call): ExprType {
    const argTypes = node.args.map((arg) => this.infer(arg));
    const spec = FUNCTIONS.get(node.name);
    const nameSpan = { start: node.nameStart, end: node.nameEnd };
    if (!spec) {
      const guess = closest(node.name, FUNCTIONS.keys());
      const written = node.name;
      this.problems.push({
        message: guess
          ? `Unknown function ${written}; did you mean ${guess}?`
          : `Unknown function ${written}. The functions are ${[...FUNCTIONS.keys()].join(', ')}.`,
        ...nameSpan,
        ...(guess ? { suggestion: guess } : {}),
      });
      return 'unknown';
    }
    if (node.args.length < spec.minArgs || node.args.length > spec.maxArgs) {
      const count =
        spec.minArgs === spec.maxArgs
          ? `${spec.minArgs} argument${spec.minArgs === 1 ? '' : 's'}`
          : spec.maxArgs === Infinity
            ? `at least ${spec.minArgs} argument${spec.minArgs === 1 ? '' : 's'}`
            : `${spec.minArgs} to ${spec.maxArgs} arguments`;
      this.problems.push({
        message: `${spec.name} takes ${count} but was given ${node.args.length}: ${spec.signature}.`,
        start: node.start,
        end: node.end,
      });
      return spec.returns(argTypes);
    }
    node.args.forEach((arg, i) => {
      const param = spec.params[Math.min(i, spec.params.length - 1)];
      this.expectParam(arg, argTypes[i], param, spec.name, i);
    });
    if (spec.name === 'IF' && unify(argTypes[1], argTypes[2]) === undefined) {
      this.report(`IF gives ${TYPE_NAMES[argTypes[1]]} when true but ${TYPE_NAMES[argTypes[2]]} when false; both should be the same kind.`, node.args[2]);
    }
    return spec.returns(argTypes);
  }

  private expectParam(arg: Expr, type: ExprType, param: ParamType, fn: string, index: number): void {
    if (param === 'any' || type === 'unknown') return;
    const position = ordinal(index + 1);
    if (param === 'date-like') {
      if (type === 'date' || type === 'datetime') return;
      if (type === 'text') return this.dateLiteral(arg, 'date');
      this.report(`The ${position} argument of ${fn} must be text or a date-time, not ${TYPE_NAMES[type]}.`, arg);
      return;
    }
    if (type !== param) {
      const extra = param === 'text' && type !== 'boolean' ? ' Wrap it in TEXT(…) to use it as text.' : '';
      this.report(`The ${position} argument of ${fn} must be ${TYPE_NAMES[param]}, not ${TYPE_NAMES[type]}.${extra}`, arg);
    }
  }

  private expectType(node: Expr, type: ExprType, expected: ExprType, what: string): void {
    if (type === 'unknown' || type === expected) return;
    this.report(`${what}; this is ${TYPE_NAMES[type]}, not ${TYPE_NAMES[expected]}.`, node);
  }

  private report(message: string, at: { start: number; end: number }, suggestion?: string): void {
    this.problems.push({ message, start: at.start, end: at.end, ...(suggestion !== undefined ? { suggestion } : {}) });
  }
}

function asDateLiteral(node: Expr, type: ExprType, otherType: ExprType): ExprType {
  const otherIsDate = otherType === 'date' || otherType === 'datetime';
  return type === 'text' && otherIsDate && node.kind === 'text' && parseIsoDate(node.value) ? 'datetime' : type;
}

function hint(a: ExprType, b: ExprType): string {
  if ((a === 'number' && b === 'text') || (a === 'text' && b === 'number')) return ' Write numbers without quotes, or use VALUE(text) / TEXT(number).';
  return '';
}

function ordinal(n: number): string {
  return ['first', 'second', 'third'][n - 1] ?? `${n}th`;
}
