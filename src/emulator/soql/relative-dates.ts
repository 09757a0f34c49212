/**
 * Relative date literals (TODAY, LAST_N_DAYS:7, THIS_QUARTER, …) as half-open UTC ranges [start, end) in
 * milliseconds, computed from the clock passed in. Weeks start on Sunday and the fiscal year on January 1,
 * the defaults of a new org.
 */
export interface MillisRange {
  start: number;
  end: number;
}

const DAY = 86_400_000;

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function monthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1);
}

function weekStart(ms: number): number {
  const day = startOfDay(ms);
  return day - new Date(day).getUTCDay() * DAY;
}

function monthsRange(nowMs: number, fromOffset: number, count: number, unit: number): MillisRange {
  const now = new Date(nowMs);
  const base = Math.floor(now.getUTCMonth() / unit) * unit;
  const year = now.getUTCFullYear();
  return { start: monthStart(year, base + fromOffset * unit), end: monthStart(year, base + (fromOffset + count) * unit) };
}

function yearsRange(nowMs: number, fromOffset: number, count: number): MillisRange {
  const year = new Date(nowMs).getUTCFullYear();
  return { start: Date.UTC(year + fromOffset, 0, 1), end: Date.UTC(year + fromOffset + count, 0, 1) };
}

function daysRange(nowMs: number, fromOffset: number, count: number): MillisRange {
  const today = startOfDay(nowMs);
  return { start: today + fromOffset * DAY, end: today + (fromOffset + count) * DAY };
}

function weeksRange(nowMs: number, fromOffset: number, count: number): MillisRange {
  const week = weekStart(nowMs);
  return { start: week + fromOffset * 7 * DAY, end: week + (fromOffset + count) * 7 * DAY };
}

const FIXED: Record<string, (now: number) => MillisRange> = {
  YESTERDAY: (now) => daysRange(now, -1, 1),
  TODAY: (now) => daysRange(now, 0, 1),
  TOMORROW: (now) => daysRange(now, 1, 1),
  LAST_WEEK: (now) => weeksRange(now, -1, 1),
  THIS_WEEK: (now) => weeksRange(now, 0, 1),
  NEXT_WEEK: (now) => weeksRange(now, 1, 1),
  LAST_MONTH: (now) => monthsRange(now, -1, 1, 1),
  THIS_MONTH: (now) => monthsRange(now, 0, 1, 1),
  NEXT_MONTH: (now) => monthsRange(now, 1, 1, 1),
  // LAST_90_DAYS includes today, as LAST_N_DAYS does; NEXT_90_DAYS starts tomorrow.
  LAST_90_DAYS: (now) => daysRange(now, -90, 91),
  NEXT_90_DAYS: (now) => daysRange(now, 1, 90),
  LAST_QUARTER: (now) => monthsRange(now, -1, 1, 3),
  THIS_QUARTER: (now) => monthsRange(now, 0, 1, 3),
  NEXT_QUARTER: (now) => monthsRange(now, 1, 1, 3),
  LAST_YEAR: (now) => yearsRange(now, -1, 1),
  THIS_YEAR: (now) => yearsRange(now, 0, 1),
  NEXT_YEAR: (now) => yearsRange(now, 1, 1),
  LAST_FISCAL_QUARTER: (now) => monthsRange(now, -1, 1, 3),
  THIS_FISCAL_QUARTER: (now) => monthsRange(now, 0, 1, 3),
  NEXT_FISCAL_QUARTER: (now) => monthsRange(now, 1, 1, 3),
  LAST_FISCAL_YEAR: (now) => yearsRange(now, -1, 1),
  THIS_FISCAL_YEAR: (now) => yearsRange(now, 0, 1),
  NEXT_FISCAL_YEAR: (now) => yearsRange(now, 1, 1),
};

const WITH_N: Record<string, (now: number, n: number) => MillisRange> = {
  LAST_N_DAYS: (now, n) => daysRange(now, -n, n + 1),
  NEXT_N_DAYS: (now, n) => daysRange(now, 1, n),
  N_DAYS_AGO: (now, n) => daysRange(now, -n, 1),
  LAST_N_WEEKS: (now, n) => weeksRange(now, -n, n),
  NEXT_N_WEEKS: (now, n) => weeksRange(now, 1, n),
  N_WEEKS_AGO: (now, n) => weeksRange(now, -n, 1),
  LAST_N_MONTHS: (now, n) => monthsRange(now, -n, n, 1),
  NEXT_N_MONTHS: (now, n) => monthsRange(now, 1, n, 1),
  N_MONTHS_AGO: (now, n) => monthsRange(now, -n, 1, 1),
  LAST_N_QUARTERS: (now, n) => monthsRange(now, -n, n, 3),
  NEXT_N_QUARTERS: (now, n) => monthsRange(now, 1, n, 3),
  N_QUARTERS_AGO: (now, n) => monthsRange(now, -n, 1, 3),
  LAST_N_YEARS: (now, n) => yearsRange(now, -n, n),
  NEXT_N_YEARS: (now, n) => yearsRange(now, 1, n),
  N_YEARS_AGO: (now, n) => yearsRange(now, -n, 1),
  LAST_N_FISCAL_QUARTERS: (now, n) => monthsRange(now, -n, n, 3),
  NEXT_N_FISCAL_QUARTERS: (now, n) => monthsRange(now, 1, n, 3),
  N_FISCAL_QUARTERS_AGO: (now, n) => monthsRange(now, -n, 1, 3),
  LAST_N_FISCAL_YEARS: (now, n) => yearsRange(now, -n, n),
  NEXT_N_FISCAL_YEARS: (now, n) => yearsRange(now, 1, n),
  N_FISCAL_YEARS_AGO: (now, n) => yearsRange(now, -n, 1),
};

/** The range of a literal such as `TODAY` or `LAST_N_DAYS:7`; undefined for a name SOQL does not have. */
export function relativeDateRange(literal: string, nowMs: number): MillisRange | undefined {
  const [name, count] = literal.toUpperCase().split(':');
  if (count === undefined) return FIXED[name!]?.(nowMs);
  const n = Number(count);
  if (!Number.isInteger(n) || n < 0) return undefined;
  return WITH_N[name!]?.(nowMs, n);
}
