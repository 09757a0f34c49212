import * as assert from 'node:assert/strict';
import { describeSourceOf } from '../../../../src/core/describe';
import type { Diagnostic } from '../../../../src/core/diagnostics';
import { applyFixes } from '../../../../src/core/fixes';
import { LineIndex } from '../../../../src/core/text';
import { CASE_OBJECT, jobText, rangeOf, validate } from '../lint/job-fixture';

const contact = { name: 'Contact', label: 'Contact', fields: [{ name: 'Id', label: 'Contact ID', type: 'id', filterable: true, groupable: true }] };
const describe_ = describeSourceOf([CASE_OBJECT, contact], ['Cas']);

function fixesOf(diagnostic: Diagnostic | undefined): string[] {
  return (diagnostic?.fixes ?? []).map((f) => f.edits.map((e) => e.newText).join('|'));
}

function withFix(text: string, code: string, options: Parameters<typeof validate>[1] = {}): Diagnostic {
  const diagnostic = validate(text, options).diagnostics.find((d) => d.code === code && d.fixes?.length);
  assert.ok(diagnostic, `no ${code} diagnostic with a fix in ${JSON.stringify(validate(text, options).diagnostics.map((d) => [d.code, d.message]))}`);
  return diagnostic;
}

describe('quick fixes carried by diagnostics', () => {
  it('replaces a misspelt SOQL keyword with the keyword, at the misspelt word', () => {
    const text = jobText({ query: 'SELECT Id, Subject, Description, CreatedDate FORM Case' });
    const diagnostic = withFix(text, 'soql-syntax');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'FORM'));
    assert.deepEqual(fixesOf(diagnostic), ['FROM']);
    assert.deepEqual(diagnostic.fixes?.[0].edits[0].range, rangeOf(text, 'FORM'));
  });

  it('offers ORDER BY for ORDER BT as one replacement of both words', () => {
    const text = jobText({ query: 'SELECT Id, Subject, Description, CreatedDate FROM Case ORDER BT CreatedDate' });
    const diagnostic = withFix(text, 'soql-syntax');
    assert.deepEqual(fixesOf(diagnostic), ['ORDER BY']);
    assert.deepEqual(diagnostic.range, rangeOf(text, 'ORDER BT'));
  });

  it('replaces an unknown SOQL function with the closest one as Salesforce spells it', () => {
    const text = jobText({ query: 'SELECT Id, Subject, Description, CreatedDate, toLabl(Status) FROM Case' });
    const diagnostic = withFix(text, 'soql-syntax');
    assert.deepEqual(fixesOf(diagnostic), ['toLabel']);
    assert.deepEqual(diagnostic.range, rangeOf(text, 'toLabl'));
  });

  it('offers the describe data\'s close names for an unknown field, closest first', () => {
    const text = jobText({ query: 'SELECT Id, Subjet, Description, CreatedDate FROM Case' });
    const diagnostic = withFix(text, 'unknown-field', { describe: describe_ });
    assert.deepEqual(fixesOf(diagnostic), ['Subject']);
    assert.equal(diagnostic.fixes?.[0].preferred, true);
    assert.deepEqual(diagnostic.data?.replacements, ['Subject']);
  });

  it('offers the close object names for an unknown object', () => {
    const text = jobText({ query: 'SELECT Id, Subject, Description, CreatedDate FROM Cas' });
    const diagnostic = withFix(text, 'unknown-object', { describe: describe_ });
    assert.ok(fixesOf(diagnostic).includes('Case'));
    const lines = new LineIndex(text);
    assert.equal(text.slice(lines.offsetAt(diagnostic.range.start), lines.offsetAt(diagnostic.range.end)), 'Cas');
  });

  it('keeps the JSON valid when the fixed word sits in a query with escapes', () => {
    const text = jobText({ query: "SELECT Id, Subject, Description, CreatedDate FORM Case WHERE Subject = 'a \"b\"'" });
    const outcome = applyFixes(text, validate(text).diagnostics);
    assert.equal(outcome.applied.length, 1);
    assert.equal((JSON.parse(outcome.text) as { query: string }).query, "SELECT Id, Subject, Description, CreatedDate FROM Case WHERE Subject = 'a \"b\"'");
  });

  it('replaces a word on its own line of a query written as an array of lines', () => {
    const text = jobText({ query: ['SELECT Id, Subject, Description, CreatedDate', 'FORM Case'] });
    const outcome = applyFixes(text, validate(text).diagnostics);
    assert.deepEqual((JSON.parse(outcome.text) as { query: string[] }).query, ['SELECT Id, Subject, Description, CreatedDate', 'FROM Case']);
  });
});

describe('quick fixes of job values', () => {
  it('offers the date fields the query selects for a dateField that holds no dates', () => {
    const text = jobText({ dateField: 'Subject' });
    const diagnostic = withFix(text, 'date-field-not-date', { describe: describe_ });
    assert.deepEqual(fixesOf(diagnostic), ['CreatedDate']);
    assert.deepEqual(diagnostic.fixes?.[0].edits[0].range, rangeOf(text, 'Subject', 1));
  });

  it('offers the choice a value spells out in full, and the closest choice for a near miss', () => {
    const schedule = { mode: 'incremental', frequency: 'weekly', days: ['MONDAY'], startsOn: '09:00', timezone: 'UTC' };
    assert.deepEqual(fixesOf(withFix(jobText({ schedule }), 'schedule-invalid')), ['"MON"']);
    assert.deepEqual(fixesOf(withFix(jobText({ feedbackType: 'chats' }), 'schema')), ['"chat"']);
    assert.match(withFix(jobText({ duplicates: 'replac' }), 'schema').message, /Did you mean "replace"\?/);
  });
});

describe('applying the unambiguous fixes', () => {
  it('applies every fix that is the only one of its diagnostic and reports each', () => {
    const text = jobText({ connection: 'locl', query: 'SELECT Id, Subject, Description, CreatedDate FROM Case', dateFeild: 'x' });
    const outcome = applyFixes(text, validate(text, { connectionNames: ['local', 'prod'] }).diagnostics);
    const job = JSON.parse(outcome.text) as Record<string, unknown>;
    assert.equal(job.connection, 'local');
    assert.deepEqual(outcome.applied.map((a) => a.code).sort(), ['schema', 'unknown-connection']);
  });

  it('leaves a diagnostic with several candidates for a person to choose', () => {
    const diagnostic: Diagnostic = {
      code: 'date-field-not-date',
      severity: 'error',
      message: 'pick one',
      range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } },
      fixes: [
        { title: 'a', edits: [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, newText: 'A' }] },
        { title: 'b', edits: [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, newText: 'B' }] },
      ],
    };
    assert.deepEqual(applyFixes('xyz', [diagnostic]), { text: 'xyz', applied: [] });
  });

  it('applies only the first of two fixes over the same characters', () => {
    const at = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };
    const make = (newText: string): Diagnostic => ({ code: 'schema', severity: 'error', message: newText, range: at, fixes: [{ title: newText, edits: [{ range: at, newText }] }] });
    const outcome = applyFixes('one\ntwo\r\nthree', [make('TWO'), make('2')]);
    assert.equal(outcome.text, 'one\nTWO\r\nthree');
    assert.equal(outcome.applied.length, 1);
  });
});
