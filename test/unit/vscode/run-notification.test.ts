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

const ALL = { onFailure: true, onWarnings: true, onSuccess: true };
const NONE = { onFailure: false, onWarnings: false, onSuccess: false };

describe('the notification after a run in VS Code', () => {
  it('announces a clean run only when onSuccess is on', () => {
    assert.deepStrictEqual(runNotification(report(), ALL), { kind: 'info', message: 'sfjob: "Closed cases" published 8 documents from 10 records.' });
    assert.strictEqual(runNotification(report(), { ...ALL, onSuccess: false }), undefined);
  });

  it('warns about skips and warnings when onWarnings is on', () => {
    const skipped = report({ skipped: { 'missing-natural-id': 2 }, warnings: { count: 1, messages: ['x'] } });
    assert.deepStrictEqual(runNotification(skipped, ALL), { kind: 'warn', message: 'sfjob: "Closed cases" published 8 documents from 10 records, with 1 warning(s), 2 skipped: see the sfjob output.' });
    // A run with warnings is not a clean run: onSuccess alone does not announce it.
    assert.strictEqual(runNotification(skipped, { ...NONE, onSuccess: true }), undefined);
  });

  it('warns when records were read and no document was published, with the reasons counted', () => {
    const zero = report({ written: 0, prepared: 0, filteredOut: 6, duplicates: { replaced: 0, skipped: 0, unchanged: 4 }, zeroOutcome: { reasons: { 'filtered out': 6, 'unchanged since delivered': 4 } }, warnings: { count: 1, messages: ['read 10 records and published no document'] } });
    assert.deepStrictEqual(runNotification(zero, ALL), { kind: 'warn', message: 'sfjob: "Closed cases" read 10 records and published no document: 6 filtered out, 4 unchanged since delivered. See the sfjob output.' });
    assert.strictEqual(runNotification(zero, { ...ALL, onWarnings: false }), undefined);
  });

  it('reports failures and stops when onFailure is on, saying that nothing was published', () => {
    assert.deepStrictEqual(runNotification(report({ status: 'failed', error: 'INVALID_SESSION_ID' }), NONE), undefined);
    assert.deepStrictEqual(runNotification(report({ status: 'failed', error: 'INVALID_SESSION_ID', written: 0, prepared: 0 }), { ...NONE, onFailure: true }), {
      kind: 'error',
      message: 'sfjob: "Closed cases" failed: INVALID_SESSION_ID. Nothing was published; the output and state are as before, and the next run reads the same window again.',
    });
    const stopped = runNotification(report({ status: 'stopped', written: 0, prepared: 28000 }), { ...NONE, onFailure: true });
    assert.strictEqual(stopped?.kind, 'warn');
    assert.match(stopped?.message ?? '', /was stopped\. Nothing was published \(28000 documents were prepared\)/);
    assert.doesNotMatch(stopped?.message ?? '', /wrote/);
  });
});
