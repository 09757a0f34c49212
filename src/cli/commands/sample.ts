import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { resolveJob } from '../../core/job/resolve';
import { readableText } from '../../core/org-errors';
import { dateFieldTypeOf } from '../../core/soql/describe-paths';
import { WindowQueryError } from '../../core/soql/window';
import { fetchSample, MAX_SAMPLE_LIMIT, sampleToCsv, writeSampleFile } from '../../salesforce/online/sample';
import { errorCodeOf } from '../../salesforce/retrieve/errors';
import { redactSecrets } from '../../salesforce/secrets/redact';
import { planJob } from '../../runner/plan-job';
import { CliUsageError } from '../command';
import { ONE_JOB_FILE, defineCommand } from '../define';
import { plural } from '../../core/plural';
import { displayPath } from '../files';
import { formatReports } from '../format';
import { cachedDescribe, openJob, openSession } from '../online';


/** Problems that leave no query, connection or job shape to sample with. */
const BLOCKING = new Set(['json-syntax', 'schema', 'soql-syntax', 'unknown-connection']);

export const command = defineCommand({
  name: 'sample',
  usage: ['sample <job> [--limit N] [--redact] [--csv FILE]'],
  about: `
Fetches the first N records the job's first run would read (its query within the first window, in
the run's order) into the job's sample file (the "sample" key, else <job>.sample.json beside the job),
exactly as Salesforce returns them: the field-case and field-not-in-sample checks compare against them.`,
  options: {
    limit: { type: 'string', short: 'n', value: 'N', help: `how many records (sms: rows) to fetch, 1–${MAX_SAMPLE_LIMIT} (default 20)` },
    redact: { type: 'boolean', help: 'mask what the job\'s redaction rules match before anything is written' },
    csv: { type: 'string', value: 'FILE', help: 'also write the records as CSV (one column per field, lookups as Owner.Name)' },
  },
  positionals: ONE_JOB_FILE,
  examples: ['sfjob sample jobs/case-feedback.sfjob.json --limit 50 --redact'],
  exitCodes: '0 the sample was written, 1 the job cannot be sampled or the org refused, 2 bad usage.',
  async run({ values, positionals }, io) {
    const limitText = values.limit;
    const limit = limitText === undefined ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SAMPLE_LIMIT) throw new CliUsageError(`--limit is a whole number from 1 to ${MAX_SAMPLE_LIMIT}, not "${limitText}".`);

    const now = new Date();
    const opened = openJob(positionals[0], io, now);
    // Problems with the sample itself (missing fields, wrong case) are what a new sample fixes, so only
    // problems that leave nothing to query with stop it.
    const blocking = opened.offline.diagnostics.filter((d) => d.severity === 'error' && BLOCKING.has(d.code));
    if (blocking.length > 0 || !opened.offline.job) {
      io.stderr(formatReports([{ path: opened.shown, diagnostics: blocking.length > 0 ? blocking : opened.offline.diagnostics }], 'text', io.version));
      io.stderr(`sfjob sample: ${opened.shown} has errors that leave nothing to query; fix them first (sfjob validate ${opened.shown}).\n`);
      return 1;
    }
    const job = resolveJob(opened.offline.job);
    // The sample is written only inside the workspace, never through a link that leads out of it; this is
    // settled before the org is asked for anything.
    const target = opened.workspace.sampleTarget(job.sample);
    if (!target.ok) {
      io.stderr(`sfjob sample: ${opened.shown}: the sample file "${opened.workspace.sampleName(job.sample)}" cannot be written: ${target.reason}. Point "sample" at a path inside the workspace.\n`);
      return 1;
    }
    let redactions;
    if (values.redact === true) {
      try {
        redactions = planJob(job, opened.file).redactions;
      } catch (error) {
        io.stderr(`sfjob sample: ${(error as Error).message}\n`);
        return 1;
      }
    }
    const dateFieldType = dateFieldTypeOf(cachedDescribe(opened), opened.offline.query?.object, job.dateField);

    const session = await openSession(opened, job.connection, io, 'sample', job.apiVersion);
    const hide = (text: string): string => redactSecrets(text, session.secretValues());
    let fetched;
    try {
      fetched = await fetchSample({ session, job, limit, dateFieldType, now, ...(redactions ? { redactions } : {}) });
    } catch (error) {
      if (error instanceof WindowQueryError) {
        io.stderr(`sfjob sample: ${opened.shown}: ${error.message}\n`);
        return 1;
      }
      const code = errorCodeOf(error);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(hide(code ? `Salesforce refused the sample query: ${code}: ${readableText(message)} (check it with "sfjob validate-query ${opened.shown}")` : message));
    }
    await writeSampleFile(target.path, fetched.records);
    const redacted = values.redact === true ? `, ${plural(fetched.redactions, 'match', 'matches')} redacted` : '';
    io.stdout(`${opened.shown}: wrote ${plural(fetched.records.length, 'record')} to ${displayPath(target.path, io.cwd)}${redacted}\n`);
    const csv = values.csv;
    if (csv) {
      const csvPath = path.resolve(io.cwd, csv);
      await fs.mkdir(path.dirname(csvPath), { recursive: true });
      await fs.writeFile(csvPath, sampleToCsv(fetched.records));
      io.stdout(`${opened.shown}: wrote the same records as CSV to ${displayPath(csvPath, io.cwd)}\n`);
    }
    if (fetched.records.length === 0) io.stderr(`sfjob sample: the query found no records in the first run's window; the sample file holds an empty list.\n`);
    return 0;
  },
});
