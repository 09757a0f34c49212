import type { ExprType, ExprValue } from './ast';

/**
 * Run-time helpers shared by the functions and operators. All of them are total: bad data gives null
 * (or false for a test), never an exception, because the runner evaluates them on every record.
 */

const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Reads the date forms users and Salesforce write: `2024-05-01` (UTC midnight), `2024-05-01T10:00:00Z`,
 * Salesforce's `2013-05-20T20:49:32.000+0000`. A date-time without an offset is read as UTC.
 */
export function parseIsoDate(text: string): Date | null {
  if (!looksLikeDate(text)) return null;
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 April over to 1 May; a date that does not exist is not a date.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (zh > 23 || zm > 59) return null;
    offsetMinutes = sign * (zh * 60 + zm);
  }
  const date = new Date(utc - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A cheap pre-test so text that cannot be a date skips the regular expression. */
export function looksLikeDate(text: string): boolean {
  return text.length >= 10 && text.charCodeAt(4) === 45 /* - */ && text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57;
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** The text form used by `&` and TEXT(): dates as YYYY-MM-DD, date-times as ISO 8601 UTC. */
export function toText(value: ExprValue, type: ExprType): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!isValidDate(value)) return null;
  return type === 'date' ? formatDate(value) : value.toISOString();
}

export function isBlank(value: ExprValue): boolean {
  return value === null || value === '';
}

/** A finite number, or null: NaN and Infinity (0/0, 1/0) become null rather than leaking into documents. */
export function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** A Date from a Date or from text in an ISO form; anything else is null. */
export function asDate(value: ExprValue): Date | null {
  if (isValidDate(value)) return value;
  if (typeof value === 'string') return parseIsoDate(value);
  return null;
}

/**
 * Equality as users read it: text is compared exactly (case-sensitive), dates by instant, and two
 * blanks are equal. Values of different kinds are not equal.
 */
export function valuesEqual(a: ExprValue, b: ExprValue): boolean {
  if (a === null || b === null) return a === b;
  const order = compareValues(a, b);
  return order === 0;
}

/**
 * Orders two values of the same kind; undefined when they cannot be ordered (different kinds, blanks,
 * text that is not a date compared with a date).
 */
export function compareValues(a: ExprValue, b: ExprValue): number | undefined {
  if (a === null || b === null) return undefined;
  if (a instanceof Date || b instanceof Date) {
    const x = asDate(a);
    const y = asDate(b);
    if (!x || !y) return undefined;
    return sign(x.getTime() - y.getTime());
  }
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') {
    // Salesforce sends dates as text; two date texts compare as instants so offsets and precision agree.
    if (looksLikeDate(a) && looksLikeDate(b)) {
      const x = parseIsoDate(a);
      const y = parseIsoDate(b);
      if (x && y) return sign(x.getTime() - y.getTime());
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : undefined;
  return undefined;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

export function addDays(date: Date, days: number): Date | null {
  const result = new Date(date.getTime() + days * DAY_MS);
  return isValidDate(result) ? result : null;
}

export function daysBetween(a: Date, b: Date): number {
  return (a.getTime() - b.getTime()) / DAY_MS;
}

/** Rounds half away from zero to `digits` decimals, through decimal text so 1.005 rounds to 1.01. */
export function roundHalfAwayFromZero(n: number, digits: number): number | null {
  if (!Number.isFinite(n) || !Number.isFinite(digits)) return null;
  const d = Math.max(-15, Math.min(15, Math.trunc(digits)));
  const abs = Math.abs(n);
  let rounded = Number(`${Math.round(Number(`${abs}e${d}`))}e${-d}`);
  if (!Number.isFinite(rounded)) rounded = Math.round(abs * 10 ** d) / 10 ** d;
  return finite(Math.sign(n) * rounded);
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function textToNumber(value: ExprValue): number | null {
  if (typeof value === 'number') return finite(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return NUMBER_TEXT.test(trimmed) ? finite(Number(trimmed)) : null;
}

/** Converts a raw record value (JSON from Salesforce) to an expression value of the field's type. */
export function fromRecordValue(raw: unknown, type: ExprType): ExprValue {
  if (raw === null || raw === undefined) return null;
  // A field declared true/false holds only true/false, so a boolean expression never yields other kinds.
  if (type === 'boolean') return typeof raw === 'boolean' ? raw : null;
  switch (typeof raw) {
    case 'string':
      if (type === 'date' || type === 'datetime') return parseIsoDate(raw);
      if (type === 'number') return textToNumber(raw);
      return raw;
    case 'number':
      return Number.isFinite(raw) ? raw : null;
    case 'boolean':
      return raw;
    default:
      return isValidDate(raw) ? raw : null;
  }
}
