import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as path from 'node:path';
import { validateConnectionsFile } from '../../src/core/connections/validate';
import { ALL_CODES, type Diagnostic } from '../../src/core/diagnostics';
import { compileExpression, MAX_EXPRESSION_LENGTH } from '../../src/core/expr';
import { resolveJob } from '../../src/core/job/resolve';
import { readSample } from '../../src/core/lint/sample';
import { compilePattern, MATCH_BUDGET_MS, matchAll, PatternTooSlowError, replaceAll } from '../../src/core/regex';
import { defaultCompilers } from '../../src/core/run/compilers';
import { compileRunPlan } from '../../src/core/run/plan';
import { resolveRules } from '../../src/core/run/rule-files';
import { analyzeSoql } from '../../src/core/soql';
import { validateJob } from '../../src/core/validate';
import { previewJob } from '../../src/runner/preview';
import { check, checkAsync, count, exampleFiles, EXAMPLES, FUZZ_SEED, inputsTried, mutationOf, timed } from './fuzz';

/**
 * Bad input of every kind the tool reads, made by mutating the real example files and by generating
 * text from the languages' own pieces. The checks never throw, answer within a bound, and put every
 * problem inside the text; a job the checks accept runs on its sample without an unexplained failure.
 */

const files = exampleFiles();
const jobs = [...files.keys()].filter((name) => name.endsWith('.sfjob.json'));
const CODES = new Set<string>(ALL_CODES);

function assertInside(text: string, diagnostics: Diagnostic[]): void {
  const lines = text.split('\n');
  for (const diagnostic of diagnostics) {
    assert.ok(CODES.has(diagnostic.code), `unknown code ${diagnostic.code}`);
    assert.ok(diagnostic.message.trim().length > 0, `${diagnostic.code} has no message`);
    for (const end of [diagnostic.range.start, diagnostic.range.end]) {
      assert.ok(end.line >= 0 && end.line < lines.length, `${diagnostic.code} points at line ${end.line} of ${lines.length}`);
      assert.ok(end.character >= 0 && end.character <= lines[end.line].length + 1, `${diagnostic.code} points past the end of line ${end.line}`);
    }
  }
}

/** Validates a job the way the CLI does, its sample and rule files read from `overrides` first, then the examples. */
function validate(jobName: string, text: string, overrides: Record<string, string> = {}) {
  const folder = path.posix.dirname(jobName);
  const readFile = (relative: string): string | undefined => {
    const key = path.posix.normalize(path.posix.join(folder, relative));
    return overrides[key] ?? files.get(key);
  };
  const result = timed(`validateJob(${jobName})`, () => validateJob(text, { path: path.join(EXAMPLES, jobName), readFile, connectionNames: ['local', 'acme-prod'], now: new Date('2026-11-25T08:00:00Z') }));
  assertInside(text, result.diagnostics);
  return { result, readFile };
}

describe('bad input: mutated and generated files, expressions, patterns and queries', function () {
  this.timeout(60_000);

  after(() => {
    const figures = [...inputsTried()].map(([subject, inputs]) => `${subject} ${inputs}`).join(', ');
    const total = [...inputsTried().values()].reduce((sum, inputs) => sum + inputs, 0);
    console.log(`\n      Bad input (seed ${FUZZ_SEED}): ${total} inputs tried — ${figures}`);
  });

  it('validates mutated job files without throwing, in bounded time, every problem inside the file', () => {
    check('job files', fc.tuple(fc.constantFrom(...jobs), fc.nat()).chain(([name]) => mutationOf(files.get(name) ?? '').map((text) => ({ name, text }))), ({ name, text }) => {
      validate(name, text);
    }, 400);
  });

  it('validates jobs whose sample file is mutated, and reads the mutated sample without throwing', () => {
    const withSamples = jobs.filter((name) => files.has(name.replace('.sfjob.json', '.sample.json')));
    assert.ok(withSamples.length >= 4);
    check('sample files', fc.constantFrom(...withSamples).chain((name) => mutationOf(files.get(name.replace('.sfjob.json', '.sample.json')) ?? '').map((sample) => ({ name, sample }))), ({ name, sample }) => {
      const samplePath = name.replace('.sfjob.json', '.sample.json');
      validate(name, files.get(name) ?? '', { [samplePath]: sample });
      const read = timed('readSample', () => readSample(samplePath, sample));
      if (!read.ok) assert.match(read.message, /sample\.json/);
    }, 200);
  });

  it('validates jobs with mutated rule files, and a job the checks accept also compiles for a run', () => {
    const base = files.get('survey-feedback.sfjob.json') ?? '';
    const job = JSON.parse(base.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
    const ruleText = fc.oneof(
      mutationOf(files.get('rules/pii.redactions') ?? ''),
      mutationOf(files.get('rules/support.substitutions') ?? ''),
      fc.array(fc.string({ unit: fc.constantFrom(...'ab()[]{}*+?|^$\\.:#d, \n'.split('')), maxLength: 30 }), { maxLength: 20 }).map((lines) => lines.join('\n')),
    );
    check('rule files', fc.tuple(fc.constantFrom('redactions', 'substitutions'), ruleText), ([key, rules]) => {
      const text = JSON.stringify({ ...job, [key]: { file: 'rules/fuzzed.txt' } });
      const { result, readFile } = validate('survey-feedback.sfjob.json', text, { 'rules/fuzzed.txt': rules });
      if (!result.job || result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return;
      // What the checks accept must compile for a run: a validator and a runner that disagree fail mid-run.
      const resolved = resolveJob(result.job);
      const compiled = timed('compileRunPlan', () => compileRunPlan(resolved, resolveRules(resolved, readFile), defaultCompilers()));
      assert.ok(compiled.ok, `the checks accepted a job the runner cannot compile: ${compiled.ok ? '' : compiled.problems.join('; ')}`);
    }, 250);
  });

  it('validates mutated connections files without throwing, every problem inside the file', () => {
    const connections = [...files.keys()].filter((name) => name.endsWith('sfjob.connections.json'));
    check('connections files', fc.constantFrom(...connections).chain((name) => mutationOf(files.get(name) ?? '')), (text) => {
      assertInside(text, timed('validateConnectionsFile', () => validateConnectionsFile(text, new Date('2026-11-25T08:00:00Z'))));
    }, 300);
  });

  it('analyzes SOQL built from its own words and mutated example queries without throwing, problems inside the query', () => {
    const queries = jobs.flatMap((name) => {
      try {
        const query = (JSON.parse((files.get(name) ?? '{}').replace(/^\s*\/\/.*$/gm, '')) as { query?: string | string[] }).query;
        return [Array.isArray(query) ? query.join('\n') : (query ?? '')];
      } catch {
        return [];
      }
    }).filter((query) => query.startsWith('SELECT'));
    assert.ok(queries.length >= 10, `${queries.length} example queries`);
    const words = ['SELECT', 'Id', 'Name', ',', 'FROM', 'Case', 'WHERE', 'AND', 'OR', 'NOT', '=', "'x'", '(', ')', 'IN', 'LIKE', 'GROUP BY', 'HAVING', 'ORDER BY', 'DESC', 'NULLS LAST', 'LIMIT', '10', 'OFFSET', '3000', 'TYPEOF', 'WHEN', 'THEN', 'END', 'COUNT()', 'Owner.Name', ':var', 'LAST_N_DAYS:7', '2026-01-01T00:00:00Z', 'FOR VIEW', 'WITH SECURITY_ENFORCED', '.', ';'];
    const query = fc.oneof(fc.constantFrom(...queries).chain(mutationOf), fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 30 }).map((parts) => parts.join(' ')));
    check('SOQL', query, (text) => {
      const analysis = timed('analyzeSoql', () => analyzeSoql(text));
      for (const problem of analysis.problems) {
        assert.ok(problem.start >= 0 && problem.end <= text.length + 1 && problem.start <= problem.end, `${problem.code} at ${problem.start}-${problem.end} of ${text.length}`);
      }
    }, 400);
  });

  it('compiles generated expressions and evaluates them on hostile records without throwing, in bounded time', () => {
    const fields = ['Status', 'Score__c', 'Body', 'Owner.Name', 'CreatedDate'];
    const expression: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...fields, '"text"', '""', '0', '-1.5', '1e308', 'true', 'false', '"2026-02-30"', 'TODAY()', 'NOW()'),
        fc.tuple(tie('node'), fc.constantFrom('=', '!=', '<', '>=', '+', '-', '*', '/', '&', 'AND', ','), tie('node')).map(([a, op, b]) => `${a} ${op} ${b}`),
        fc.tuple(fc.constantFrom('AND', 'OR', 'NOT', 'IF', 'ISBLANK', 'CONTAINS', 'BEGINS', 'UPPER', 'LOWER', 'TRIM', 'LEN', 'ABS', 'ROUND', 'TEXT', 'VALUE', 'DATEVALUE', 'NOPE'), fc.array(tie('node'), { maxLength: 3 })).map(([name, args]) => `${name}(${args.join(', ')})`),
        tie('node').map((inner) => `(${inner})`),
      ),
    })).node;
    const hostile = fc.record({
      Status: fc.oneof(fc.string(), fc.constant('x'.repeat(200_000)), fc.constant(null), fc.integer(), fc.object()),
      Score__c: fc.oneof(fc.double(), fc.constant(Number.MAX_VALUE), fc.string(), fc.constant(null)),
      Body: fc.oneof(fc.string(), fc.constant('😀'.repeat(50_000))),
      Owner: fc.oneof(fc.constant(null), fc.record({ Name: fc.oneof(fc.string(), fc.array(fc.string())) })),
      CreatedDate: fc.oneof(fc.string(), fc.constant('2026-11-25T08:00:00.000+0000'), fc.constant('9999-99-99')),
    });
    check('expressions', fc.tuple(fc.oneof(expression, expression.chain(mutationOf)), fc.array(hostile, { minLength: 1, maxLength: 3 })), ([text, records]) => {
      const compiled = timed('compileExpression', () => compileExpression(text, { fields }));
      if (!compiled.ok) {
        assert.ok(compiled.problems.length > 0);
        return;
      }
      for (const record of records) timed('evaluate', () => compiled.evaluate(record, { now: new Date('2026-11-25T08:00:00Z') }));
    }, 300);
  });

  it('refuses an expression over the size bound at once, with a message', () => {
    const huge = `LEN(Body) > ${'1 + '.repeat(MAX_EXPRESSION_LENGTH)}1`;
    const compiled = timed('compileExpression(huge)', () => compileExpression(huge));
    count('expressions');
    assert.ok(!compiled.ok);
    assert.match(compiled.problems[0].message, /long|characters/i);
  });

  it('compiles any pattern without throwing, and matching 20 KB of hostile text ends within the match budget', () => {
    const metacharacters = 'a()[]{}*+?|^$\\.dws-,0123456789:=!<>'.split('');
    const pattern = fc.oneof(
      fc.string({ unit: fc.constantFrom(...metacharacters), maxLength: 40 }),
      fc.constantFrom('(a+)+$', '(a|a)*$', '(a|aa)+$', '(.*a){25}', '(x+x+)+y', '^(([a-z])+.)+[A-Z]([a-z])+$', '(\\w+\\s?)+$', '([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$'),
    );
    const text = fc.constantFrom('a'.repeat(20_000) + '!', 'a'.repeat(20_000), 'x'.repeat(20_000), `${'ab1 .'.repeat(4_000)}\n`, `${'a'.repeat(60)}@`);
    // One search is linear; the budget is checked between searches, so a call ends within the budget
    // plus one search (well under a second at this size, even for the costliest pattern). The pattern
    // that does spend the whole budget, a(.*!)?, is tested once in huge-input.test.ts.
    const bound = MATCH_BUDGET_MS + 5_000;
    check('regex patterns', fc.tuple(pattern, text), ([source, subject]) => {
      const compiled = timed('compilePattern', () => compilePattern(source));
      if (!compiled.ok) {
        assert.ok(compiled.start >= 0 && compiled.end <= source.length && compiled.message.length > 0);
        return;
      }
      const endsOrGivesUp = (work: () => unknown) => (): boolean => {
        try {
          work();
          return true;
        } catch (error) {
          if (!(error instanceof PatternTooSlowError)) throw error;
          return false;
        }
      };
      // A pattern that gave up once would only spend the budget again on the same text.
      if (timed('matchAll', endsOrGivesUp(() => [...matchAll(compiled.regex, subject)].length), bound)) {
        timed('replaceAll', endsOrGivesUp(() => replaceAll(compiled.regex, subject, '[$&]')), bound);
      }
    }, 60);
  });

  it('previews jobs whose sample records hold hostile values without an unexplained failure', async () => {
    const name = 'survey-feedback.sfjob.json';
    const { result } = validate(name, files.get(name) ?? '');
    assert.ok(result.job);
    const resolved = resolveJob(result.job);
    const value = fc.oneof(fc.string(), fc.constant('a'.repeat(100_000)), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object({ maxDepth: 2 }), fc.array(fc.string()));
    const record = fc.record({ Id: fc.oneof(fc.string(), fc.constant(null)), Comment__c: value, Score__c: value, Channel__c: value, Submitted_At__c: value, Owner: value, Case__r: value });
    await checkAsync('sample records', fc.array(record, { minLength: 1, maxLength: 20 }), async (records) => {
      const started = performance.now();
      const preview = await previewJob({ jobPath: path.join(EXAMPLES, name), job: resolved, records, now: new Date('2026-11-25T08:00:00Z'), maxDocuments: 100 });
      assert.ok(performance.now() - started < 5_000, 'preview took too long');
      const skipped = Object.values(preview.counters.skipped).reduce((sum, n) => sum + n, 0);
      assert.equal(preview.documents.length + preview.counters.filteredOut + skipped + preview.counters.duplicatesSkipped + preview.counters.duplicatesReplaced + preview.counters.overLimit, records.length, JSON.stringify(preview.counters));
    }, 150);
  });
});
