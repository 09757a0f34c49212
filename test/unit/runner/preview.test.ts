import assert from 'node:assert/strict';
import { previewJob } from '../../../src/runner/preview';
import { feedbackRecord, job } from '../core/run/helpers';
import { listFiles, makeWorkspace } from './helpers';

describe('previewJob', () => {
  it('runs the pipeline on the sample records and writes nothing', async () => {
    const workspace = await makeWorkspace();
    try {
      const records = [
        feedbackRecord('a1', '2024-05-01T10:00:00.000+0000', { Comment__c: 'call 555-1234' }),
        feedbackRecord('a2', '2024-05-02T10:00:00.000+0000', { Comment__c: 'first' }),
        feedbackRecord('a2', '2024-05-03T10:00:00.000+0000', { Comment__c: 'second' }),
      ];
      const result = await previewJob({
        jobPath: workspace.jobPath,
        job: job({ redactions: ['\\d{3}-\\d{4}'], mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }] } }),
        records,
        now: new Date('2026-11-25T08:00:00.000Z'),
      });
      assert.deepEqual(result.documents.map((document) => [document.natural_id, document.verbatims.Comment__c]), [['a1', 'call [REDACTED]'], ['a2', 'second']]);
      assert.equal(result.counters.redactions, 1);
      assert.equal(records[0].Comment__c, 'call 555-1234');
      assert.deepEqual(await listFiles(workspace.root), ['jobs/support.sfjob.json']);
    } finally {
      await workspace.remove();
    }
  });

  it('returns at most the number of documents asked for', async () => {
    const records = Array.from({ length: 30 }, (_, index) => feedbackRecord(`a${index}`, '2024-05-01T10:00:00Z'));
    const result = await previewJob({ jobPath: 'x.sfjob.json', job: job(), records, now: new Date(), maxDocuments: 5 });
    assert.equal(result.documents.length, 5);
  });
});
