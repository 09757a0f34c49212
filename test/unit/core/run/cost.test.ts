import * as assert from 'node:assert/strict';
import { BudgetExceededError, characterCount, CostTally, documentRecords, RunCost, verbatimRecords } from '../../../../src/core/run/cost';
import type { OutputDocument } from '../../../../src/core/run/types';

function doc(verbatims: Record<string, string>, naturalId = 'a1'): OutputDocument {
  return {
    natural_id: naturalId,
    document_date: '2024-05-01T10:00:00.000Z',
    feedback_provider: 'Salesforce',
    source_value: 'Salesforce',
    feedback_type: 'Operational Reporting',
    job_name: 'Job',
    project: 'P',
    loadDate: '2026-11-25T08:00:00.000Z',
    attributes: {},
    verbatims,
  };
}

/** A simple id store like the run's: numbers in the order ids are first seen. */
function ids(): { entryOf(id: string): number } {
  const entries = new Map<string, number>();
  return { entryOf: (id) => entries.get(id) ?? (entries.set(id, entries.size), entries.size - 1) };
}

describe('XM Discover feedback record cost', () => {
  it('charges one record per started 2,048 characters of a verbatim', () => {
    assert.equal(verbatimRecords('x'), 1);
    assert.equal(verbatimRecords('x'.repeat(2048)), 1);
    assert.equal(verbatimRecords('x'.repeat(2049)), 2);
    assert.equal(verbatimRecords('x'.repeat(4096)), 2);
    assert.equal(verbatimRecords('x'.repeat(4097)), 3);
  });

  it('counts characters, not UTF-16 units: 2,048 emoji are one block', () => {
    const emoji = '😀'.repeat(2048);
    assert.equal(emoji.length, 4096);
    assert.equal(characterCount(emoji), 2048);
    assert.equal(verbatimRecords(emoji), 1);
    assert.equal(verbatimRecords(`${emoji}a`), 2);
  });

  it('costs a quarter record for a document without verbatims, or whose verbatims are all empty', () => {
    assert.equal(documentRecords(doc({})), 0.25);
    assert.equal(documentRecords(doc({ Comment: '' })), 0.25);
    assert.equal(documentRecords(doc({ Comment: '   \n' })), 0.25);
  });

  it('adds one record for each further verbatim field, and empty ones cost nothing', () => {
    assert.equal(documentRecords(doc({ Comment: 'a' })), 1);
    assert.equal(documentRecords(doc({ Comment: 'a', Subject: 'b', Notes: 'c' })), 3);
    assert.equal(documentRecords(doc({ Comment: 'a', Subject: '' })), 1);
    assert.equal(documentRecords(doc({ Comment: 'x'.repeat(2049), Subject: 'b' })), 3);
  });

  it("counts a conversation's turns as one verbatim", () => {
    const chat = { ...doc({}), conversation: { participants: [], turns: [{ participantId: 'p1', text: 'x'.repeat(2000), offsetSeconds: 0 }, { participantId: 'p2', text: 'y'.repeat(100), offsetSeconds: 1 }] } };
    assert.equal(documentRecords(chat), 2);
  });

  it('sums quarters exactly', () => {
    const tally = new CostTally();
    for (let i = 0; i < 1_000_003; i++) tally.addQuarters(1);
    assert.equal(tally.records, 250_000.75);
  });

  it('takes back a document a later one of the same natural_id replaced', () => {
    const cost = new RunCost(ids(), undefined, true);
    cost.addPage([{ document: doc({ Comment: 'x'.repeat(5000) }, 'a'), supersedes: false }]);
    cost.addPage([{ document: doc({}, 'b'), supersedes: false }, { document: doc({ Comment: 'short' }, 'a'), supersedes: true }]);
    const summary = cost.summary();
    assert.equal(summary.total, 1.25);
    assert.equal(summary.documents, 2);
    assert.deepEqual(summary.byCost, { '0.25': 1, '1': 1 });
  });

  it('refuses a run over its budget with the count in the message', () => {
    const cost = new RunCost(ids(), 2, true);
    cost.addPage([{ document: doc({ Comment: 'a' }, 'a'), supersedes: false }, { document: doc({ Comment: 'b' }, 'b'), supersedes: false }]);
    assert.throws(
      () => cost.addPage([{ document: doc({}, 'c'), supersedes: false }]),
      (error: unknown) => error instanceof BudgetExceededError && /at least 2\.25 feedback records \(3 documents so far\), more than the job's budget of 2 feedback records/.test(error.message),
    );
  });

  it('checks only the final total when a later document may still lower it', () => {
    const cost = new RunCost(ids(), 1, false);
    cost.addPage([{ document: doc({ Comment: 'x'.repeat(3000) }, 'a'), supersedes: false }]);
    cost.addPage([{ document: doc({ Comment: 'short' }, 'a'), supersedes: true }]);
    cost.finish();
    assert.equal(cost.summary().total, 1);
  });
});
