import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../../src/core/text';
import { validateJob } from '../../../src/core/validate';
import { BASE_JOB, codesOf, jobText, only, rangeOf, validate } from './lint/job-fixture';

describe('validateJob', () => {
  describe('SOQL problems land on the document characters', () => {
    it('flags GROUP BY on its words inside an array-of-lines query', () => {
      const text = jobText({ query: ['SELECT Id, Description, CreatedDate', 'FROM Case', 'GROUP BY Description'] });
      const diagnostic = only(validate(text), 'soql-group-by');
      assert.deepEqual(diagnostic.range, rangeOf(text, 'GROUP BY'));
    });

    it('flags GROUP BY on its words after JSON escapes in a single string', () => {
      const text = jobText({ query: 'SELECT Id, Description, CreatedDate FROM Case WHERE Subject = \'say "hi"\\\\\' GROUP BY Description' });
      assert.ok(text.includes('\\"hi\\"'), 'the query holds escaped quotes');
      const diagnostic = only(validate(text), 'soql-group-by');
      assert.deepEqual(diagnostic.range, rangeOf(text, 'GROUP BY'));
    });

    it('flags GROUP BY split over two lines of the array from GROUP to BY', () => {
      const text = jobText({ query: ['SELECT Id, Description, CreatedDate FROM Case GROUP', 'BY Description'] });
      const diagnostic = only(validate(text), 'soql-group-by');
      const lines = new LineIndex(text);
      assert.equal(lines.offsetAt(diagnostic.range.start), text.indexOf('GROUP'));
      assert.equal(lines.offsetAt(diagnostic.range.end), text.indexOf('BY Description') + 2);
    });

    it('maps a syntax error inside a \\u escape-bearing query onto the file', () => {
      const text = JSON.stringify({ ...BASE_JOB, query: 'SELECT Id, Description, CreatedDate FROM Case WHERE Subject = \'caf\u00e9\' ANDD Status = \'x\'' }, null, 2).replace('é', '\\u00e9');
      const diagnostic = only(validate(text), 'soql-syntax');
      const lines = new LineIndex(text);
      assert.ok(lines.offsetAt(diagnostic.range.start) > text.indexOf('\\u00e9'));
    });
  });

  describe('the result', () => {
    it('carries the query facts with positions in the query text', () => {
      const result = validate(jobText({ query: 'SELECT Id, Owner.Name, Description, CreatedDate FROM Case' }));
      assert.equal(result.query?.object, 'Case');
      assert.deepEqual(result.query?.fields.map((f) => f.path), ['Id', 'Owner.Name', 'Description', 'CreatedDate']);
      assert.deepEqual(result.query?.dateFieldCandidates, ['CreatedDate']);
      assert.equal(result.query?.fields[1].start, 'SELECT Id, '.length);
    });

    it('carries the job, even with schema errors, as far as it could be read', () => {
      const result = validate(jobText({ recordLimit: 'lots' }));
      assert.equal(result.job?.name, 'Cases');
      assert.equal((result.job as { recordLimit?: unknown }).recordLimit, undefined);
    });

    it('returns only the syntax errors of a file that is not JSON', () => {
      const result = validate('{ "name": ');
      assert.ok(result.diagnostics.length > 0);
      assert.ok(codesOf(result).every((c) => c === 'json-syntax'));
      assert.equal(result.job, undefined);
    });

    it('reads each referenced file at most once', () => {
      const reads: string[] = [];
      const text = jobText({ sample: 's.json', substitutions: { file: 'r.txt' }, redactions: { file: 'r.txt' } });
      validateJob(text, {
        path: 'x.sfjob.json',
        readFile: (p) => {
          reads.push(p);
          return p === 's.json' ? '[]' : '';
        },
      });
      assert.deepEqual(reads.sort(), ['r.txt', 's.json']);
    });

    it('keeps going when the host cannot read a file', () => {
      const result = validateJob(jobText({ substitutions: { file: 'r.txt' } }), {
        path: 'x.sfjob.json',
        readFile: () => {
          throw new Error('EACCES');
        },
      });
      assert.deepEqual(codesOf(result), ['rule-file']);
    });

    it('orders diagnostics by position', () => {
      const result = validate(jobText({ connection: 'nope', mapping: { loadDate: 1 }, filter: 'X' }), { connectionNames: ['local'] });
      const starts = result.diagnostics.map((d) => d.range.start.line * 1000 + d.range.start.character);
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    });
  });

  it('reports objects where strings belong as wrong types, even objects with a "length" key, without throwing', () => {
    const text = jobText({ name: { length: {} }, project: { length: 1 } });
    const schema = validate(text).diagnostics.filter((d) => d.code === 'schema').map((d) => d.message);
    assert.deepEqual(schema, ['"name" must be a string, not an object.', '"project" must be a string, not an object.']);
  });

  describe('robustness', function () {
    // Hundreds of validations per property; the shared machine can be slow, so allow more than mocha's default.
    this.timeout(30_000);
    // Bounded time: generous for a loaded 2-core machine, still far below a hang.
    const LIMIT_MS = 2000;

    function timed(text: string): void {
      const started = performance.now();
      const result = validateJob(text, { path: 'p.sfjob.json', readFile: () => '[]', connectionNames: ['local'] });
      assert.ok(Array.isArray(result.diagnostics));
      assert.ok(performance.now() - started < LIMIT_MS, 'validateJob took too long');
    }

    it('finishes in bounded time on long strings built to make backtracking scanners explode', () => {
      timed(jobText({ description: 'eyJ-'.repeat(25_000), filter: `Subject = "${'a'.repeat(50_000)}"`, query: `SELECT Id, Description, CreatedDate FROM Case WHERE Subject = '${'x'.repeat(20_000)}'` }));
      timed(jobText({ mapping: { source_value: { value: '00D' + 'a'.repeat(100_000) } } }));
    });

    it('never throws on arbitrary text', () => {
      fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => timed(text)), { numRuns: 200 });
    });

    it('never throws on arbitrary JSON values', () => {
      fc.assert(fc.property(fc.json({ maxDepth: 4 }), (text) => timed(text)), { numRuns: 200 });
    });

    it('never throws on valid jobs with one key replaced by any value', () => {
      const keys = [...Object.keys(BASE_JOB), 'schedule', 'filter', 'redactions', 'substitutions', 'sample', 'participants', 'recordLimit'];
      fc.assert(
        fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (key, value) => timed(jobText({ [key]: value }))),
        { numRuns: 200 },
      );
    });

    it('never throws on valid jobs cut short or with a character changed', () => {
      const text = jobText({ filter: 'Status = "Closed"', redactions: ['\\d+'], schedule: { mode: 'incremental', frequency: 'weekly', days: ['MON'], startsOn: '06:00', timezone: 'UTC' } });
      fc.assert(
        fc.property(fc.nat(text.length - 1), fc.string({ minLength: 0, maxLength: 3 }), (at, inserted) => {
          timed(text.slice(0, at));
          timed(text.slice(0, at) + inserted + text.slice(at + 1));
        }),
        { numRuns: 200 },
      );
    });
  });
});
