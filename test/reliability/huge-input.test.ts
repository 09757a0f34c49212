import assert from 'node:assert/strict';
import * as path from 'node:path';
import { MAX_EXPRESSION_LENGTH } from '../../src/core/expr';
import { resolveJob } from '../../src/core/job/resolve';
import { readSample } from '../../src/core/lint/sample';
import { MATCH_BUDGET_MS } from '../../src/core/regex';
import { MAX_QUERY_LENGTH } from '../../src/core/soql';
import { validateJob } from '../../src/core/validate';
import { previewJob } from '../../src/runner/preview';
import { count, EXAMPLES, exampleFiles } from './fuzz';

/**
 * Inputs far larger than anyone writes by hand: each gets a clear error at the right place or is
 * handled, within a bound measured in seconds, never a freeze.
 */

const files = exampleFiles();
const JOB_NAME = 'survey-feedback.sfjob.json';
const baseJob = JSON.parse((files.get(JOB_NAME) ?? '').replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
const sampleRecord = (JSON.parse(files.get('survey-feedback.sample.json') ?? '[]') as Record<string, unknown>[])[0];
const NOW = new Date('2026-11-25T08:00:00Z');

function validateWith(job: Record<string, unknown>, extraFiles: Record<string, string> = {}) {
  const text = JSON.stringify(job, null, 2);
  const started = performance.now();
  const result = validateJob(text, { path: path.join(EXAMPLES, JOB_NAME), readFile: (relative) => extraFiles[relative] ?? files.get(relative), connectionNames: ['local'], now: NOW });
  count('huge inputs');
  return { result, text, ms: performance.now() - started };
}

async function preview(job: Record<string, unknown>, records: Record<string, unknown>[], jobFolder = EXAMPLES) {
  const started = performance.now();
  const result = await previewJob({ jobPath: path.join(jobFolder, JOB_NAME), job: resolveJob(job as never), records, now: NOW, maxDocuments: 1_000 });
  return { result, ms: performance.now() - started };
}

describe('huge input: a clear error or handled, never a freeze', function () {
  this.timeout(90_000);

  it('checks a job against a 50 MB sample file in seconds, reading every record', () => {
    const records: Record<string, unknown>[] = [];
    let size = 0;
    for (let i = 0; size < 50_000_000; i++) {
      const record = { ...sampleRecord, Id: `a0B5g${String(i).padStart(13, '0')}`, Comment__c: `${'Slow reply, '.repeat(30)}${i}` };
      records.push(record);
      size += JSON.stringify(record).length;
    }
    const sample = JSON.stringify(records);
    assert.ok(sample.length >= 50_000_000);
    const { result, ms } = validateWith({ ...baseJob, sample: 'huge.sample.json' }, { 'huge.sample.json': sample });
    assert.deepEqual(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), []);
    assert.equal(result.samplePath, 'huge.sample.json');
    assert.ok(ms < 30_000, `50 MB sample took ${Math.round(ms)} ms`);
    const read = readSample('huge.sample.json', sample);
    assert.ok(read.ok && read.sample.records.length === records.length);
  });

  it('refuses a 1 MB query with soql-unsupported at the character where the limit is passed', () => {
    const names = Array.from({ length: 110_000 }, (_, i) => `'N${i}'`).join(', ');
    const query = `SELECT Id, Name, Comment__c, Submitted_At__c FROM Survey_Response__c WHERE Name IN (${names})`;
    assert.ok(query.length > 1_000_000);
    const { result, ms } = validateWith({ ...baseJob, query });
    const refusal = result.diagnostics.find((diagnostic) => diagnostic.code === 'soql-unsupported');
    assert.ok(refusal, JSON.stringify(result.diagnostics.map((diagnostic) => diagnostic.code)));
    assert.match(refusal.message, /characters long; Salesforce accepts at most 100,000/);
    assert.ok(refusal.range.start.character > MAX_QUERY_LENGTH, `the refusal starts at ${JSON.stringify(refusal.range.start)}`);
    assert.ok(ms < 15_000, `1 MB query took ${Math.round(ms)} ms`);
  });

  it('refuses a 1 MB filter expression with expression-invalid, and a 5 MB job file is checked in seconds', () => {
    const filter = `Comment__c = "${'x'.repeat(1_000_000)}"`;
    assert.ok(filter.length > MAX_EXPRESSION_LENGTH);
    const big = validateWith({ ...baseJob, filter });
    assert.ok(big.result.diagnostics.some((diagnostic) => diagnostic.code === 'expression-invalid' && /long/i.test(diagnostic.message)), JSON.stringify(big.result.diagnostics.map((d) => d.message)));
    const described = validateWith({ ...baseJob, description: 'A long description. '.repeat(250_000) });
    assert.ok(described.text.length > 5_000_000);
    assert.deepEqual(described.result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), []);
    assert.ok(big.ms + described.ms < 20_000, `took ${Math.round(big.ms + described.ms)} ms`);
  });

  it('checks and applies 10,000-line substitution and redaction files', async () => {
    const substitutions = Array.from({ length: 10_000 }, (_, i) => `phrase ${i}: replacement ${i}`).join('\n');
    const redactions = Array.from({ length: 10_000 }, (_, i) => `# rule ${i}\nref-${i}-[a-z]+\\d{2,}`).join('\n');
    const job = { ...baseJob, substitutions: { file: 'rules/huge.substitutions' }, redactions: { file: 'rules/huge.redactions' } };
    const { result, ms } = validateWith(job, { 'rules/huge.substitutions': substitutions, 'rules/huge.redactions': redactions });
    assert.deepEqual(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), []);
    assert.ok(ms < 20_000, `10,000-line rule files took ${Math.round(ms)} ms to check`);

    const records = Array.from({ length: 5 }, (_, i) => ({ ...sampleRecord, Id: `a0B5g00000000000${i}`, Comment__c: `I said phrase 42 and quoted ref-9999-abc12 twice: ref-7-x99 ${i}` }));
    const workspace = await import('node:fs/promises').then(async (fs) => {
      const os = await import('node:os');
      const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sfjob-huge-rules-'));
      await fs.mkdir(path.join(folder, 'rules'));
      await fs.writeFile(path.join(folder, 'rules', 'huge.substitutions'), substitutions);
      await fs.writeFile(path.join(folder, 'rules', 'huge.redactions'), redactions);
      return { folder, remove: () => fs.rm(folder, { recursive: true, force: true }) };
    });
    try {
      const run = await preview(job, records, workspace.folder);
      assert.equal(run.result.documents.length, 5);
      for (const document of run.result.documents) {
        const comment = String((document.verbatims as Record<string, string>).comment);
        assert.match(comment, /replacement 42/);
        assert.doesNotMatch(comment, /ref-\d+-[a-z]+\d{2,}/);
      }
      assert.equal(run.result.counters.redactions, 10);
      assert.ok(run.ms < 20_000, `5 records through 20,000 rules took ${Math.round(run.ms)} ms`);
    } finally {
      await workspace.remove();
    }
  });

  it('leaves out (never half-redacts) a document whose redaction pattern runs too long on a huge text, and goes on', async () => {
    // Each match of a(.*!)? looks to the end of the text for a "!": quadratic work on a long run of "a"s.
    const job = { ...baseJob, redactions: [{ pattern: 'a(.*!)?', mask: '[A]' }], substitutions: [] };
    const records = [
      { ...sampleRecord, Id: 'a0B5g0000000000001', Comment__c: 'short text with a few as' },
      { ...sampleRecord, Id: 'a0B5g0000000000002', Comment__c: 'a'.repeat(200_000) },
      { ...sampleRecord, Id: 'a0B5g0000000000003', Comment__c: 'another short one' },
    ];
    const run = await preview(job, records);
    count('huge inputs');
    assert.deepEqual(run.result.documents.map((document) => document.natural_id), ['a0B5g0000000000001', 'a0B5g0000000000003']);
    assert.equal(run.result.counters.skipped['redaction-error'], 1);
    const skip = run.result.events.find((event) => event.type === 'skip');
    assert.ok(skip && skip.type === 'skip' && /took more than 2 s on a text of 200,000 characters/.test(skip.message), JSON.stringify(skip));
    assert.ok(run.ms < MATCH_BUDGET_MS * 4, `took ${Math.round(run.ms)} ms`);
  });
});
