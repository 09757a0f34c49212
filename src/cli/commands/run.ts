import * as path from 'node:path';
import { runJobFile, type RunFlags, type RunJobOutcome } from '../../app/run';
import { ISO_DATE_TIME_HINT, parseIsoDateTime } from '../../core/run/iso-time';
import { JobLockedError, zeroOutcomeLine } from '../../runner';
import { CliUsageError } from '../command';
import { ANY_PATHS, defineCommand, type ParsedArgs } from '../define';
import { displayPath } from '../files';
import { onJobFile } from '../online';
import { printBlocked, runOptions, stoppedByCtrlC, summary, type OutputFormat } from '../run-output';
import { runDue } from './run-due';

const OPTIONS = {
  full: { type: 'boolean', help: 'ignore the saved watermark and pull from the beginning (or the schedule\'s startDate)' },
  since: { type: 'string', value: 'DATETIME', help: 'read again from this ISO date-time (e.g. 2026-11-01T00:00:00Z), keeping the state:\nthe duplicates setting handles documents already delivered' },
  'fail-on-zero': { type: 'boolean', help: 'exit 1 when the run reads records and publishes no document' },
  due: { type: 'boolean', help: 'run only the jobs that are due (see above)' },
  'max-api-usage': { type: 'string', value: 'P', help: 'stop cleanly (what was read is written and the state saved) once the org reports\nP % (up to 100) of its daily API allowance used, leaving the rest to other integrations' },
  'bulk-above': { type: 'string', value: 'N', help: 'read a window through Bulk API 2.0 when it holds more than N rows (overrides the\njob\'s bulkAbove; feedback and chat jobs without a recordLimit)' },
  format: { type: 'string', value: 'FORMAT', help: 'text (default) or json (the run report; with --due {"runs": [...], "notDue": [...]})' },
} as const;

export const command = defineCommand({
  name: 'run',
  usage: ['run <job> [--full | --since DATETIME] [--fail-on-zero] [--bulk-above N] [--max-api-usage P]', '    [--format text|json]', 'run --due [paths…] [--bulk-above N] [--max-api-usage P] [--format text|json]'],
  about: `
Runs a job once: reads the records of its window from Salesforce (from the saved watermark, or from
the beginning with --full), writes the documents to the job's output path, then saves the state and
the run report (.sfjob/runs/<job>/<runId>.json). Ctrl+C stops the run and keeps the last good output
and state.

With --due, runs each job whose schedule says a run is due since its last successful run, one after
the other, and leaves the others alone: put it in a cron entry or a CI schedule to drive incremental
runs. It looks at the job files, folders or globs given (all *.sfjob.json under the current folder by
default); jobs with schedule mode "once" are never due. Ctrl+C stops the run under way and leaves the
due jobs not yet started for the next invocation.

The window ends at the org's time (the Date header of its answers) minus a two-minute margin. A saved
watermark ahead of the org's time is refused: repair it with --since or --full.

A run that reads records and publishes no document ends with a warning line giving the reasons
(filtered out, duplicates skipped, unchanged since delivered, over the limit, skipped with a reason);
it still exits 0 unless --fail-on-zero is given.`,
  options: OPTIONS,
  positionals: ANY_PATHS,
  examples: ['sfjob run jobs/case-feedback.sfjob.json', 'sfjob run --due jobs/', 'sfjob run jobs/case-feedback.sfjob.json --since 2026-11-01T00:00:00Z'],
  exitCodes: '0 the run succeeded (with --due: every due run did), 1 a job has errors or a run failed or\nwas stopped (or, with --fail-on-zero, published nothing from the records it read), 2 bad usage.',
  async run(args, io) {
    const { files, due, format, ...flags } = readOptions(args);
    if (due) return runDue(files, format, flags, io);
    const now = new Date();
    const file = path.resolve(io.cwd, files[0]);
    const shown = displayPath(file, io.cwd);
    let outcome: RunJobOutcome;
    try {
      outcome = await stoppedByCtrlC((signal) => onJobFile(shown, () => runJobFile(file, runOptions(io, format, flags, now, signal))));
    } catch (error) {
      if (!(error instanceof JobLockedError)) throw error;
      io.stderr(`sfjob run: ${shown}: ${error.message}\n`);
      return 1;
    }
    if (outcome.status === 'blocked') {
      printBlocked(io, shown, outcome.diagnostics);
      return 1;
    }
    if (io.isTTY && format === 'text') io.stderr('\r\u001b[K');
    const { report, reportPath } = outcome.run;
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : summary(report, reportPath, io));
    // The zero outcome goes to standard error in every format, so a script reading the JSON still sees it.
    if (report.zeroOutcome) io.stderr(`sfjob run: warning: ${zeroOutcomeLine(report)}\n`);
    return outcome.failed ? 1 : 0;
  },
});

interface Options extends RunFlags {
  files: string[];
  due: boolean;
  format: OutputFormat;
}

function readOptions(parsed: ParsedArgs<typeof OPTIONS>): Options {
  const due = parsed.values.due ?? false;
  if (!due && parsed.positionals.length !== 1) throw new CliUsageError('give exactly one job file (or --due to run the jobs that are due).');
  const format = parsed.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliUsageError(`--format is text or json, not "${format}".`);
  const bulkAboveText = parsed.values['bulk-above'];
  const bulkAbove = bulkAboveText === undefined ? undefined : Number(bulkAboveText);
  if (bulkAbove !== undefined && (!Number.isSafeInteger(bulkAbove) || bulkAbove < 0)) throw new CliUsageError(`--bulk-above takes a whole number of rows (0 or more), not "${bulkAboveText}".`);
  const usageText = parsed.values['max-api-usage'];
  const maxApiUsagePercent = usageText === undefined ? undefined : Number(usageText.replace(/%$/, ''));
  if (maxApiUsagePercent !== undefined && !(maxApiUsagePercent > 0 && maxApiUsagePercent <= 100)) throw new CliUsageError(`--max-api-usage takes a percentage above 0 and at most 100, not "${usageText}".`);
  const sinceText = parsed.values.since;
  const since = sinceText === undefined ? undefined : parseIsoDateTime(sinceText);
  if (sinceText !== undefined && !since) throw new CliUsageError(`--since takes ${ISO_DATE_TIME_HINT}, not "${sinceText}".`);
  if (since && parsed.values.full) throw new CliUsageError('give --since or --full, not both: --full reads from the beginning, --since from the date-time given.');
  if (since && due) throw new CliUsageError('--since applies to one job; it cannot be combined with --due.');
  return {
    files: parsed.positionals,
    due,
    full: parsed.values.full ?? false,
    ...(since ? { since } : {}),
    ...(parsed.values['fail-on-zero'] ? { failOnZero: true } : {}),
    format,
    ...(bulkAbove !== undefined ? { bulkAbove } : {}),
    ...(maxApiUsagePercent !== undefined ? { maxApiUsagePercent } : {}),
  };
}
