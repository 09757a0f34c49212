import * as assert from 'node:assert/strict';
import { codesOf, jobText, validate } from '../job-fixture';
import { CHAT_JOB, emulatorDescribe } from './fixtures';

const MAPPED = { fields: [{ source: 'Description', type: 'verbatim' }, { source: 'Priority', type: 'text' }] };

describe('one mistake, one error', () => {
  it('an aggregate query gets soql-aggregate only: no date-field or mapping noise', () => {
    const text = jobText({ query: 'SELECT COUNT(Id), MAX(CreatedDate) FROM Case', mapping: MAPPED, filter: 'Status = "New"' });
    assert.deepEqual(codesOf(validate(text)), ['soql-aggregate', 'soql-aggregate']);
  });

  it('a GROUP BY query gets soql-group-by only', () => {
    const text = jobText({ query: 'SELECT Status, COUNT(Id) FROM Case GROUP BY Status', mapping: MAPPED });
    const codes = codesOf(validate(text));
    assert.ok(codes.includes('soql-group-by'), JSON.stringify(codes));
    assert.deepEqual(codes.filter((c) => c !== 'soql-group-by' && c !== 'soql-aggregate'), []);
  });

  it('a query that does not parse gets soql-syntax only, not field-not-selected for every mapped field', () => {
    const text = jobText({ query: 'SELECT Id, Subject FORM Case', mapping: MAPPED, filter: 'Status = "New"' });
    assert.deepEqual(codesOf(validate(text)), ['soql-syntax']);
  });

  it('a query without date fields gets no-date-candidate, not also date-field-not-selected', () => {
    const text = jobText({ query: 'SELECT Id, Subject, Description FROM Case' });
    assert.deepEqual(codesOf(validate(text)), ['no-date-candidate']);
  });

  it('a dateField left out of SELECT is not also date-field-not-date', () => {
    const text = jobText({ dateField: 'Priority' });
    assert.deepEqual(codesOf(validate(text, { describe: emulatorDescribe() })), ['date-field-not-selected']);
  });

  it('a misspelt date field in SELECT is unknown-field only', () => {
    const text = jobText({ query: 'SELECT Id, Description, CreatdDate FROM Case', dateField: 'CreatdDate' });
    assert.deepEqual(codesOf(validate(text, { describe: emulatorDescribe() })), ['unknown-field']);
  });

  it('a chat job reading Case gets feedback-type-object only, not unknown Body, StartTime and no date field', () => {
    const text = jobText({ ...CHAT_JOB, mapping: undefined, query: 'SELECT Id, Body, StartTime FROM Case', dateField: 'StartTime' });
    assert.deepEqual(codesOf(validate(text, { describe: emulatorDescribe() })), ['feedback-type-object']);
    assert.deepEqual(codesOf(validate(text)), ['feedback-type-object']);
  });

  it('an sms job reading Case gets feedback-type-object only, not the five conversation fields', () => {
    const text = jobText({ ...CHAT_JOB, mapping: undefined, feedbackType: 'sms', query: 'SELECT Id, Subject, CreatedDate FROM Case' });
    assert.deepEqual(codesOf(validate(text)), ['feedback-type-object']);
  });

  it('an object the org lacks is unknown-object, not also feedback-type-object', () => {
    const text = jobText({ ...CHAT_JOB, mapping: undefined, query: 'SELECT Id, Body, CreatedDate FROM LiveChatTranscripts' });
    assert.deepEqual(codesOf(validate(text, { describe: emulatorDescribe(undefined, ['LiveChatTranscripts']) })), ['unknown-object']);
  });

  it('a mapped field left out of SELECT is field-not-selected, not also field-not-in-sample', () => {
    const sample = JSON.stringify([{ Id: '500A', Subject: 's', Description: 'd', Status: 'New', CreatedDate: '2024-05-01T10:00:00.000+0000' }]);
    const text = jobText({ mapping: MAPPED });
    assert.deepEqual(codesOf(validate(text, { files: { 'cases.sample.json': sample } })), ['field-not-selected']);
  });

  it('independent mistakes are each still reported', () => {
    const text = jobText({ query: 'SELECT Id, Subject, Description FROM Case', mapping: MAPPED, filter: 'Status = "New"' });
    assert.deepEqual(codesOf(validate(text)).sort(), ['expression-invalid', 'field-not-selected', 'no-date-candidate']);
  });
});
