import * as assert from 'node:assert/strict';
import { applyFix, codesOf, jobText, only, rangeOf, validate, withCode } from '../job-fixture';

const SAMPLE = JSON.stringify([
  {
    attributes: { type: 'Case', url: '/x' },
    Id: '5005g00000AbCdEAAV',
    Subject: 'Login',
    Description: 'Cannot log in',
    Status: 'Closed',
    CreatedDate: '2026-11-19T08:00:00.000+0000',
    Owner: { attributes: { type: 'User', url: '/u' }, Name: 'Priya' },
    Contact: null,
  },
]);

describe('field-not-selected', () => {
  it('flags a mapping source the query does not select, at the source string', () => {
    const text = jobText({ mapping: { fields: [{ source: 'Priority', type: 'text' }] } });
    const diagnostic = only(validate(text), 'field-not-selected');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"Priority"'));
    assert.match(diagnostic.message, /mapping\.fields\[0\]\.source/);
  });

  it('compares with the SELECT list without case, as SOQL does', () => {
    const text = jobText({ query: 'SELECT Id, SUBJECT, description, CreatedDate FROM Case' });
    assert.deepEqual(withCode(validate(text), 'field-not-selected'), []);
  });

  it('checks {field} sources, conversation fields and redaction fields', () => {
    const text = jobText({
      mapping: { natural_id: { field: 'CaseNumber' }, fields: [{ source: 'Description', type: 'verbatim' }] },
      redactions: [{ pattern: 'x', fields: ['Comments'] }],
    });
    const found = withCode(validate(text), 'field-not-selected');
    assert.deepEqual(found.map((d) => d.range), [rangeOf(text, '"CaseNumber"'), rangeOf(text, '"Comments"')]);
  });

  it('accepts relationship paths that are selected', () => {
    const text = jobText({ query: 'SELECT Id, Description, Owner.Name, CreatedDate FROM Case', mapping: { fields: [{ source: 'Owner.Name', type: 'text' }] } });
    assert.deepEqual(withCode(validate(text), 'field-not-selected'), []);
  });

  it('flags a chat job whose query leaves out the transcript field it reads by default', () => {
    const text = jobText({ feedbackType: 'chat', query: 'SELECT Id, StartTime FROM LiveChatTranscript', dateField: 'StartTime', mapping: {} });
    const diagnostic = only(validate(text), 'field-not-selected');
    assert.match(diagnostic.message, /Body/);
    assert.deepEqual(diagnostic.range, rangeOf(text, '"chat"'));
  });

  it('does not judge a query that selects FIELDS(ALL)', () => {
    const text = jobText({ query: 'SELECT FIELDS(ALL) FROM Case LIMIT 200', mapping: { fields: [{ source: 'Priority', type: 'text' }] } });
    assert.deepEqual(withCode(validate(text), 'field-not-selected'), []);
  });
});

describe('field-case', () => {
  it('flags a source that differs from the sample keys only in case, with a fix to the exact spelling', () => {
    const text = jobText({ query: 'SELECT Id, subject, Description, CreatedDate FROM Case', mapping: { fields: [{ source: 'subject', type: 'text' }] } });
    const result = validate(text, { files: { 'cases.sample.json': SAMPLE } });
    const diagnostic = only(result, 'field-case');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"subject"'));
    assert.equal(diagnostic.data?.expected, 'Subject');
    const fixed = applyFix(text, diagnostic);
    assert.deepEqual(withCode(validate(fixed, { files: { 'cases.sample.json': SAMPLE } }), 'field-case'), []);
    assert.match(fixed, /"source": "Subject"/);
  });

  it('uses the SELECT list as written when there is no sample', () => {
    const text = jobText({ mapping: { fields: [{ source: 'description', type: 'verbatim' }] } });
    const diagnostic = only(validate(text), 'field-case');
    assert.equal(diagnostic.data?.expected, 'Description');
  });

  it('checks the dateField and relationship paths against the flattened sample keys', () => {
    const text = jobText({ query: 'SELECT Id, Description, Owner.Name, CreatedDate FROM Case', dateField: 'createdDate', mapping: { fields: [{ source: 'owner.name', type: 'text' }] } });
    const result = validate(text, { files: { 'cases.sample.json': SAMPLE } });
    assert.deepEqual(withCode(result, 'field-case').map((d) => d.data?.expected), ['CreatedDate', 'Owner.Name']);
  });

  it('accepts exact spellings', () => {
    assert.deepEqual(withCode(validate(jobText(), { files: { 'cases.sample.json': SAMPLE } }), 'field-case'), []);
  });
});

describe('field-not-in-sample', () => {
  it('warns about a selected field none of the sample records has', () => {
    const text = jobText({ query: 'SELECT Id, Description, Origin, CreatedDate FROM Case', mapping: { fields: [{ source: 'Origin', type: 'text' }] } });
    const diagnostic = only(validate(text, { files: { 'cases.sample.json': SAMPLE } }), 'field-not-in-sample');
    assert.equal(diagnostic.severity, 'warning');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"Origin"'));
  });

  it('does not judge fields under a relationship that is null in the sample', () => {
    const text = jobText({ query: 'SELECT Id, Description, Contact.Name, CreatedDate FROM Case', mapping: { fields: [{ source: 'Contact.Name', type: 'text' }] } });
    assert.deepEqual(codesOf(validate(text, { files: { 'cases.sample.json': SAMPLE } })), []);
  });

  it('stays quiet without a sample', () => {
    const text = jobText({ query: 'SELECT Id, Description, Origin, CreatedDate FROM Case', mapping: { fields: [{ source: 'Origin', type: 'text' }] } });
    assert.deepEqual(codesOf(validate(text)), []);
  });
});

describe('sample loading', () => {
  it('reads the sample named by the sample key, relative to the job', () => {
    const result = validate(jobText({ sample: 'samples/cases.json' }), { files: { 'samples/cases.json': JSON.stringify({ records: JSON.parse(SAMPLE) }) } });
    assert.equal(result.samplePath, 'samples/cases.json');
    assert.deepEqual(result.diagnostics, []);
  });

  it('reads <job>.sample.json beside the job by default', () => {
    assert.equal(validate(jobText(), { path: 'a/support.sfjob.json', files: { 'support.sample.json': SAMPLE } }).samplePath, 'support.sample.json');
  });

  it('warns with sample-invalid at the sample key when the named file is missing', () => {
    const text = jobText({ sample: 'nope.json' });
    const diagnostic = only(validate(text), 'sample-invalid');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"nope.json"'));
    assert.equal(diagnostic.severity, 'warning');
  });

  it('warns with sample-invalid when the sample holds no records', () => {
    assert.equal(only(validate(jobText(), { files: { 'cases.sample.json': '{"rows": []}' } }), 'sample-invalid').severity, 'warning');
    assert.equal(only(validate(jobText(), { files: { 'cases.sample.json': '[1, 2]' } }), 'sample-invalid').severity, 'warning');
    assert.equal(only(validate(jobText(), { files: { 'cases.sample.json': 'not json' } }), 'sample-invalid').severity, 'warning');
  });
});

describe('redaction fields', () => {
  it('accepts the name of a mapped field, which is what a redaction applies to', () => {
    const text = jobText({ mapping: { fields: [{ source: 'Description', name: 'comment', type: 'verbatim' }] }, redactions: [{ pattern: 'x', fields: ['comment'] }] });
    assert.deepEqual(codesOf(validate(text)), []);
  });
});

describe('field-case from the SELECT list', () => {
  it('does not take a name typed in one case in SELECT for the record key', () => {
    const text = jobText({ query: 'SELECT Id, description, createddate FROM Case', mapping: { fields: [{ source: 'Description', type: 'verbatim' }] } });
    assert.deepEqual(codesOf(validate(text)), []);
  });
});

describe('the default natural_id', () => {
  it('flags a query that leaves out Id, at the SELECT list', () => {
    const text = jobText({ query: 'SELECT Subject, Description, CreatedDate FROM Case' });
    const diagnostic = only(validate(text), 'field-not-selected');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'Subject, Description, CreatedDate'));
    assert.match(diagnostic.message, /natural_id/);
  });

  it('is satisfied by a natural_id the mapping sets', () => {
    const text = jobText({ query: 'SELECT CaseNumber, Description, CreatedDate FROM Case', mapping: { natural_id: 'CaseNumber' } });
    assert.deepEqual(codesOf(validate(text)), []);
  });
});
