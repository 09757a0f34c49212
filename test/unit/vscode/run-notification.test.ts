import * as assert from 'node:assert';
import type { RunReport } from '../../../src/runner/report';
import { runNotification } from '../../../src/vscode/run/notification';

function report(extra: Partial<RunReport> = {}): RunReport {
  return {
    runId: 'r1', job: 'cases', jobFile: 'cases.sfjob.json', jobName: 'Closed cases', project: 'Care', feedbackType: 'feedback', status: 'succeeded',
    startedAt: '', finishedAt: '', durationMs: 1, retrieved: 10, pages: 1, conversations: 0, written: 8, filteredOut: 2,
    duplicates: { replaced: 0, skipped: 0 }, overLimit: 0, stoppedAtLimit: false, skipped: {}, skipDetails: [],
    rowsLeftOut: { system: 0, emptyMessage: 0, unknownActor: 0 }, systemLines: 0, substitutions: 0, redactions: { total: 0, byRule: [] },
    warnings: { count: 0, messages: [] }, state: { before: { seenIds: 0 }, after: { seenIds: 8 } },
    ...extra,
  };
}

const ALL = { onFailure: true, onWarnings: true, onSuccess: true };
const NONE = { onFailure: false, onWarnings: false, onSuccess: false };

describe('the notification after a run in VS Code', () => {
  it('announces a clean run only when onSuccess is on', () => {
    assert.deepStrictEqual(runNotification(report(), ALL), { kind: 'info', message: 'sfjob: "Closed cases" wrote 8 documents from 10 records.' });
    assert.strictEqual(runNotification(report(), { ...ALL, onSuccess: false }), undefined);
  });

  it('warns about skips and warnings when onWarnings is on', () => {
    const skipped = report({ skipped: { 'missing-natural-id': 2 }, warnings: { count: 1, messages: ['x'] } });
    assert.deepStrictEqual(runNotification(skipped, ALL), { kind: 'warn', message: 'sfjob: "Closed cases" wrote 8 documents from 10 records, with 1 warning, 2 skipped: see the sfjob output.' });
    // A run with warnings is not a clean run: onSuccess alone does not announce it.
    assert.strictEqual(runNotification(skipped, { ...NONE, onSuccess: true }), undefined);
  });

  it('reports failures and stops when onFailure is on, and stays quiet otherwise', () => {
    assert.deepStrictEqual(runNotification(report({ status: 'failed', error: 'INVALID_SESSION_ID' }), NONE), undefined);
    assert.deepStrictEqual(runNotification(report({ status: 'failed', error: 'INVALID_SESSION_ID' }), { ...NONE, onFailure: true }), { kind: 'error', message: 'sfjob: "Closed cases" failed: INVALID_SESSION_ID' });
    assert.strictEqual(runNotification(report({ status: 'stopped' }), { ...NONE, onFailure: true })?.kind, 'warn');
  });
});
