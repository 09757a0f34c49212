import * as assert from 'node:assert/strict';
import { describeSourceOf } from '../../../../../src/core/describe';
import { CASE_OBJECT, codesOf, jobText, only, rangeOf, validate } from '../job-fixture';

const describe_ = describeSourceOf([CASE_OBJECT]);

describe('checks with cached describe data', () => {
  it('flags a dateField that is not a date or datetime field, at the dateField', () => {
    const text = jobText({ dateField: 'Status' });
    const diagnostic = only(validate(text, { describe: describe_ }), 'date-field-not-date');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"Status"'));
    assert.match(diagnostic.message, /picklist/);
  });

  it('flags a dateField that cannot be filtered on', () => {
    const text = jobText({ query: 'SELECT Id, Description, Reply_At__c FROM Case', dateField: 'Reply_At__c' });
    assert.deepEqual(only(validate(text, { describe: describe_ }), 'field-not-filterable').range, rangeOf(text, '"Reply_At__c"'));
  });

  it('accepts a filterable datetime dateField', () => {
    assert.deepEqual(codesOf(validate(jobText(), { describe: describe_ })), []);
  });

  it('passes describe data to the query analyzer for unknown fields and objects', () => {
    const text = jobText({ query: 'SELECT Id, Subjet, Description, CreatedDate FROM Case' });
    assert.deepEqual(only(validate(text, { describe: describe_ }), 'unknown-field').range, rangeOf(text, 'Subjet'));
    assert.deepEqual(codesOf(validate(text)), []);
  });
});

describe('field-case with cached describe data and no sample', () => {
  it("takes the org's spelling over the SELECT list as written", () => {
    const text = jobText({ query: 'SELECT Id, description, createddate FROM Case', mapping: { fields: [{ source: 'Description', type: 'verbatim' }] } });
    assert.deepEqual(codesOf(validate(text, { describe: describe_ })), []);
    const wrong = jobText({ query: 'SELECT Id, description, createddate FROM Case', mapping: { fields: [{ source: 'description', type: 'verbatim' }] } });
    assert.equal(only(validate(wrong, { describe: describe_ }), 'field-case').data?.expected, 'Description');
  });
});
