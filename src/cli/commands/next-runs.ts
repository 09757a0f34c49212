import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../../core/diagnostics';
import { spanAtPath } from '../../core/job/locate';
import { parseDocument } from '../../core/job/parse';
import { schemaDiagnostics } from '../../core/job/schema-diagnostics';
import { scheduleSchema, type IncrementalSchedule } from '../../core/job/schema';
import { checkSchedule, localAt, MAX_RUNS, nextRuns } from '../../core/schedule';
import { LineIndex } from '../../core/text';
import { CliUsageError, type CliIo } from '../command';
import { ONE_JOB_FILE, defineCommand, type ParsedArgs } from '../define';
import { lineStartPath } from '../format/escape';
import { diagnosticLine } from '../format/text';
import { plural } from '../../core/plural';

/** Only the schedule matters here, so the rest of the job may be unfinished without blocking a preview. */
const scheduleOnly = z.object({ schedule: scheduleSchema.optional() });

interface Options {
  file: string;
  count: number;
  from: Date;
  format: 'text' | 'json';
}

const OPTIONS = {
  count: { type: 'string', short: 'n', value: 'N', help: `how many runs (1–${MAX_RUNS}, default 5)` },
  from: { type: 'string', value: 'TIME', help: 'count from this ISO 8601 date-time instead of now (e.g. 2026-03-15T13:00:00Z)' },
  format: { type: 'string', value: 'FORMAT', help: 'text (default) or json' },
} as const;

export const command = defineCommand({
  name: 'next-runs',
  usage: ['next-runs <job> [-n 5] [--from ISO-date-time] [--format text|json]'],
  about: 'Prints the next scheduled run times of a job, in the schedule\'s time zone and in UTC.',
  options: OPTIONS,
  positionals: ONE_JOB_FILE,
  examples: ['sfjob next-runs jobs/feedback.sfjob.json -n 3'],
  exitCodes: '0 runs printed (or the job only runs when asked), 1 the schedule has errors,\n2 bad usage or an unreadable file.',
  async run(args, io) {
    const options = readOptions(args, io.cwd);
    const shown = path.relative(io.cwd, options.file).split(path.sep).join('/') || options.file;
    const text = readJobFile(options.file, shown);
    const lines = new LineIndex(text);
    const document = parseDocument(text, lines);
    if (document.syntaxErrors.length > 0) return reportErrors(io, shown, document.syntaxErrors, 'the file is not valid JSON');
    const parsed = scheduleOnly.safeParse(document.value);
    if (!parsed.success) {
      const diagnostics = schemaDiagnostics(parsed.error.issues, scheduleOnly, document.root, lines);
      return reportErrors(io, shown, diagnostics, 'the schedule is not valid');
    }
    const schedule = parsed.data.schedule ?? { mode: 'once' as const };
    if (schedule.mode === 'once') {
      if (options.format === 'json') io.stdout(JSON.stringify({ path: shown, mode: 'once', runs: [] }) + '\n');
      else io.stdout(`${shown}: the schedule mode is "once": the job runs only when asked (sfjob run), so it has no scheduled runs.\n`);
      return 0;
    }
    const problems = checkSchedule(schedule);
    const errors: Diagnostic[] = problems.map((p) => {
      const span = spanAtPath(document.root, p.path);
      return { code: 'schedule-invalid', severity: p.severity, message: p.message, range: lines.rangeOf(span.start, span.end) };
    });
    if (errors.some((d) => d.severity === 'error')) return reportErrors(io, shown, errors, 'the schedule cannot produce run times');
    for (const warning of errors) io.stderr(formatDiagnostic(shown, warning));
    const runs = nextRuns(schedule, options.from, options.count);
    io.stdout(options.format === 'json' ? formatJson(shown, schedule, runs) : formatRunsText(shown, schedule, options.from, runs));
    return 0;
  },
});

function readOptions({ values, positionals }: ParsedArgs<typeof OPTIONS>, cwd: string): Options {
  const count = values.count === undefined ? 5 : Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > MAX_RUNS) {
    throw new CliUsageError(`-n must be a whole number from 1 to ${MAX_RUNS}, not "${values.count}".`);
  }
  const from = values.from === undefined ? new Date() : new Date(values.from);
  if (values.from !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(values.from) || Number.isNaN(from.getTime()))) {
    throw new CliUsageError(`--from must be an ISO 8601 date-time such as 2026-03-15T13:00:00Z, not "${values.from}".`);
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliUsageError(`--format must be text or json, not "${format}".`);
  return { file: path.resolve(cwd, positionals[0]), count, from, format };
}

function readJobFile(file: string, shown: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file; check the path' : code === 'EISDIR' ? 'it is a folder; give a *.sfjob.json file' : (error as Error).message;
    throw new CliUsageError(`${shown}: cannot read the job file (${reason}).`);
  }
}

function formatDiagnostic(shown: string, d: Diagnostic): string {
  return `${diagnosticLine(lineStartPath(shown), d)}\n`;
}

function reportErrors(io: CliIo, shown: string, diagnostics: readonly Diagnostic[], what: string): number {
  for (const d of diagnostics) io.stderr(formatDiagnostic(shown, d));
  io.stderr(`${shown}: no run times: ${what}. Fix the errors above ("sfjob validate ${shown}" checks the whole job).\n`);
  return 1;
}

/** A wall-clock time in the zone with its UTC offset: `2026-03-16T09:00+00:00`. */
function localIso(instant: Date, timeZone: string): string {
  const local = localAt(instant.getTime(), timeZone);
  const offsetMinutes = Math.round((Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - instant.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local.year}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function describeSchedule(schedule: IncrementalSchedule): string {
  const at = `at ${schedule.startsOn}`;
  switch (schedule.frequency) {
    case 'hourly': {
      const every = schedule.everyHours ?? 1;
      return every === 1 ? `every hour on minute ${schedule.startsOn.slice(3)}` : `every ${every} hours from ${schedule.startsOn}`;
    }
    case 'daily':
      return `daily ${at}`;
    case 'weekly':
      return `weekly on ${(schedule.days ?? []).join(', ')} ${at}`;
    case 'monthly':
      return schedule.dayOfMonth === 31 ? `monthly on the last day ${at}` : `monthly on day ${schedule.dayOfMonth} ${at}`;
  }
}

function formatRunsText(shown: string, schedule: IncrementalSchedule, from: Date, runs: readonly Date[]): string {
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: schedule.timezone, weekday: 'short' });
  const out = [`${shown}: ${describeSchedule(schedule)} (${schedule.timezone}); next ${plural(runs.length, 'run')} from ${from.toISOString()}:`];
  for (const run of runs) out.push(`  ${weekday.format(run)} ${localIso(run, schedule.timezone)}   ${run.toISOString()}`);
  return out.join('\n') + '\n';
}

function formatJson(shown: string, schedule: IncrementalSchedule, runs: readonly Date[]): string {
  return (
    JSON.stringify({
      path: shown,
      mode: 'incremental',
      frequency: schedule.frequency,
      timezone: schedule.timezone,
      runs: runs.map((run) => ({ local: localIso(run, schedule.timezone), utc: run.toISOString() })),
    }) + '\n'
  );
}
