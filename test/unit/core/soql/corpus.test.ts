import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSoql, type SoqlProblem } from '../../../../src/core/soql';

/**
 * The labeled corpus in corpus/soql-corpus.txt measures SOQL syntax: a valid query must get no
 * soql-syntax error, an invalid one a soql-syntax error on the characters the label names. The job
 * checks (soql-group-by, soql-aggregate, soql-unsupported) are about what a connector can run, not about
 * SOQL, so they do not count either way.
 */
interface Entry {
  line: number;
  query: string;
  valid: boolean;
  /** For an invalid query: the underlined text and which occurrence of it (1-based). */
  expected?: { text: string; occurrence: number };
}

function readCorpus(): Entry[] {
  const text = readFileSync(join(__dirname, 'corpus', 'soql-corpus.txt'), 'utf8');
  const entries: Entry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    if (/^\s/.test(raw)) {
      const last = entries[entries.length - 1];
      assert.ok(last, `line ${index + 1} continues nothing`);
      last.query += `\n${raw}`;
      return;
    }
    const valid = /^valid: (.*)$/.exec(raw);
    const invalid = /^invalid \[(.+?)(?:#(\d+))?\]: (.*)$/.exec(raw);
    if (valid) entries.push({ line: index + 1, query: valid[1], valid: true });
    else if (invalid) entries.push({ line: index + 1, query: invalid[3], valid: false, expected: { text: invalid[1], occurrence: Number(invalid[2] ?? 1) } });
    else assert.fail(`line ${index + 1} is not a corpus entry: ${raw}`);
  });
  return entries;
}

function syntaxErrors(query: string): SoqlProblem[] {
  return analyzeSoql(query).problems.filter((p) => p.code === 'soql-syntax' && (p.severity ?? 'error') === 'error');
}

function nthIndex(text: string, part: string, occurrence: number): number {
  let at = -1;
  for (let n = 0; n < occurrence; n++) {
    at = text.indexOf(part, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

const corpus = readCorpus();
const valid = corpus.filter((e) => e.valid);
const invalid = corpus.filter((e) => !e.valid);

describe('SOQL corpus', () => {
  it('holds at least 300 valid and 100 invalid queries', () => {
    assert.ok(valid.length >= 300, `${valid.length} valid`);
    assert.ok(invalid.length >= 100, `${invalid.length} invalid`);
  });

  it('calls no valid query invalid, passes no invalid one, and underlines the labeled token', () => {
    const falseAlarms = valid.filter((e) => syntaxErrors(e.query).length > 0);
    const passed = invalid.filter((e) => syntaxErrors(e.query).length === 0);
    const misplaced = invalid.filter((e) => {
      const first = syntaxErrors(e.query)[0];
      if (!first || !e.expected) return false;
      const start = nthIndex(e.query, e.expected.text, e.expected.occurrence);
      return first.start !== start || first.end !== start + e.expected.text.length;
    });
    const describeEntry = (e: Entry) => {
      const first = syntaxErrors(e.query)[0];
      const where = first ? ` -> '${e.query.slice(first.start, first.end)}' at ${first.start}: ${first.message}` : '';
      return `  line ${e.line}: ${e.query.replace(/\n/g, '⏎')}${where}`;
    };
    console.log(
      `      SOQL corpus: ${valid.length} valid, ${invalid.length} invalid; ` +
        `valid called invalid: ${falseAlarms.length}, invalid passed: ${passed.length}, invalid at another token: ${misplaced.length}`,
    );
    assert.deepEqual(
      { falseAlarms: falseAlarms.map(describeEntry), passed: passed.map(describeEntry), misplaced: misplaced.map(describeEntry) },
      { falseAlarms: [], passed: [], misplaced: [] },
    );
  });
});
