import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateQuery } from '../../app/validate-query';
import { orgFactsLines } from '../../salesforce';
import type { CliIo } from '../command';
import { ONE_JOB_FILE, defineCommand } from '../define';
import { type FileReport, formatReports, parseFormat } from '../format';
import { summarize } from '../format/report';
import { displayPath } from '../files';
import { cliUseCaseOptions, onJobFile, parseMaxAge } from '../online';


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
    const file = path.resolve(io.cwd, positionals[0]);
    const shown = displayPath(file, io.cwd);
    const checked = await onJobFile(shown, () =>
      validateQuery(file, { ...cliUseCaseOptions(io, 'validate-query', now), refresh: values.refresh === true, ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) }),
    );
    const fetched = checked.refresh?.fetched ?? [];
    if (fetched.length > 0) io.stderr(`sfjob validate-query: fetched the describe data of ${fetched.join(', ')} into ${path.relative(io.cwd, checked.refresh?.orgDir ?? '') || '.'}\n`);
    const report: FileReport = {
      path: shown,
      diagnostics: checked.diagnostics,
      ...(checked.query ? { query: checked.query } : {}),
      ...(checked.org ? { org: checked.org } : {}),
    };
    // Without a readable query and connection there is nothing to send; the offline report says why.
    return write(report, format, io, output, checked.notSent ? 'the job cannot be sent to the org until these are fixed' : undefined);
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
