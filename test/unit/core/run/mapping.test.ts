import assert from 'node:assert/strict';
import { feedbackRecord, job, run } from './helpers';

describe('mapDocuments', () => {
  it('writes the default fields of the contract, stamped with the project and the run time', async () => {
    const { units } = await run(job(), [[feedbackRecord('a0X1', '2024-05-01T10:00:00.000+0000')]]);
    assert.deepEqual(units[0].document, {
      natural_id: 'a0X1',
      document_date: '2024-05-01T10:00:00.000Z',
      feedback_provider: 'Salesforce',
      source_value: 'Salesforce',
      feedback_type: 'Operational Reporting',
      job_name: 'Support feedback',
      project: 'Customer Care',
      loadDate: '2026-11-25T08:00:00.000Z',
      attributes: {},
      verbatims: {},
    });
  });

  it('turns extra fields into typed attributes and verbatims and leaves skipped fields out', async () => {
    const resolved = job({
      mapping: {
        fields: [
          { source: 'Status', type: 'text' },
          { source: 'Score__c', name: 'Score', type: 'number' },
          { source: 'ClosedDate', type: 'date' },
          { source: 'Comment__c', type: 'verbatim' },
          { source: 'Owner.Name', name: 'Owner', type: 'text' },
          { source: 'Secret__c', type: 'skip' },
        ],
      },
    });
    const record = feedbackRecord('a0X1', '2024-05-01T10:00:00.000+0000', {
      Status: 'Closed',
      Score__c: '9',
      ClosedDate: '2024-05-02',
      Comment__c: 'Great service',
      Owner: { attributes: { type: 'User' }, Name: 'Dana' },
      Secret__c: 'hidden',
    });
    const { units } = await run(resolved, [[record]]);
    assert.deepEqual(units[0].document.attributes, { Status: 'Closed', Score: 9, ClosedDate: '2024-05-02T00:00:00.000Z', Owner: 'Dana' });
    assert.deepEqual(units[0].document.verbatims, { Comment__c: 'Great service' });
  });

  it('reads constant and expression sources and applies regex, lookup and expression transforms', async () => {
    const resolved = job({
      mapping: {
        feedback_type: { value: 'Survey' },
        source_value: { expression: '"SF-" & Origin' },
        fields: [
          { source: 'Phone', type: 'text', transform: { regex: { pattern: '(\\d{3})-(\\d{4})', replace: '$2/$1' } } },
          { source: 'Origin', type: 'text', transform: { lookup: { table: { Web: 'Online' }, default: 'Other' } } },
          { source: 'Region', type: 'text', transform: { lookup: { table: { EU: 'Europe' } } } },
          { source: 'Score__c', name: 'Double', type: 'number', transform: { expression: 'VALUE * 2' } },
        ],
      },
    });
    const record = feedbackRecord('a0X1', '2024-05-01T10:00:00Z', { Phone: 'call 555-1234', Origin: 'Phone', Region: 'APAC', Score__c: 4 });
    const { units } = await run(resolved, [[record]]);
    const document = units[0].document;
    assert.equal(document.feedback_type, 'Survey');
    assert.equal(document.source_value, 'SF-Phone');
    assert.deepEqual(document.attributes, { Phone: 'call 1234/555', Origin: 'Other', Region: 'APAC', Double: 8 });
  });

  it('skips a record without a natural_id or a readable date, with one counter per reason', async () => {
    const records = [feedbackRecord('a0X1', '2024-05-01T10:00:00Z'), { Id: null, CreatedDate: '2024-05-01T10:00:00Z' }, feedbackRecord('a0X3', 'yesterday'), feedbackRecord('a0X4', '2024-02-30')];
    const { units, counters, events } = await run(job(), [records]);
    assert.deepEqual(units.map((unit) => unit.document.natural_id), ['a0X1']);
    assert.deepEqual(counters.skipped, { 'missing-natural-id': 1, 'invalid-document-date': 2 });
    const dateSkip = events.find((event) => event.type === 'skip' && event.naturalId === 'a0X3');
    assert.match(dateSkip && dateSkip.type === 'skip' ? dateSkip.message : '', /"yesterday", not a date/);
  });

  it('leaves a number field empty with a warning when the value is not a number', async () => {
    const resolved = job({ mapping: { fields: [{ source: 'Score__c', type: 'number' }] } });
    const { units, counters } = await run(resolved, [[feedbackRecord('a0X1', '2024-05-01T10:00:00Z', { Score__c: 'n/a' })]]);
    assert.equal(units[0].document.attributes.Score__c, null);
    assert.equal(counters.warnings, 1);
  });
});
