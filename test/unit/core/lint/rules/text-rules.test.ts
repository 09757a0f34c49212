import * as assert from 'node:assert/strict';
import { applyFix, codesOf, jobText, only, rangeOf, validate, withCode } from '../job-fixture';

describe('expression-invalid', () => {
  it('puts a problem in the filter on its characters inside the JSON string, minding escapes', () => {
    const text = jobText({ filter: 'Status = "Closed" AND CONTAINZ(Subject, "x")' });
    const diagnostic = only(validate(text), 'expression-invalid');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'CONTAINZ'));
    assert.match(applyFix(text, diagnostic), /CONTAINS\(Subject/);
  });

  it('flags a filter field the query does not select', () => {
    const text = jobText({ filter: 'Priority = "High"' });
    assert.deepEqual(only(validate(text), 'expression-invalid').range, rangeOf(text, 'Priority'));
  });

  it('flags a filter that is not true or false', () => {
    assert.match(only(validate(jobText({ filter: 'Subject & "x"' })), 'expression-invalid').message, /true or false/);
  });

  it('lets transform expressions use VALUE and checks source expressions', () => {
    const ok = jobText({ mapping: { fields: [{ source: 'Status', type: 'text', transform: { expression: 'UPPER(VALUE)' } }, { source: { expression: 'IF(Status = "Closed", 1, 0)' }, name: 'closed', type: 'number' }] } });
    assert.deepEqual(codesOf(validate(ok)), []);
    const bad = jobText({ mapping: { fields: [{ source: { expression: 'UPPER(' }, name: 'x', type: 'text' }] } });
    assert.ok(withCode(validate(bad), 'expression-invalid').length >= 1);
    assert.deepEqual(codesOf(validate(bad)).filter((c) => c !== 'expression-invalid'), []);
  });

  it('accepts a valid filter', () => {
    assert.deepEqual(codesOf(validate(jobText({ filter: 'Status = "Closed" AND NOT ISBLANK(Description)' }))), []);
  });
});

describe('regex-invalid', () => {
  it('puts an unsupported construct of a redaction on its characters, escapes included', () => {
    const text = jobText({ redactions: ['card (?!\\d{4})'] });
    const diagnostic = only(validate(text), 'regex-invalid');
    assert.deepEqual(diagnostic.range, rangeOf(text, '(?!'));
  });

  it('checks object redactions and regex transforms, and their group references', () => {
    const text = jobText({
      redactions: [{ pattern: '(a)\\1(?!b)' }],
      mapping: { fields: [{ source: 'Subject', type: 'text', transform: { regex: { pattern: '(\\w+)', replace: '$2' } } }] },
    });
    const found = withCode(validate(text), 'regex-invalid');
    assert.deepEqual(found.map((d) => d.range).sort((a, b) => a.start.line - b.start.line), [rangeOf(text, '$2'), rangeOf(text, '(?!')]);
  });

  it('accepts linear-time patterns', () => {
    assert.deepEqual(codesOf(validate(jobText({ redactions: ['[\\w.]+@[\\w.]+', { pattern: '\\d{16}', mask: '[CARD]' }] }))), []);
  });
});

describe('rule files', () => {
  it('flags a missing rule file at the file value', () => {
    const text = jobText({ substitutions: { file: 'rules/missing.txt' } });
    const diagnostic = only(validate(text), 'rule-file');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"rules/missing.txt"'));
  });

  it('names the bad line of a substitution file and points at it in that file', () => {
    const text = jobText({ substitutions: { file: 'subs.txt' } });
    const diagnostic = only(validate(text, { files: { 'subs.txt': '# comment\nw/: with\nno separator here\n' } }), 'rule-file');
    assert.match(diagnostic.message, /subs\.txt:3/);
    assert.deepEqual(diagnostic.related?.[0], { message: diagnostic.related?.[0].message, path: 'subs.txt', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 17 } } });
  });

  it('compiles each line of a redaction file and points at the bad characters of its line', () => {
    const text = jobText({ redactions: { file: 'pii.txt' } });
    const diagnostic = only(validate(text, { files: { 'pii.txt': '# emails\n[\\w.]+@[\\w.]+\n  a(?!b)\n' } }), 'regex-invalid');
    assert.match(diagnostic.message, /pii\.txt:3/);
    assert.deepEqual(diagnostic.related?.[0].range, { start: { line: 2, character: 3 }, end: { line: 2, character: 6 } });
    assert.deepEqual(diagnostic.range, rangeOf(text, '"pii.txt"'));
  });

  it('accepts good rule files', () => {
    const text = jobText({ substitutions: { file: 's.txt' }, redactions: { file: 'r.txt' } });
    assert.deepEqual(codesOf(validate(text, { files: { 's.txt': 'Ref:: reference\n', 'r.txt': '\\d+\n' } })), []);
  });
});

describe('csv output on conversational jobs', () => {
  it('is an error on output.format for chat and sms, and fine for feedback', () => {
    const chat = jobText({ feedbackType: 'chat', output: { format: 'csv' } });
    const diagnostic = withCode(validate(chat), 'schema').find((d) => /individual-feedback layout/.test(d.message));
    assert.ok(diagnostic, JSON.stringify(validate(chat)));
    assert.deepEqual(diagnostic.range, rangeOf(chat, '"csv"'));
    assert.ok(!withCode(validate(jobText({ output: { format: 'csv' } })), 'schema').some((d) => /individual-feedback layout/.test(d.message)));
  });
});
