import * as path from 'node:path';
import type { SfRecord } from '../../core/run/types';
import { connect, createCliSecretStore } from '../../salesforce/connect';
import { loadSampleRecords } from '../../app/load-job';
import { NaturalIds } from '../../core/run/natural-ids';
import { jobPaths, liveSource, previewDocumentCosts, readStateSummary, previewJob, previewNotices, previewSummary } from '../../runner';
import { CliUsageError } from '../command';
import { ONE_JOB_FILE, defineCommand } from '../define';
import { plural } from '../../core/plural';
import { displayPath } from '../files';
import { formatReports } from '../format';
import { loadJob } from './run';


/** Skips and warnings listed in full; a sample with many bad records should not bury the documents. */
const MAX_NOTICES = 20;

export const command = defineCommand({
  name: 'preview',
  usage: ['preview <job> [--limit N] [--live N]'],
  about: `
Runs the job's pipeline (mapping, filter, substitutions, redactions, duplicates) on its sample records
and prints the documents it would write, one JSON object a line. Writes nothing: no output, no state.
A summary (documents, skips with reasons, redactions) goes to standard error, with what the documents
would cost in XM Discover feedback records: in total (every document the records make, against the
job's budget.maxFeedbackRecords when it has one) and for each document shown.`,
  options: {
    limit: { type: 'string', short: 'n', value: 'N', help: 'print at most N documents (default 20)' },
    live: { type: 'string', value: 'N', help: 'instead of the sample, read the first N records (sms: rows) of the window\nthe next run would read, from the org' },
  },
  positionals: ONE_JOB_FILE,
  examples: ['sfjob preview jobs/case-feedback.sfjob.json --limit 5'],
  exitCodes: '0 documents printed, 1 the job has errors or no usable sample, 2 bad usage.',
  async run({ values, positionals }, io) {
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new CliUsageError(`--limit is a whole number from 1 to 10000, not "${values.limit}".`);
    const live = values.live === undefined ? undefined : Number(values.live);
    if (live !== undefined && (!Number.isInteger(live) || live < 1 || live > 2000)) throw new CliUsageError(`--live is a whole number from 1 to 2000, not "${values.live}".`);

    const file = path.resolve(io.cwd, positionals[0]);
    const shown = displayPath(file, io.cwd);
    const now = new Date();
    const loaded = loadJob(file, shown, now);
    if (!loaded.job) {
      io.stderr(formatReports([{ path: shown, diagnostics: loaded.diagnostics }], 'text', io.version));
      io.stderr(`sfjob preview: ${shown} has errors; fix them first (sfjob validate ${shown}).\n`);
      return 1;
    }
    const job = loaded.job;
    let records: SfRecord[] | AsyncIterable<readonly SfRecord[]>;
    let described: (count: number) => string;
    let sampleSize: number | undefined;
    if (live !== undefined) {
      const session = await connect(job.connection, {
        workspaceRoot: loaded.workspaceRoot,
        secrets: createCliSecretStore(io.env, { workspaceRoot: loaded.workspaceRoot }),
        env: io.env,
        ...(job.apiVersion ? { apiVersion: job.apiVersion } : {}),
        onWarning: (message) => io.stderr(`sfjob preview: ${message}\n`),
      });
      // Only the watermark is read (each commit is one transaction, so a run's half-saved state is never seen).
      const { watermark } = await readStateSummary(jobPaths(loaded.workspaceRoot, loaded.jobPath).state);
      const source = await liveSource({ session, job, now, limit: live, dateFieldType: loaded.dateFieldType })({ seenIds: new NaturalIds(), ...(watermark ? { watermark } : {}) });
      records = source.pages;
      described = (n) => `${plural(n, 'live record')} from ${job.connection}`;
    } else {
      const sample = loadSampleRecords(loaded, job);
      if (!sample.ok) {
        io.stderr(`sfjob preview: ${shown}: ${sample.message}\n`);
        return 1;
      }
      records = sample.records;
      described = (n) => `${plural(n, 'sample record')} (${sample.path})`;
      sampleSize = sample.records.length;
    }
    const result = await previewJob({ jobPath: loaded.jobPath, job, records, now, maxDocuments: limit });
    for (const document of result.documents) io.stdout(`${JSON.stringify(document)}\n`);
    io.stderr(`${shown}: ${previewSummary(result, described(sampleSize ?? result.counters.retrieved))}\n`);
    io.stderr(`  feedback records per document shown: ${previewDocumentCosts(result).join('; ') || 'none'}\n`);
    const notices = previewNotices(result.events);
    for (const notice of notices.slice(0, MAX_NOTICES)) io.stderr(`  ${notice}\n`);
    if (notices.length > MAX_NOTICES) io.stderr(`  … and ${notices.length - MAX_NOTICES} more\n`);
    return 0;
  },
});
