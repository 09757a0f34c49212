import type { Condition, HavingClause, ValueQueryCondition, WhereClause } from 'soql-parser-js';
import type { SObjectDescribe } from '../../core/describe';
import type { SRecord } from '../org/types';
import type { OrgAccess } from './context';
import { errorAt, locate, malformed } from './errors';
import { toLabelOf } from './functions';
import { compileLike } from './like';
import { resolvePath } from './paths';
import { comparableOf, domainOf, operandOf, unquote, type Comparable, type Operand } from './values';

export type Predicate = (record: SRecord) => boolean;

export interface WhereContext {
  access: OrgAccess;
  soql: string;
  object: SObjectDescribe;
  nowMs: number;
  /** Offset of this query's WHERE in the statement (differs for subqueries), for error carets. */
  searchFrom: number;
  /** Runs a semi-join subquery (`Id IN (SELECT CaseId FROM …)`) and returns the values of its one field. */
  semiJoin(condition: ValueQueryCondition): Set<string>;
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Condition | ValueQueryCondition };

/**
 * soql-parser-js gives WHERE as a right-nested list with parenthesis counts on the conditions, so the clause
 * is flattened back to tokens and parsed again with SOQL's precedence (NOT, then AND, then OR).
 */
function flatten(where: WhereClause | undefined, tokens: Token[] = []): Token[] {
  if (!where) return tokens;
  const left = where.left as (Condition & { openParen?: number; closeParen?: number; field?: string; fn?: unknown; valueQuery?: unknown }) | null;
  if (left) {
    const isCondition = left.field !== undefined || left.fn !== undefined;
    for (let i = 0; i < (left.openParen ?? 0); i++) tokens.push('(');
    if (isCondition) tokens.push({ condition: left });
    for (let i = 0; i < (left.closeParen ?? 0); i++) tokens.push(')');
  }
  if ('operator' in where && where.operator) {
    tokens.push(where.operator);
    flatten('right' in where ? where.right : undefined, tokens);
  }
  return tokens;
}

class MixedLogicError extends Error {}

class TokenParser<T> {
  private index = 0;

  constructor(private readonly tokens: Token[], private readonly leaf: (condition: Condition | ValueQueryCondition) => (item: T) => boolean) {}

  parse(): (item: T) => boolean {
    const predicate = this.or();
    if (this.index < this.tokens.length) throw new Error('unbalanced WHERE clause');
    return predicate;
  }

  /** Salesforce refuses AND and OR side by side without parentheses (`a AND b OR c`), rather than picking a precedence. */
  private or(): (item: T) => boolean {
    const first = this.and();
    const parts = [first.test];
    let mixed = first.joined;
    while (this.tokens[this.index] === 'OR') {
      this.index++;
      const next = this.and();
      mixed ||= next.joined;
      parts.push(next.test);
    }
    if (mixed && parts.length > 1) throw new MixedLogicError();
    return parts.length === 1 ? parts[0]! : (record) => parts.some((p) => p(record));
  }

  private and(): { test: (item: T) => boolean; joined: boolean } {
    const parts = [this.not()];
    while (this.tokens[this.index] === 'AND') {
      this.index++;
      parts.push(this.not());
    }
    return { test: parts.length === 1 ? parts[0]! : (record) => parts.every((p) => p(record)), joined: parts.length > 1 };
  }

  private not(): (item: T) => boolean {
    if (this.tokens[this.index] === 'NOT') {
      this.index++;
      const inner = this.not();
      return (record) => !inner(record);
    }
    return this.primary();
  }

  private primary(): (item: T) => boolean {
    const token = this.tokens[this.index++];
    if (token === '(') {
      const inner = this.or();
      if (this.tokens[this.index++] !== ')') throw new Error('unbalanced WHERE clause');
      return inner;
    }
    if (token && typeof token === 'object') return this.leaf(token.condition);
    throw new Error('unbalanced WHERE clause');
  }
}

/** Builds a test from a WHERE or HAVING clause, `leaf` compiling each condition; NOT binds tighter than AND, AND than OR. */
export function compileBoolean<T>(clause: WhereClause | HavingClause, leaf: (condition: Condition | ValueQueryCondition) => (item: T) => boolean, soql: string, searchFrom: number): (item: T) => boolean {
  try {
    return new TokenParser<T>(flatten(clause as WhereClause), leaf).parse();
  } catch (error) {
    if (error instanceof MixedLogicError) {
      throw malformed(soql, locate(soql, 'OR', searchFrom, searchFrom), "unexpected token: 'OR'");
    }
    if (error instanceof Error && error.message === 'unbalanced WHERE clause') {
      throw malformed(soql, searchFrom, "unexpected token: ')'");
    }
    throw error;
  }
}

export function compileWhere(where: WhereClause | undefined, context: WhereContext): Predicate | undefined {
  if (!where) return undefined;
  return compileBoolean<SRecord>(where, (condition) => compileCondition(condition, context), context.soql, locate(context.soql, 'WHERE', context.searchFrom, context.searchFrom));
}

function compare(a: Comparable, b: Comparable): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function matchesOperand(operator: string, value: Comparable | null, operand: Operand): boolean {
  if (operand.kind === 'null') {
    if (operator === '=') return value === null;
    if (operator === '!=') return value !== null;
    return false;
  }
  if (operand.kind === 'range') {
    if (value === null) return operator === '!=';
    const inRange = value >= operand.start && value < operand.end;
    switch (operator) {
      case '=': return inRange;
      case '!=': return !inRange;
      case '<': return value < operand.start;
      case '<=': return value < operand.end;
      case '>': return value >= operand.end;
      case '>=': return value >= operand.start;
      default: return false;
    }
  }
  if (value === null) return operator === '!=';
  const order = compare(value, operand.value);
  switch (operator) {
    case '=': return order === 0;
    case '!=': return order !== 0;
    case '<': return order < 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    case '>=': return order >= 0;
    default: return false;
  }
}

/** The pattern of a LIKE literal: its quotes taken off but its escapes kept, since `\%` means a literal percent sign. */
function likePatternOf(literal: string): string {
  return literal.startsWith("'") && literal.endsWith("'") && literal.length >= 2 ? literal.slice(1, -1) : literal;
}

/** Salesforce refuses a string of more than 4,000 characters in WHERE. */
const MAX_WHERE_STRING = 4000;

function checkStringLengths(raws: readonly string[], types: readonly (string | undefined)[], context: WhereContext): void {
  raws.forEach((raw, i) => {
    if ((types[i] ?? 'STRING') !== 'STRING' || unquote(raw).length <= MAX_WHERE_STRING) return;
    const at = context.soql.indexOf(raw, context.searchFrom);
    throw malformed(context.soql, at >= 0 ? at : context.searchFrom, `String in the WHERE clause is longer than ${MAX_WHERE_STRING.toLocaleString('en-US')} characters (${unquote(raw).length}); a WHERE string is limited to ${MAX_WHERE_STRING.toLocaleString('en-US')}.`);
  });
}

function compileCondition(condition: Condition | ValueQueryCondition, context: WhereContext): Predicate {
  const { soql } = context;
  if (!('field' in condition) || condition.field === undefined) {
    const fn = (condition as { fn?: { functionName?: string; parameters?: unknown[] } }).fn;
    const name = fn?.functionName ?? 'function';
    if (name.toUpperCase() === 'TOLABEL' && typeof fn?.parameters?.[0] === 'string') return compileLabelCondition(condition as Condition, fn.parameters[0], context);
    throw malformed(soql, locate(soql, name, context.searchFrom, context.searchFrom), `The emulator does not support ${name}() in WHERE; filter on the field itself.`);
  }
  const fieldOffset = locate(soql, condition.field, context.searchFrom, context.searchFrom);
  const path = resolvePath(context.access, soql, context.object, condition.field, context.searchFrom);
  if (!path.field.filterable) {
    throw errorAt(soql, fieldOffset, 'INVALID_FIELD', `field '${path.field.name}' can not be filtered in a query call`);
  }
  const domain = domainOf(path.field);
  const read = (record: SRecord) => comparableOf(domain, path.read(record));
  const operator = condition.operator.toUpperCase();
  const literalContext = { soql, nowMs: context.nowMs, searchFrom: fieldOffset };

  if ('valueQuery' in condition && condition.valueQuery) {
    const values = context.semiJoin(condition);
    const negate = operator === 'NOT IN';
    return (record) => {
      const value = record[path.field.name];
      const found = typeof value === 'string' && values.has(value);
      return negate ? !found && value !== null && value !== undefined : found;
    };
  }

  const valued = condition as { value?: string | string[]; literalType?: string | string[] };
  const rawValues: string[] = Array.isArray(valued.value) ? valued.value : [String(valued.value)];
  const literalTypes: (string | undefined)[] = Array.isArray(valued.literalType) ? valued.literalType : rawValues.map(() => valued.literalType as string | undefined);
  checkStringLengths(rawValues, literalTypes, context);

  if (operator === 'LIKE') {
    if (domain !== 'text') throw errorAt(soql, fieldOffset, 'INVALID_FIELD', `invalid operator on ${path.field.type} field: LIKE`);
    const matches = compileLike(likePatternOf(String(rawValues[0])));
    return (record) => {
      const value = path.read(record);
      return value !== null && value !== undefined && matches(String(value));
    };
  }

  if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
    if (path.field.type !== 'multipicklist') throw errorAt(soql, fieldOffset, 'INVALID_FIELD', `${operator.toLowerCase()} operator is only valid on multipicklist fields`);
    const wanted = rawValues.map((raw) => unquote(String(raw)).toLowerCase().split(';').map((s) => s.trim()).filter(Boolean));
    return (record) => {
      const value = path.read(record);
      const present = new Set(value === null || value === undefined ? [] : String(value).toLowerCase().split(';').map((s) => s.trim()));
      const any = wanted.some((all) => all.every((item) => present.has(item)));
      return operator === 'INCLUDES' ? any : !any;
    };
  }

  const operands = rawValues.map((raw, i) => operandOf(path.field, String(raw), literalTypes[i] as string | undefined, literalContext));
  if (operator === 'IN' || operator === 'NOT IN') {
    const negate = operator === 'NOT IN';
    return (record) => {
      const value = read(record);
      const found = operands.some((operand) => matchesOperand('=', value, operand));
      return negate ? !found : found;
    };
  }
  const operand = operands[0]!;
  return (record) => matchesOperand(operator, read(record), operand);
}

/** `toLabel(Status) = 'Escalated to tier 2'`: the condition tests the picklist's label instead of its value. */
function compileLabelCondition(condition: Condition, argument: string, context: WhereContext): Predicate {
  const { soql } = context;
  const fieldOffset = locate(soql, argument, context.searchFrom, context.searchFrom);
  const path = resolvePath(context.access, soql, context.object, argument, context.searchFrom);
  const label = toLabelOf(path.field);
  const textField = { name: path.field.name, label: path.field.label, type: 'string', filterable: true, groupable: true };
  const valued = condition as { operator: string; value?: string | string[]; literalType?: string | string[] };
  const raws = Array.isArray(valued.value) ? valued.value : [String(valued.value)];
  const types = Array.isArray(valued.literalType) ? valued.literalType : raws.map(() => valued.literalType as string | undefined);
  checkStringLengths(raws, types, context);
  const operands = raws.map((raw, i) => operandOf(textField, raw, types[i], { soql, nowMs: context.nowMs, searchFrom: fieldOffset }));
  const operator = valued.operator.toUpperCase();
  const read = (record: SRecord) => comparableOf('text', label(path.read(record)));
  if (operator === 'LIKE') {
    const matches = compileLike(likePatternOf(raws[0]!));
    return (record) => {
      const value = label(path.read(record));
      return typeof value === 'string' && matches(value);
    };
  }
  if (operator === 'IN' || operator === 'NOT IN') {
    return (record) => {
      const found = operands.some((operand) => matchesOperand('=', read(record), operand));
      return operator === 'IN' ? found : !found;
    };
  }
  return (record) => matchesOperand(operator, read(record), operands[0]!);
}
