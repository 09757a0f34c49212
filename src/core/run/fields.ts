import type { SfRecord } from './types';

/**
 * Reads a field from a record in the exact case Salesforce returns. `Owner.Name` walks into the nested
 * relationship object; a key that itself holds a dot (an alias) is tried first.
 */
export function readField(record: SfRecord, path: string): unknown {
  if (path in record) return record[path];
  if (!path.includes('.')) return undefined;
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(?:Z|\+0000|\+00:00)$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Normalizes a Salesforce date or datetime to ISO 8601 in UTC with milliseconds (`…T10:00:00.000Z`).
 * Salesforce writes `2013-05-20T20:49:32.000+0000`, which not every parser accepts, so the offset is read
 * here. A date without a time is midnight UTC; a time without an offset is taken as UTC. Returns
 * undefined for anything that is not a real date (so 2024-02-30 is refused, not rolled over).
 */
export function normalizeDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (UTC_MILLIS.test(text)) {
    // The shape Salesforce sends almost always, already UTC with milliseconds: checking its fields in
    // place is several times faster than a round trip through Date, and refuses a rolled-over date
    // (30 February) all the same.
    return isRealUtcTimestamp(text) ? `${text.slice(0, 23)}Z` : undefined;
  }
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) return fromParts(dateOnly[1], dateOnly[2], dateOnly[3], '0', '0', '0', '', 0);
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = dateTime;
  return fromParts(year, month, day, hour, minute, second, fraction, offsetMinutes(zone));
}

/** Whether `YYYY-MM-DDTHH:MM:SS.mmm…` (digits already checked) names a real moment. */
function isRealUtcTimestamp(text: string): boolean {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const lastDay = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  return day <= lastDay && digits(text, 11, 2) <= 23 && digits(text, 14, 2) <= 59 && digits(text, 17, 2) <= 59;
}

function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index++) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}

function fromParts(year: string, month: string, day: string, hour: string, minute: string, second: string, fraction: string, offset: number): string | undefined {
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 30 February over into March; a real date survives the round trip.
  if (new Date(local).getUTCDate() !== d) return undefined;
  return new Date(local - offset * 60_000).toISOString();
}

function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/** Text for a value: strings as they are, numbers and booleans written out, objects as JSON. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return normalizeDate(value) ?? '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
