import * as path from 'node:path';
import { previewJobFile } from '../../app/preview';
import { plural } from '../../core/plural';
import { previewDocumentCosts, previewNotices, previewSummary } from '../../runner';
import { CliUsageError } from '../command';
import { ONE_JOB_FILE, defineCommand } from '../define';
import { displayPath } from '../files';
import { formatReports } from '../format';
import { cliUseCaseOptions, onJobFile } from '../online';

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
    const outcome = await onJobFile(shown, () => previewJobFile(file, { ...cliUseCaseOptions(io, 'preview', now), maxDocuments: limit, ...(live !== undefined ? { live } : {}) }));
    if (outcome.status === 'blocked') {
      io.stderr(formatReports([{ path: shown, diagnostics: outcome.diagnostics }], 'text', io.version));
      io.stderr(`sfjob preview: ${shown} has errors; fix them first (sfjob validate ${shown}).\n`);
      return 1;
    }
    if (outcome.status === 'no-sample') {
      io.stderr(`sfjob preview: ${shown}: ${outcome.message}\n`);
      return 1;
    }
    const { result, source } = outcome;
    const described = source.kind === 'live' ? `${plural(result.counters.retrieved, 'live record')} from ${source.connection}` : `${plural(source.records, 'sample record')} (${source.path})`;
    for (const document of result.documents) io.stdout(`${JSON.stringify(document)}\n`);
    io.stderr(`${shown}: ${previewSummary(result, described)}\n`);
    io.stderr(`  feedback records per document shown: ${previewDocumentCosts(result).join('; ') || 'none'}\n`);
    const notices = previewNotices(result.events);
    for (const notice of notices.slice(0, MAX_NOTICES)) io.stderr(`  ${notice}\n`);
    if (notices.length > MAX_NOTICES) io.stderr(`  … and ${notices.length - MAX_NOTICES} more\n`);
    return 0;
  },
});
