import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../../core/diagnostics';
import { checkJobOnline } from '../../salesforce/online/check-job';
import { orgFactsLines } from '../../salesforce/online/facts-text';
import { redactSecrets } from '../../salesforce/secrets/redact';
import type { CliIo } from '../command';
import { ONE_JOB_FILE, defineCommand } from '../define';
import { type FileReport, formatReports, parseFormat } from '../format';
import { summarize } from '../format/report';
import { cachedDescribe, openJob, openSession, parseMaxAge } from '../online';


export const command = defineCommand({
  name: 'validate-query',
  usage: ['validate-query <job> [--format text|json|sarif|github] [--output FILE]', '                [--refresh] [--max-age DURATION]'],
  about: `
Checks the job's query against its org: the offline checks with the org's describe data, then the
query as written goes to Salesforce's query plan (no rows come back), and a COUNT() of the first
run's window estimates the rows. Salesforce's errors are reported at their characters in the query.
On success it prints the object, the fields with their types, the plan's cost and whether it is
selective, the row estimate and the date field candidates.

The describe data of the objects the job reads is kept in .sfjob/describe/<org id>/ and fetched again
when older than --max-age (default 7d) or with --refresh.`,
  options: {
    format: { type: 'string', short: 'f', value: 'FORMAT', help: 'text (default), json, sarif or github' },
    output: { type: 'string', short: 'o', value: 'FILE', help: 'write the report to FILE (the text report still goes to standard output)' },
    refresh: { type: 'boolean', help: 'fetch the describe data again whatever its age' },
    'max-age': { type: 'string', value: 'D', help: 'fetch describe data older than D again (90m, 12h, 7d; default 7d)' },
  },
  positionals: ONE_JOB_FILE,
  examples: ['sfjob validate-query jobs/case-feedback.sfjob.json --format github'],
  exitCodes: '0 no errors, 1 errors found (or the org could not be reached), 2 bad usage or unreadable input.',
  async run({ values, positionals }, io) {
    const format = parseFormat(values.format);
    const output = values.output;
    const maxAgeMs = parseMaxAge(values['max-age']);
    const now = new Date();
    const job = openJob(positionals[0], io, now);
    const connection = job.offline.job?.connection;
    const unusable = job.offline.diagnostics.some((d) => d.code === 'json-syntax' || d.code === 'unknown-connection');
    let report: FileReport = { path: job.shown, diagnostics: job.offline.diagnostics, ...(job.offline.query ? { query: job.offline.query } : {}) };
    if (!connection || !job.offline.job?.query || unusable) {
      // Without a readable query and connection there is nothing to send; the offline report says why.
      return write(report, format, io, output, 'the job cannot be sent to the org until these are fixed');
    }

    const session = await openSession(job, connection, io, 'validate-query', job.offline.job.apiVersion);
    const hide = (text: string): string => redactSecrets(text, session.secretValues());
    try {
      const result = await checkJobOnline({
        session,
        text: job.text,
        context: job.workspace.validationContext(now),
        cacheDir: job.cacheDir,
        readDescribe: () => cachedDescribe(job),
        force: values.refresh === true,
        ...(maxAgeMs !== undefined ? { maxAgeMs } : {}),
        now,
      });
      const fetched = result.refresh?.fetched ?? [];
      if (fetched.length > 0) io.stderr(`sfjob validate-query: fetched the describe data of ${fetched.join(', ')} into ${path.relative(io.cwd, result.refresh?.orgDir ?? '') || '.'}\n`);
      report = {
        path: job.shown,
        diagnostics: result.diagnostics.map((d): Diagnostic => ({ ...d, message: hide(d.message) })),
        ...(result.query ? { query: result.query } : {}),
        ...(result.org ? { org: result.org } : {}),
      };
    } catch (error) {
      throw new Error(hide(error instanceof Error ? error.message : String(error)));
    }
    return write(report, format, io, output);
  },
});

function write(report: FileReport, format: ReturnType<typeof parseFormat>, io: CliIo, output: string | undefined, notSent?: string): number {
  const text = format === 'text' ? formatReports([report], 'text', io.version) + factsText(report, notSent) : formatReports([report], format, io.version);
  if (output) {
    fs.writeFileSync(path.resolve(io.cwd, output), text);
    if (format !== 'text') io.stdout(formatReports([report], 'text', io.version) + factsText(report, notSent));
  } else {
    io.stdout(text);
  }
  return summarize([report]).errors > 0 || notSent !== undefined ? 1 : 0;
}

/** The facts Salesforce gave about an accepted query, for people; JSON carries the same under query.org. */
export function factsText(report: FileReport, notSent?: string): string {
  if (notSent) return `${report.path}: ${notSent}.\n`;
  if (!report.org) return '';
  return `${[`${report.path}: Salesforce accepted the query.`, ...orgFactsLines(report.org)].join('\n')}\n`;
}
