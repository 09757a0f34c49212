/**
 * Dates as Salesforce serializes them: datetimes `2024-05-01T10:00:00.000+0000` (always UTC here) and dates
 * `2024-05-01`. Stored values use exactly these forms, so comparing two stored strings compares the instants.
 */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23) + '+0000';
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATETIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch for a datetime in any of the forms Salesforce writes or accepts, or NaN. */
export function parseDateTime(text: string): number {
  const match = DATETIME_PATTERN.exec(text);
  if (!match) return NaN;
  const fraction = (match[3] ?? '.000').padEnd(4, '0');
  let zone = match[4] ?? 'Z';
  if (zone !== 'Z' && !zone.includes(':')) zone = zone.slice(0, 3) + ':' + zone.slice(3);
  return Date.parse(`${match[1]}T${match[2]}${fraction}${zone}`);
}

export function parseDate(text: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(text + 'T00:00:00Z') : NaN;
}

/** Brings a datetime value from a data file into the stored form; leaves values it cannot read unchanged. */
export function normalizeDateTime(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const ms = parseDateTime(value);
  return Number.isNaN(ms) ? value : formatDateTime(ms);
}

export function normalizeDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const ms = parseDate(value.slice(0, 10));
  return Number.isNaN(ms) ? value : formatDate(ms);
}
