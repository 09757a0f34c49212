import * as assert from 'node:assert/strict';
import { jobText, only, rangeOf, validate, withCode } from '../job-fixture';
import { CHAT_JOB, emulatorDescribe } from './fixtures';

const chat = (changes: Record<string, unknown>): string => jobText({ ...CHAT_JOB, mapping: undefined, ...changes });
const SAMPLE = JSON.stringify([
  { attributes: { type: 'LiveChatTranscript' }, Id: '570A', Body: '<p>hi</p>', ChatDuration: 312, Status: 'Completed', StartTime: '2024-05-01T10:00:00.000+0000', CreatedDate: '2024-05-01T10:05:00.000+0000', IsChatbotSession: false },
]);

describe('typed expressions', () => {
  describe('a number field compared with text', () => {
    const text = chat({ filter: 'ChatDuration > "60"' });

    it('is an error at the text, with the describe cache', () => {
      const found = only(validate(text, { describe: emulatorDescribe() }), 'expression-invalid');
      assert.deepEqual(found.range, rangeOf(text, '\\"60\\"'));
      assert.match(found.message, /Cannot compare a number with text/);
    });

    it('is an error from the sample values alone', () => {
      only(validate(text, { files: { 'cases.sample.json': SAMPLE } }), 'expression-invalid');
    });

    it('is an error from the standard fields alone (no sample, no describe data)', () => {
      only(validate(text), 'expression-invalid');
    });

    it('is clean when the number is written as a number', () => {
      assert.deepEqual(withCode(validate(chat({ filter: 'ChatDuration > 60' }), { describe: emulatorDescribe() }), 'expression-invalid'), []);
    });

    it('says nothing about a field no authority knows', () => {
      const custom = chat({ query: 'SELECT Id, Body, Rating__c, CreatedDate FROM LiveChatTranscript', filter: 'Rating__c > "60"' });
      assert.deepEqual(withCode(validate(custom), 'expression-invalid'), []);
    });
  });

  it('reports text that is not a date compared with a date field, and accepts a real date', () => {
    const query = 'SELECT Id, Description, CloseDate, CreatedDate FROM Opportunity';
    const bad = jobText({ query, filter: 'CloseDate > "yesterday"' });
    const found = only(validate(bad), 'expression-invalid');
    assert.deepEqual(found.range, rangeOf(bad, '\\"yesterday\\"'));
    assert.deepEqual(withCode(validate(jobText({ query, filter: 'CloseDate > "2024-01-01"' })), 'expression-invalid'), []);
  });

  it('reports a number field compared with text that is not a number', () => {
    const text = chat({ filter: 'ChatDuration > "abc"' });
    assert.deepEqual(only(validate(text), 'expression-invalid').range, rangeOf(text, '\\"abc\\"'));
  });

  it('reports a filter that is text, not true/false, over the whole expression', () => {
    const text = jobText({ filter: 'Subject' });
    const found = only(validate(text), 'expression-invalid');
    assert.match(found.message, /must be true or false/);
    assert.deepEqual(found.range, rangeOf(text, 'Subject', 1));
  });

  it('accepts a true/false field as a filter', () => {
    assert.deepEqual(withCode(validate(chat({ filter: 'IsChatbotSession' })), 'expression-invalid'), []);
  });

  it('reports arithmetic on text in an expression source', () => {
    const text = jobText({ mapping: { fields: [{ source: { expression: 'Subject + 1' }, name: 'x', type: 'text' }] } });
    assert.match(only(validate(text), 'expression-invalid').message, /use "&" to join text/);
  });

  it('types VALUE in a transform as the field it transforms', () => {
    const bad = chat({ mapping: { fields: [{ source: 'ChatDuration', type: 'text', transform: { expression: 'UPPER(VALUE)' } }] } });
    assert.match(only(validate(bad), 'expression-invalid').message, /must be text, not a number/);
    const good = chat({ mapping: { fields: [{ source: 'ChatDuration', type: 'text', transform: { expression: 'TEXT(VALUE) & " s"' } }] } });
    assert.deepEqual(withCode(validate(good), 'expression-invalid'), []);
  });

  it('gives each clean expression its type for the editor', () => {
    const text = chat({ filter: 'ChatDuration > 60', mapping: { fields: [{ source: { expression: 'ChatDuration * 2' }, name: 'double', type: 'number' }] } });
    assert.deepEqual(validate(text).expressionTypes, { filter: 'boolean', 'mapping.fields[0].source.expression': 'number' });
  });

  describe('field case inside expressions', () => {
    const query = 'SELECT Id, Description, lastModifiedDate, comment__c FROM Opportunity';

    it('takes the canonical spelling, not the SELECT list’s', () => {
      const text = jobText({ query, dateField: 'LastModifiedDate', filter: 'LastModifiedDate > "2024-01-01"' });
      assert.deepEqual(validate(text).diagnostics, []);
    });

    it('reports a standard field written in the wrong case, suggesting its API name', () => {
      const text = jobText({ query, dateField: 'LastModifiedDate', filter: 'lastmodifieddate > "2024-01-01"' });
      assert.equal(only(validate(text), 'expression-invalid').data?.suggestion, 'LastModifiedDate');
    });

    it('accepts any case for a field no authority knows', () => {
      const text = jobText({ query, dateField: 'LastModifiedDate', filter: 'NOT ISBLANK(Comment__c)' });
      assert.deepEqual(validate(text).diagnostics, []);
    });
  });
});
