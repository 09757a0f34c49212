import type { FieldDescribe } from '../../core/describe';
import { formatDate, formatDateTime, parseDate, parseDateTime } from '../org/dates';
import { looksLikeId, to18 } from '../org/ids';
import { errorAt, locate } from './errors';
import { relativeDateRange } from './relative-dates';

/**
 * Field values and literals meet in one comparable domain per field type: text lowercased (SOQL compares text
 * without regard to case), ids in 18-character form, datetimes and dates as their Salesforce strings (which
 * sort in time order), numbers and booleans as themselves.
 */
export type Comparable = string | number | boolean;

export type Operand =
  | { kind: 'null' }
  | { kind: 'value'; value: Comparable }
  /** A relative date literal: the half-open range [start, end) in the field's domain. */
  | { kind: 'range'; start: string; end: string };

export type Domain = 'text' | 'id' | 'datetime' | 'date' | 'number' | 'boolean';

const NUMBER_TYPES = new Set(['double', 'int', 'currency', 'percent', 'long']);

export function domainOf(field: FieldDescribe): Domain {
  if (field.type === 'id' || field.type === 'reference') return 'id';
  if (field.type === 'datetime') return 'datetime';
  if (field.type === 'date') return 'date';
  if (NUMBER_TYPES.has(field.type)) return 'number';
  if (field.type === 'boolean') return 'boolean';
  return 'text';
}

/** The comparable form of a stored value, or null. */
export function comparableOf(domain: Domain, value: unknown): Comparable | null {
  if (value === null || value === undefined) return null;
  switch (domain) {
    case 'text':
      return String(value).toLowerCase();
    case 'id':
      return to18(String(value));
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return value === true || value === 'true';
    default:
      return String(value);
  }
}

/** Turns a quoted SOQL string literal into its text: `'it\'s'` → `it's`. */
export function unquote(literal: string): string {
  const inner = literal.startsWith("'") && literal.endsWith("'") ? literal.slice(1, -1) : literal;
  return inner.replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' })[ch] ?? ch);
}

export interface LiteralContext {
  soql: string;
  nowMs: number;
  /** Where in the statement the condition starts, to point errors at its value. */
  searchFrom: number;
}

/** The type name Salesforce's filter errors use: text kinds are all "string", lookups "id". */
function typeName(field: FieldDescribe): string {
  switch (domainOf(field)) {
    case 'text':
      return 'string';
    case 'id':
      return 'id';
    case 'datetime':
      return 'dateTime';
    case 'number':
      return field.type === 'int' ? 'int' : 'double';
    default:
      return field.type;
  }
}

function wrongType(field: FieldDescribe, raw: string, context: LiteralContext, quoted: boolean): Error {
  const offset = context.soql.indexOf(raw, context.searchFrom);
  const position = offset >= 0 ? offset : locate(context.soql, field.name, context.searchFrom, context.searchFrom);
  const advice = quoted ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
  return errorAt(context.soql, position, 'INVALID_FIELD', `value of filter criterion for field '${field.name}' must be of type ${typeName(field)} and ${advice}`);
}

/** Converts one literal of a condition on `field` to an operand, with Salesforce's errors for a wrong kind of value. */
export function operandOf(field: FieldDescribe, raw: string, literalType: string | undefined, context: LiteralContext): Operand {
  const domain = domainOf(field);
  const type = literalType ?? 'STRING';
  if (type === 'NULL') return { kind: 'null' };
  switch (domain) {
    case 'text':
    case 'id': {
      if (type !== 'STRING') throw wrongType(field, raw, context, true);
      const text = unquote(raw);
      if (domain === 'id' && text !== '' && !looksLikeId(text)) {
        const offset = context.soql.indexOf(raw, context.searchFrom);
        throw errorAt(context.soql, offset >= 0 ? offset : context.searchFrom, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
      }
      return { kind: 'value', value: domain === 'id' ? to18(text) : text.toLowerCase() };
    }
    case 'number': {
      if (!['INTEGER', 'DECIMAL', 'INTEGER_WITH_CURRENCY_PREFIX', 'DECIMAL_WITH_CURRENCY_PREFIX'].includes(type)) throw wrongType(field, raw, context, false);
      return { kind: 'value', value: Number(raw.replace(/^[A-Z]{3}/, '')) };
    }
    case 'boolean': {
      if (type !== 'BOOLEAN') throw wrongType(field, raw, context, false);
      return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
    }
    case 'datetime':
    case 'date': {
      const format = domain === 'datetime' ? formatDateTime : formatDate;
      if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') {
        const range = relativeDateRange(raw, context.nowMs);
        if (!range) throw errorAt(context.soql, Math.max(0, context.soql.indexOf(raw, context.searchFrom)), 'MALFORMED_QUERY', `unexpected token: '${raw}'`);
        return { kind: 'range', start: format(range.start), end: format(range.end) };
      }
      const ms = domain === 'datetime' && type === 'DATETIME' ? parseDateTime(raw) : domain === 'date' && type === 'DATE' ? parseDate(raw) : NaN;
      if (Number.isNaN(ms)) throw wrongType(field, raw, context, false);
      return { kind: 'value', value: format(ms) };
    }
  }
}
