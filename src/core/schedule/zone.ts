/**
 * Wall-clock time in an IANA time zone, with nothing but Intl: the offset of a zone at an instant, and
 * the instants a local date and time stand for (none or two around daylight-saving changes).
 */

/** A calendar date and a time of day, as on a wall clock in some zone. Months are 1–12. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formatters are costly to build and a schedule asks for hundreds of offsets, so one per zone is kept. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling (`europe/london` → `Europe/London`), or undefined when unknown. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return formatterFor(timeZone).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The wall-clock reading in the zone at an instant, seconds included. */
export function localAt(instant: number, timeZone: string): LocalDateTime & { second: number } {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
export function offsetAt(instant: number, timeZone: string): number {
  const local = localAt(instant, timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The local reading as if it were UTC: a plain number to do calendar arithmetic on. */
export function wallMs(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
}

const HOUR = 3_600_000;

/**
 * Every instant at which the zone's clocks show `local`: one normally, two in the repeated hour when
 * clocks go back (earlier first), none in the skipped hour when they go forward.
 */
export function instantsOf(local: LocalDateTime, timeZone: string): number[] {
  const wall = wallMs(local);
  const before = offsetAt(wall - 24 * HOUR, timeZone);
  // The same offset a day either side means no clock change near this time: the common case, answered
  // with two lookups instead of ten.
  if (offsetAt(wall + 24 * HOUR, timeZone) === before) return [wall - before];
  // Offsets a day around cover every real transition (none moves clocks by more than a day).
  const candidates = new Set<number>();
  for (const probe of [wall - 24 * HOUR, wall - 3 * HOUR, wall, wall + 3 * HOUR, wall + 24 * HOUR]) {
    candidates.add(wall - offsetAt(probe, timeZone));
  }
  return [...candidates].filter((instant) => wall - offsetAt(instant, timeZone) === instant).sort((a, b) => a - b);
}

/**
 * The instant a scheduled local time runs at. In the repeated hour, the first time the clock shows it;
 * in the skipped hour, the same wall time moved forward by the gap (02:30 on a spring-forward night runs
 * at 03:30), as ISO 8601 libraries and the Temporal proposal resolve it.
 */
export function resolveLocal(local: LocalDateTime, timeZone: string): number {
  const instants = instantsOf(local, timeZone);
  if (instants.length > 0) return instants[0];
  const wall = wallMs(local);
  const before = offsetAt(wall - 24 * HOUR, timeZone);
  return wall - before;
}

/** Adds days to a calendar date (local), across month and year ends. */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekday(date: { year: number; month: number; day: number }): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}
