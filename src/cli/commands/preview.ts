import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSampleRecords, previewJob } from '../../runner';
import { CliUsageError, type CliIo, type Command } from '../command';
import { displayPath } from '../files';
import { formatReports } from '../format';
import { loadJob } from './run';

const HELP = `usage: sfjob preview <job> [--limit N]

Runs the job's pipeline (mapping, filter, substitutions, redactions, duplicates) on its sample records
and prints the documents it would write, one JSON object a line. Writes nothing: no output, no state.
A summary (documents, skips with reasons, redactions) goes to standard error.

Options:
  --limit N   print at most N documents (default 20)

Exit codes: 0 documents printed, 1 the job has errors or no usable sample, 2 bad usage.
`;

/** Skips and warnings listed in full; a sample with many bad records should not bury the documents. */
const MAX_NOTICES = 20;

export const command: Command = {
  async run(args: string[], io: CliIo): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { limit: { type: 'string', short: 'n' }, help: { type: 'boolean', short: 'h' } } });
    } catch (error) {
      throw new CliUsageError(`${(error as Error).message}\n${HELP}`);
    }
    if (parsed.values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (parsed.positionals.length !== 1) throw new CliUsageError(`give exactly one job file.\n${HELP}`);
    const limit = parsed.values.limit === undefined ? 20 : Number(parsed.values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new CliUsageError(`--limit is a whole number from 1 to 10000, not "${parsed.values.limit}".`);

    const file = path.resolve(io.cwd, parsed.positionals[0]);
    const shown = displayPath(file, io.cwd);
    const now = new Date();
    const loaded = loadJob(file, shown, now);
    if (!loaded.job) {
      io.stderr(formatReports([{ path: shown, diagnostics: loaded.diagnostics }], 'text', io.version));
      io.stderr(`sfjob preview: ${shown} has errors; fix them first (sfjob validate ${shown}).\n`);
      return 1;
    }
    const sample = loadSampleRecords(loaded.jobPath, loaded.job);
    if (!sample.ok) {
      io.stderr(`sfjob preview: ${shown}: ${sample.message}\n`);
      return 1;
    }
    const result = await previewJob({ jobPath: loaded.jobPath, job: loaded.job, records: sample.records, now, maxDocuments: limit });
    for (const document of result.documents) io.stdout(`${JSON.stringify(document)}\n`);
    const counters = result.counters;
    const skipped = Object.entries(counters.skipped).map(([reason, count]) => `${count} skipped (${reason})`);
    const parts = [`${sample.records.length} sample records`, `${result.documents.length} documents shown`, ...(counters.filteredOut ? [`${counters.filteredOut} filtered out`] : []), ...skipped, ...(counters.redactions ? [`${counters.redactions} redactions`] : [])];
    io.stderr(`${shown}: ${parts.join(', ')} (sample ${sample.path})\n`);
    const notices = result.events.flatMap((event) => (event.type === 'progress' ? [] : [event]));
    for (const event of notices.slice(0, MAX_NOTICES)) io.stderr(`  ${event.type}: ${event.naturalId ? `${event.naturalId}: ` : ''}${event.message}\n`);
    if (notices.length > MAX_NOTICES) io.stderr(`  … and ${notices.length - MAX_NOTICES} more\n`);
    return 0;
  },
};
