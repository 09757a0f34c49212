import type { IncrementalSchedule, Schedule } from '../job/schema';
import { WEEKDAYS } from '../job/schema';
import { addDays, daysInMonth, instantsOf, isKnownTimeZone, localAt, resolveLocal, weekday, type LocalDateTime } from './zone';

/** nextRuns returns at most this many times: a preview, not a calendar. */
export const MAX_RUNS = 1000;

type CalendarDate = { year: number; month: number; day: number };

/** Sunday-first, as Date.getUTCDay numbers the days. */
const DAY_INDEX: Record<(typeof WEEKDAYS)[number], number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

/**
 * The next `count` run times at or after `from`, in order, as instants. Times are computed on the wall
 * clock of the schedule's zone, so a daily 09:00 run stays at 09:00 across daylight-saving changes.
 * A schedule that cannot produce runs (once, unknown zone, weekly without days) gives none: checkSchedule
 * says why.
 */
export function nextRuns(schedule: Schedule, from: Date, count: number): Date[] {
  if (schedule.mode !== 'incremental') return [];
  const wanted = Math.min(Math.max(0, Math.floor(count)), MAX_RUNS);
  const start = from.getTime();
  if (wanted === 0 || Number.isNaN(start) || !producesRuns(schedule)) return [];
  const [hour, minute] = schedule.startsOn.split(':').map(Number);
  const runs: Date[] = [];
  let last = -Infinity;
  // Start a day early: the local date at `from` can be a day behind or ahead of UTC's.
  let date: CalendarDate = addDays(localAt(start, schedule.timezone), -1);
  // Monthly runs are at most ~31 days apart, so this many days always yields `wanted` runs.
  const dayLimit = wanted * 32 + 3;
  for (let days = 0; days < dayLimit && runs.length < wanted; days++, date = addDays(date, 1)) {
    for (const instant of runsOnDate(schedule, date, hour, minute)) {
      if (instant < start || instant <= last) continue;
      runs.push(new Date(instant));
      last = instant;
      if (runs.length === wanted) break;
    }
  }
  return runs;
}

/**
 * Whether a run is due now: a scheduled time has passed since the last run. For a job that never ran,
 * pass the time the schedule was set up as `createdAt`; with neither, only `pullOnCreate` makes it due.
 */
export function isDue(schedule: Schedule, lastRun: Date | undefined, now: Date, options: { createdAt?: Date } = {}): boolean {
  if (schedule.mode !== 'incremental' || Number.isNaN(now.getTime())) return false;
  if (lastRun === undefined) {
    if (schedule.pullOnCreate) return true;
    if (options.createdAt === undefined) return false;
    const [first] = nextRuns(schedule, options.createdAt, 1);
    return first !== undefined && first.getTime() <= now.getTime();
  }
  const [next] = nextRuns(schedule, new Date(lastRun.getTime() + 1), 1);
  return next !== undefined && next.getTime() <= now.getTime();
}

function producesRuns(schedule: IncrementalSchedule): boolean {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.startsOn) || !isKnownTimeZone(schedule.timezone)) return false;
  if (schedule.frequency === 'weekly') return (schedule.days ?? []).some((d) => d in DAY_INDEX);
  if (schedule.frequency === 'monthly') return isDayOfMonth(schedule.dayOfMonth);
  if (schedule.frequency === 'hourly') return schedule.everyHours === undefined || isEveryHours(schedule.everyHours);
  return true;
}

function isDayOfMonth(day: number | undefined): day is number {
  return day !== undefined && Number.isInteger(day) && day >= 1 && day <= 31;
}

function isEveryHours(hours: number): boolean {
  return Number.isInteger(hours) && hours >= 1 && hours <= 24;
}

/** The instants the schedule runs at on one local calendar date, in order. */
function runsOnDate(schedule: IncrementalSchedule, date: CalendarDate, hour: number, minute: number): number[] {
  const at = (h: number): LocalDateTime => ({ ...date, hour: h, minute });
  switch (schedule.frequency) {
    case 'hourly': {
      const every = schedule.everyHours ?? 1;
      const out: number[] = [];
      // The runs keep the startsOn minute and fall every `every` hours from startsOn, counted within
      // the day, so each day has the same wall-clock times. In the hour clocks repeat, both real
      // instants run; a skipped hour moves to the next real one (and may coincide with it).
      for (let h = ((hour % every) + every) % every; h < 24; h += every) {
        const instants = instantsOf(at(h), schedule.timezone);
        if (instants.length > 0) out.push(...instants);
        else out.push(resolveLocal(at(h), schedule.timezone));
      }
      return out.sort((a, b) => a - b);
    }
    case 'daily':
      return [resolveLocal(at(hour), schedule.timezone)];
    case 'weekly': {
      const days = new Set((schedule.days ?? []).map((d) => DAY_INDEX[d]));
      return days.has(weekday(date)) ? [resolveLocal(at(hour), schedule.timezone)] : [];
    }
    case 'monthly': {
      // Days past the end of a month (31, or 29–30 in February) run on its last day.
      const day = Math.min(schedule.dayOfMonth ?? 1, daysInMonth(date.year, date.month));
      return date.day === day ? [resolveLocal(at(hour), schedule.timezone)] : [];
    }
  }
}
