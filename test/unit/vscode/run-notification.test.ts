import * as assert from 'node:assert';
import type { RunReport } from '../../../src/runner/report';
import { runNotification } from '../../../src/vscode/run/notification';

function report(extra: Partial<RunReport> = {}): RunReport {
  return {
    runId: 'r1', job: 'cases', jobFile: 'cases.sfjob.json', jobName: 'Closed cases', project: 'Care', feedbackType: 'feedback', status: 'succeeded',
    startedAt: '', finishedAt: '', durationMs: 1, retrieved: 10, pages: 1, conversations: 0, written: 8, prepared: 8, filteredOut: 2,
    duplicates: { replaced: 0, skipped: 0, unchanged: 0 }, boundaryRepeats: 0, overLimit: 0, stoppedAtLimit: false, skipped: {}, skipDetails: [],
    rowsLeftOut: { system: 0, emptyMessage: 0, unknownActor: 0 }, systemLines: 0, substitutions: 0, redactions: { total: 0, byRule: [] },
    warnings: { count: 0, messages: [] }, state: { before: { seenIds: 0 }, after: { seenIds: 8 } },
    ...extra,
  };
}

describe('the notification after a run started in VS Code', () => {
  it('shows a clean run with its counts: read, published, skipped, filtered out and cost', () => {
    const cost = { total: 8, documents: 8, byCost: { '1': 8 }, first: [] };
    assert.deepStrictEqual(runNotification(report({ feedbackRecords: cost })), { kind: 'info', message: 'sfjob: "Closed cases" read 10 records, published 8 documents, 0 skipped, 2 filtered out, cost 8 feedback records.' });
  });

  it('warns about skips and warnings', () => {
    const skipped = report({ skipped: { 'missing-natural-id': 2 }, warnings: { count: 1, messages: ['x'] } });
    assert.deepStrictEqual(runNotification(skipped), { kind: 'warn', message: 'sfjob: "Closed cases" read 10 records, published 8 documents, 2 skipped, 2 filtered out; 1 warning.' });
  });

  it('warns loudly when records were read and no document was published, with the reasons counted', () => {
    const zero = report({ written: 0, prepared: 0, filteredOut: 6, duplicates: { replaced: 0, skipped: 0, unchanged: 4 }, zeroOutcome: { reasons: { 'filtered out': 6, 'unchanged since delivered': 4 } }, warnings: { count: 1, messages: ['read 10 records and published no document'] } });
    const shown = runNotification(zero);
    assert.strictEqual(shown.kind, 'warn');
    assert.strictEqual(shown.message, 'sfjob: "Closed cases" read 10 records and published NO document: 6 filtered out, 4 unchanged since delivered. Nothing reaches XM Discover from this run.');
  });

  it('reports failures and stops, saying that nothing was published', () => {
    assert.deepStrictEqual(runNotification(report({ status: 'failed', error: 'INVALID_SESSION_ID', written: 0, prepared: 0 })), {
      kind: 'error',
      message: 'sfjob: "Closed cases" failed: INVALID_SESSION_ID. Nothing was published; the output and state are as before, and the next run reads the same window again.',
    });
    const stopped = runNotification(report({ status: 'stopped', written: 0, prepared: 28000 }));
    assert.strictEqual(stopped.kind, 'warn');
    assert.match(stopped.message, /was stopped\. Nothing was published \(28000 documents were prepared\)/);
  });
});
