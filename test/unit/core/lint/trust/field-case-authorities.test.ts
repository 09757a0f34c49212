import * as assert from 'node:assert/strict';
import { applyFix, jobText, only, rangeOf, validate, withCode } from '../job-fixture';
import { emulatorDescribe } from './fixtures';

const OPPORTUNITY = 'SELECT Id, Description, lastModifiedDate, comment__c FROM Opportunity';

describe('field case from authorities only', () => {
  it('never takes the SELECT list as the spelling: Salesforce returns canonical names', () => {
    const text = jobText({ query: OPPORTUNITY, dateField: 'LastModifiedDate', mapping: { fields: [{ source: 'Description', type: 'verbatim' }, { source: 'comment__c', type: 'text' }] } });
    assert.deepEqual(validate(text).diagnostics, []);
  });

  it('reports a standard field in the wrong case with its API name, and the fix writes it', () => {
    const text = jobText({ query: OPPORTUNITY, dateField: 'lastModifiedDate' });
    const found = only(validate(text), 'field-case');
    assert.match(found.message, /spelled "LastModifiedDate" in the standard fields of Salesforce/);
    assert.deepEqual(found.range, rangeOf(text, '"lastModifiedDate"'));
    assert.match(applyFix(text, found), /"dateField": "LastModifiedDate"/);
  });

  it('follows standard relationships: owner.name is Owner.Name', () => {
    const text = jobText({ query: 'SELECT Id, Description, owner.name, CreatedDate FROM Case', mapping: { fields: [{ source: 'Description', type: 'verbatim' }, { source: 'owner.name', name: 'owner', type: 'text' }] } });
    assert.equal(only(validate(text), 'field-case').data?.expected, 'Owner.Name');
  });

  it('takes the sample’s record keys first', () => {
    const sample = JSON.stringify([{ attributes: { type: 'Opportunity' }, Id: '006A', Description: 'x', LastModifiedDate: '2024-05-01T10:00:00.000+0000', Comment__c: 'hello' }]);
    const text = jobText({ query: OPPORTUNITY, dateField: 'LastModifiedDate', mapping: { fields: [{ source: 'Description', type: 'verbatim' }, { source: 'comment__c', type: 'text' }] } });
    const found = only(validate(text, { files: { 'cases.sample.json': sample } }), 'field-case');
    assert.equal(found.data?.expected, 'Comment__c');
    assert.match(found.message, /the sample records \(cases\.sample\.json\)/);
  });

  it('takes the describe data for a custom field the standard fields do not know', () => {
    const text = jobText({ query: 'SELECT Id, Comment__c, CreatedDate FROM Survey_Response__c', mapping: { fields: [{ source: 'comment__C', type: 'verbatim' }] } });
    assert.equal(only(validate(text, { describe: emulatorDescribe() }), 'field-case').data?.expected, 'Comment__c');
    assert.deepEqual(withCode(validate(text), 'field-case'), [], 'without describe data, nothing knows the custom field');
  });

  it('checks mapping sources of the default fields too', () => {
    const text = jobText({ mapping: { natural_id: 'ID', fields: [{ source: 'Description', type: 'verbatim' }] } });
    assert.equal(only(validate(text), 'field-case').data?.expected, 'Id');
  });
});
