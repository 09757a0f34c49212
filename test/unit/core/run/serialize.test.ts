import assert from 'node:assert/strict';
import { createSerializer, csvCell } from '../../../../src/core/run/serialize';
import type { OutputDocument } from '../../../../src/core/run/types';
import { job } from './helpers';

const document: OutputDocument = {
  natural_id: 'a1',
  document_date: '2024-05-01T10:00:00.000Z',
  feedback_provider: 'Salesforce',
  source_value: 'Salesforce',
  feedback_type: 'Operational Reporting',
  job_name: 'Support feedback',
  project: 'Customer Care',
  loadDate: '2026-11-25T08:00:00.000Z',
  attributes: { Status: 'Closed, finally', Score: 9 },
  verbatims: { Comment: 'He said "wow"\nthen left' },
};

describe('createSerializer', () => {
  it('writes one JSON object a line for jsonl', () => {
    const serializer = createSerializer(job());
    assert.equal(serializer.header, '');
    const line = serializer.line(document);
    assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'));
    assert.deepEqual(JSON.parse(line), document);
  });

  it('writes csv with a header from the mapping and quotes cells holding commas, quotes and line breaks', () => {
    const serializer = createSerializer(
      job({
        output: { format: 'csv' },
        mapping: { fields: [{ source: 'Status', type: 'text' }, { source: 'Score__c', name: 'Score', type: 'number' }, { source: 'Comment__c', name: 'Comment', type: 'verbatim' }, { source: 'X', type: 'skip' }] },
      }),
    );
    assert.equal(serializer.header, 'natural_id,document_date,feedback_provider,source_value,feedback_type,job_name,project,loadDate,Status,Score,Comment\n');
    assert.equal(
      serializer.line(document),
      'a1,2024-05-01T10:00:00.000Z,Salesforce,Salesforce,Operational Reporting,Support feedback,Customer Care,2026-11-25T08:00:00.000Z,"Closed, finally",9,"He said ""wow""\nthen left"\n',
    );
  });

  it('writes blanks for missing values and JSON for objects', () => {
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell({ a: 1 }), '"{""a"":1}"');
    assert.equal(csvCell(' padded'), '" padded"');
  });
});
