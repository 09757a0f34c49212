import type { Schedule } from '../job/schema';
import { canonicalTimeZone } from './zone';

export interface ScheduleProblem {
  message: string;
  /** The JSON path of the key that is wrong, from the job's root: `['schedule', 'timezone']`. */
  path: (string | number)[];
  severity: 'error' | 'warning';
}

/**
 * The rules that decide whether a schedule can produce run times, beyond each key's own shape (which
 * the schema checks). The CLI prints them with next-runs; the job validator has its own rules for
 * keys placed under the wrong frequency.
 */
export function checkSchedule(schedule: Schedule | undefined): ScheduleProblem[] {
  if (schedule?.mode !== 'incremental') return [];
  const problems: ScheduleProblem[] = [];
  const error = (key: string, message: string): void => {
    problems.push({ message, path: ['schedule', key], severity: 'error' });
  };
  const canonical = canonicalTimeZone(schedule.timezone);
  if (canonical === undefined) {
    error('timezone', `"${schedule.timezone}" is not an IANA time zone. Use a name such as "UTC", "Europe/London" or "America/New_York".`);
  } else if (canonical !== schedule.timezone && canonical.toLowerCase() === schedule.timezone.toLowerCase()) {
    problems.push({ message: `Write the time zone as "${canonical}".`, path: ['schedule', 'timezone'], severity: 'warning' });
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.startsOn)) error('startsOn', `startsOn "${schedule.startsOn}" is not a 24-hour time "HH:MM", e.g. "09:00".`);
  if (schedule.frequency === 'weekly' && (schedule.days === undefined || schedule.days.length === 0)) {
    error('frequency', 'A weekly schedule needs "days", the days to run on, e.g. "days": ["MON", "THU"].');
  }
  if (schedule.frequency === 'monthly' && schedule.dayOfMonth === undefined) {
    error('frequency', 'A monthly schedule needs "dayOfMonth", the day to run on (1–31; 31 means the last day of every month).');
  }
  if (schedule.days !== undefined && new Set(schedule.days).size !== schedule.days.length) {
    problems.push({ message: '"days" lists a day more than once.', path: ['schedule', 'days'], severity: 'warning' });
  }
  if (schedule.frequency === 'hourly' && schedule.everyHours !== undefined && 24 % schedule.everyHours !== 0) {
    problems.push({
      message: `Every ${schedule.everyHours} hours does not divide a day: the runs fall every ${schedule.everyHours} hours around startsOn within each day, so the gap across midnight is shorter. Use 1, 2, 3, 4, 6, 8, 12 or 24 for even spacing.`,
      path: ['schedule', 'everyHours'],
      severity: 'warning',
    });
  }
  return problems;
}
