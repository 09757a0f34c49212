import * as path from 'node:path';
import { OrgRefusedError, sampleJob } from '../../app/sample';
import { plural } from '../../core/plural';
import { MAX_SAMPLE_LIMIT, sampleToCsv } from '../../salesforce';
import { writeSampleCsv } from '../../store';
import { CliUsageError } from '../command';
import { ONE_JOB_FILE, defineCommand } from '../define';
import { displayPath } from '../files';
import { formatReports } from '../format';
import { cliUseCaseOptions, onJobFile } from '../online';

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
    const file = path.resolve(io.cwd, positionals[0]);
    const shown = displayPath(file, io.cwd);
    let outcome;
    try {
      outcome = await onJobFile(shown, () => sampleJob(file, { ...cliUseCaseOptions(io, 'sample', now), limit, redact: values.redact === true }));
    } catch (error) {
      if (error instanceof OrgRefusedError) throw new Error(`Salesforce refused the sample query: ${error.errorCode}: ${error.message} (check it with "sfjob validate-query ${shown}")`);
      throw error;
    }
    if (outcome.status === 'blocked') {
      io.stderr(formatReports([{ path: shown, diagnostics: outcome.diagnostics }], 'text', io.version));
      io.stderr(`sfjob sample: ${shown} has errors that leave nothing to query; fix them first (sfjob validate ${shown}).\n`);
      return 1;
    }
    if (outcome.status === 'refused') {
      io.stderr(`sfjob sample: ${shown}: ${outcome.message}\n`);
      return 1;
    }
    const redacted = values.redact === true ? `, ${plural(outcome.redactions, 'match', 'matches')} redacted` : '';
    io.stdout(`${shown}: wrote ${plural(outcome.records.length, 'record')} to ${displayPath(outcome.path, io.cwd)}${redacted}\n`);
    const csv = values.csv;
    if (csv) {
      const csvPath = path.resolve(io.cwd, csv);
      await writeSampleCsv(csvPath, sampleToCsv(outcome.records));
      io.stdout(`${shown}: wrote the same records as CSV to ${displayPath(csvPath, io.cwd)}\n`);
    }
    if (outcome.records.length === 0) io.stderr(`sfjob sample: the query found no records in the first run's window; the sample file holds an empty list.\n`);
    return 0;
  },
});
