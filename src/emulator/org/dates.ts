/**
 * Dates as Salesforce serializes them: datetimes `2024-05-01T10:00:00.000+0000` (always UTC here) and dates
 * `2024-05-01`. Stored values use exactly these forms, so comparing two stored strings compares the instants.
 *
 * Salesforce keeps datetimes to the second: every value it stores or returns ends in `.000`, and the
 * milliseconds of a literal are dropped before comparing. Formatting therefore truncates to the second, so
 * stored values, generated data and query literals all agree with what an org would hold.
 */
const DAY_MS = 86_400_000;
const dayPrefixes = new Map<number, string>();

/** Drops the milliseconds of an instant (towards the past, also before 1970), as Salesforce stores it. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * Formats an instant truncated to the second; the day part is cached because generating large orgs formats
 * millions of instants.
 */
export function formatDateTime(instant: number): string {
  const ms = toSecond(instant);
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefixes.size < 100_000) dayPrefixes.set(day, prefix);
  }
  const rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  const minutes = Math.floor((rest % 3_600_000) / 60_000);
  const seconds = Math.floor((rest % 60_000) / 1000);
  const two = (n: number) => (n < 10 ? '0' : '') + n;
  // join() yields one flat string; a template literal would keep a rope of small pieces alive in every record.
  return [prefix, two(hours), ':', two(minutes), ':', two(seconds), '.000+0000'].join('');
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATETIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/;

/** Whether a `YYYY-MM-DD` names a real day: Date.parse would roll 2026-02-30 over to March. */
function isCalendarDate(day: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, date));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === date;
}

/** Milliseconds since the epoch for a datetime in any of the forms Salesforce writes or accepts, or NaN. */
export function parseDateTime(text: string): number {
  const match = DATETIME_PATTERN.exec(text);
  if (!match || !isCalendarDate(match[1]!)) return NaN;
  const fraction = (match[3] ?? '.000').padEnd(4, '0');
  let zone = match[4] ?? 'Z';
  if (zone !== 'Z' && !zone.includes(':')) zone = zone.slice(0, 3) + ':' + zone.slice(3);
  return Date.parse(`${match[1]}T${match[2]}${fraction}${zone}`);
}

export function parseDate(text: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isCalendarDate(text) ? Date.parse(text + 'T00:00:00Z') : NaN;
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
