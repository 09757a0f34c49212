import * as fs from 'node:fs';
import * as path from 'node:path';
import { expressionTargets, explanationLines, parseTypedValue, testExpression, type ExpressionTarget } from '../../core/expression-tester';
import { resolveJob } from '../../core/job/resolve';
import { validateJob } from '../../core/validate';
import { loadSampleRecordsOf } from '../../app/load-job';
import { CliUsageError } from '../command';
import { ONE_JOB_FILE, defineCommand } from '../define';
import { displayPath } from '../files';

const OPTIONS = {
  filter: { type: 'boolean', help: 'test the filter (the default)' },
  field: { type: 'string', value: 'NAME', help: 'test the expression of the mapped field NAME (its source or transform\nexpression; a transform sees VALUE, by default the source field\'s value)' },
  value: {
    type: 'string',
    value: 'Field=Value',
    multiple: true,
    help: 'a value to test with; repeat for more fields. Value is read as JSON when it\nis a number, true, false, null or a "quoted string", otherwise as text\n(Amount=12 is a number, Name="12" text, Status=Closed the text "Closed")',
  },
  record: { type: 'string', value: 'N', help: 'take the other fields from sample record N (1-based, default 1)' },
  format: { type: 'string', value: 'FORMAT', help: 'text (default) or json' },
} as const;

export const command = defineCommand({
  name: 'test-expression',
  usage: ['test-expression <job> [--filter | --field NAME] [--value Field=Value …] [--record N] [--format text|json]'],
  about: `
Evaluates the job's filter (the default), or the expression of one mapped field, on the values given,
and prints the result and why: the value of each part (each comparison, function call and field).
Like the Test button of XM Discover's connector filter. Fields not given are read from a sample
record; a field in neither is blank.`,
  options: OPTIONS,
  positionals: ONE_JOB_FILE,
  examples: ['sfjob test-expression jobs/case-feedback.sfjob.json --value Subject="[test] login"', 'sfjob test-expression jobs/case-feedback.sfjob.json --field urgency --value Priority=High'],
  exitCodes: '0 evaluated, 1 the expression has errors or the job has none to test, 2 bad usage.',
  async run({ values, positionals }, io) {
    if (values.filter && values.field !== undefined) throw new CliUsageError('give --filter or --field NAME, not both.');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CliUsageError(`--format is text or json, not "${format}".`);
    const recordNumber = values.record === undefined ? 1 : Number(values.record);
    if (!Number.isInteger(recordNumber) || recordNumber < 1) throw new CliUsageError(`--record is a whole number from 1, not "${values.record}".`);
    const given: Record<string, unknown> = {};
    for (const pair of values.value ?? []) {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new CliUsageError(`--value takes Field=Value, not "${pair}".`);
      given[pair.slice(0, equals).trim()] = parseTypedValue(pair.slice(equals + 1));
    }

    const file = path.resolve(io.cwd, positionals[0]);
    const shown = displayPath(file, io.cwd);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliUsageError(`${shown}: cannot read the job file (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}).`);
    }
    // Other problems of the job do not stop a test: the point is to work on one expression.
    const now = new Date();
    const job = validateJob(text, { path: file, readFile: () => undefined, now }).job;
    if (!job) {
      io.stderr(`sfjob test-expression: ${shown} is not a readable job file; run "sfjob validate ${shown}".\n`);
      return 1;
    }
    const targets = expressionTargets(job);
    const target = pickTarget(targets, values.field);
    if (!target) {
      const fields = targets.filter((candidate) => candidate.label !== 'filter').map((candidate) => candidate.label);
      io.stderr(
        values.field === undefined
          ? `sfjob test-expression: ${shown} has no filter.${fields.length > 0 ? ` Test a field's expression with --field (${fields.join(', ')}).` : ''}\n`
          : `sfjob test-expression: ${shown} has no mapped field "${values.field}" with an expression.${fields.length > 0 ? ` Fields with one: ${fields.join(', ')}.` : ''}\n`,
      );
      return 1;
    }

    const resolved = resolveJob(job);
    const sample = loadSampleRecordsOf(file, resolved);
    const records = sample.ok ? sample.records : [];
    if (values.record !== undefined && recordNumber > records.length) {
      throw new CliUsageError(sample.ok ? `--record ${recordNumber}: the sample has ${records.length} records.` : `--record: ${sample.message}.`);
    }
    const record = records[recordNumber - 1];
    const test = testExpression(target, given, record, now, resolved.filterAction);
    const unused = test.ok ? Object.keys(given).filter((field) => !test.inputs.some((input) => input.field === field || input.field === `VALUE (${field})`)) : [];
    if (unused.length > 0) io.stderr(`note: the expression does not read ${unused.join(', ')}; ${unused.length === 1 ? 'that value was' : 'those values were'} not used.\n`);
    if (format === 'json') {
      io.stdout(`${JSON.stringify(test.ok ? { expression: target.text, target: target.label, value: test.value, outcome: test.outcome, inputs: test.inputs, parts: test.parts } : { expression: target.text, target: target.label, problems: test.problems })}\n`);
    } else {
      if (!record) io.stderr(`note: ${sample.ok ? 'the sample has no records' : sample.message}; fields not given are blank.\n`);
      else io.stderr(`note: fields not given come from sample record ${recordNumber} (${sample.ok ? sample.path : ''}).\n`);
      io.stdout(`${explanationLines(test, resolved.filterAction).join('\n')}\n`);
    }
    return test.ok ? 0 : 1;
  },
});

function pickTarget(targets: ExpressionTarget[], field: string | undefined): ExpressionTarget | undefined {
  if (field === undefined) return targets.find((target) => target.purpose === 'filter');
  const matching = targets.filter((target) => target.purpose !== 'filter' && target.label === field);
  // A field with both an expression source and a transform: the transform is what shapes the value last.
  return matching.find((target) => target.isTransform) ?? matching[0];
}
