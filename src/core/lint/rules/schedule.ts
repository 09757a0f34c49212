import type { Diagnostic } from '../../diagnostics';
import { keySpan, spanAtPath } from '../../job/locate';
import type { IncrementalSchedule } from '../../job/schema';
import { diagnosticAt, removePropertyEdit } from '../edits';
import { defineRule } from '../types';
import type { JobDocument } from '../types';
import { checkSchedule } from '../../schedule/check';

type Frequency = IncrementalSchedule['frequency'];
type FrequencyKey = 'everyHours' | 'days' | 'dayOfMonth';

/** Which frequency each of the frequency-specific keys belongs to. */
const OWNER: Record<FrequencyKey, Frequency> = { everyHours: 'hourly', days: 'weekly', dayOfMonth: 'monthly' };

/** A date-time whose calendar date exists (no 30 February): JavaScript would silently roll it over. */
function isRealDateTime(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
}

function misplacedKeys(doc: JobDocument, schedule: IncrementalSchedule): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of Object.keys(OWNER) as FrequencyKey[]) {
    if (schedule[key] === undefined || OWNER[key] === schedule.frequency) continue;
    const span = keySpan(doc.root, ['schedule'], key);
    if (!span) continue;
    const edit = removePropertyEdit(doc, ['schedule'], key);
    out.push(
      diagnosticAt(doc, span, 'schedule-invalid', `"${key}" only applies to a ${OWNER[key]} schedule; this one is ${schedule.frequency}. Remove it, or set "frequency": "${OWNER[key]}".`, {
        fixes: edit ? [{ title: `Remove "${key}"`, edits: [edit], preferred: true }] : undefined,
        data: { key },
      }),
    );
  }
  return out;
}

/** The cross-key schedule rules a JSON schema cannot express; the schema checks each key's shape. */
export const scheduleRules = defineRule({
  id: 'schedule',
  codes: ['schedule-invalid'],
  needs: [],
  check: ({ doc, job }) => {
    const schedule = job.schedule;
    if (schedule?.mode !== 'incremental') return [];
    const out = misplacedKeys(doc, schedule);
    // The schedule module owns the rules about when runs can happen; this rule only places them.
    for (const problem of checkSchedule(schedule)) {
      const key = String(problem.path[problem.path.length - 1]);
      out.push(diagnosticAt(doc, spanAtPath(doc.root, problem.path), 'schedule-invalid', problem.message, { severity: problem.severity, data: { key } }));
    }
    if (schedule.startDate !== undefined && !isRealDateTime(schedule.startDate)) {
      out.push(
        diagnosticAt(doc, spanAtPath(doc.root, ['schedule', 'startDate']), 'schedule-invalid', `startDate "${schedule.startDate}" is not a real date-time: check the day of the month.`, {
          data: { key: 'startDate' },
        }),
      );
    }
    return out;
  },
});
