import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SfRecord } from '../../../src/core/run/types';
import { JobLockedError, loadState, runJob, type RunJobOptions } from '../../../src/runner';
import { feedbackRecord, job } from '../core/run/helpers';
import { listFiles, pagesOf, readJsonLines, runOptions, useWorkspace } from './helpers';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const day = (n: number): string => `2024-05-${String(n).padStart(2, '0')}T10:00:00.000+0000`;

const pages = pagesOf;

async function* failingAfterFirstPage(): AsyncGenerator<SfRecord[]> {
  yield [feedbackRecord('z1', day(9))];
  throw new Error('connection reset by the org');
}

describe('runJob', () => {
  const workspace = useWorkspace();

  const options = (overrides: Partial<RunJobOptions> = {}): RunJobOptions => runOptions(workspace, { runId: 'run-1', clock: () => new Date(NOW.getTime() + 1500), ...overrides });

  it('writes the documents, the state and the report, and releases the lock', async () => {
    const outcome = await runJob(options({ source: () => ({ pages: pages([feedbackRecord('a1', day(1))], [feedbackRecord('a2', day(2))]), window: { until: '2026-11-25T07:59:00.000Z' }, apiCalls: () => 3 }) }));
    assert.equal(outcome.status, 'succeeded');
    assert.deepEqual(await listFiles(workspace.root), ['.sfjob/runs/jobs/support/run-1.json', '.sfjob/state/jobs/support.json', '.sfjob/state/jobs/support.sqlite', 'jobs/support.sfjob.json', 'out/jobs/support/run-1.jsonl']);
    const documents = await readJsonLines(path.join(workspace.root, 'out/jobs/support/run-1.jsonl'));
    assert.deepEqual(documents.map((document) => document.natural_id), ['a1', 'a2']);
    const state = await loadState(path.join(workspace.root, '.sfjob/state/jobs/support.json'));
    assert.equal(state.watermark, '2026-11-25T07:59:00.000Z');
    assert.deepEqual([...state.seenIds].sort(), ['a1', 'a2']);
    const report = JSON.parse(await fs.readFile(outcome.reportPath, 'utf8'));
    assert.equal(report.retrieved, 2);
    assert.equal(report.pages, 2);
    assert.equal(report.written, 2);
    assert.equal(report.apiCalls, 3);
    assert.equal(report.durationMs, 1500);
    assert.deepEqual(report.output, { path: 'out/jobs/support/run-1.jsonl', format: 'jsonl', documents: 2, bytes: report.output.bytes });
    assert.deepEqual(report.state, { before: { seenIds: 0 }, after: { watermark: '2026-11-25T07:59:00.000Z', seenIds: 2 } });
    assert.deepEqual(report.window, { until: '2026-11-25T07:59:00.000Z' });
  });

  it('keeps only the later document of a natural_id repeated within the run under replace, in jsonl and csv', async () => {
    const records = [feedbackRecord('a1', day(1), { Comment__c: 'first' }), feedbackRecord('a2', day(2), { Comment__c: 'other, "quoted"\nline' }), feedbackRecord('a1', day(3), { Comment__c: 'second' })];
    const jsonl = await runJob(options({ source: pages(records) }));
    const documents = await readJsonLines(jsonl.output?.path ?? '');
    assert.deepEqual(documents.map((document) => [document.natural_id, (document.verbatims as Record<string, string>).Comment__c]), [['a2', 'other, "quoted"\nline'], ['a1', 'second']]);
    assert.equal(jsonl.report.duplicates.replaced, 1);
    assert.equal(jsonl.output?.documents, 2);

    // A fresh state: under replace, documents identical to the delivered ones are not sent again.
    await fs.rm(path.join(workspace.root, '.sfjob/state/jobs/support.sqlite'));
    const csvJob = job({ output: { format: 'csv' }, mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }] } });
    const csv = await runJob(options({ job: csvJob, runId: 'run-2', source: pages(records) }));
    const text = await fs.readFile(csv.output?.path ?? '', 'utf8');
    assert.ok(csv.output?.path.endsWith(path.join('out', 'jobs', 'support', 'run-2.csv')));
    const lines = text.split('\n');
    assert.equal(lines[0], 'natural_id,document_date,feedback_provider,source_value,feedback_type,job_name,project,loadDate,Comment__c');
    assert.match(lines[1], /^a2,.*,"other, ""quoted""$/);
    assert.match(lines[3], /^a1,.*,second$/);
    assert.equal(csv.output?.bytes, Buffer.byteLength(text));
  });

  it('applies natural ids from earlier runs: a later run skips them under skip', async () => {
    await runJob(options());
    const second = await runJob(options({ job: job({ duplicates: 'skip' }), runId: 'run-2', source: pages([feedbackRecord('a2', day(3)), feedbackRecord('a3', day(4))]) }));
    assert.equal(second.report.duplicates.skipped, 1);
    assert.deepEqual((await readJsonLines(second.output?.path ?? '')).map((document) => document.natural_id), ['a3']);
    assert.equal(second.report.state.after.seenIds, 3);
  });

  it('moves the watermark only to the last written record when the record limit stops the run', async () => {
    const outcome = await runJob(
      options({
        job: job({ recordLimit: 1 }),
        source: () => ({ pages: pages([feedbackRecord('a1', day(1)), feedbackRecord('a2', day(2))]), window: { since: '2024-01-01T00:00:00.000Z', until: '2026-11-25T07:59:00.000Z' } }),
      }),
    );
    assert.equal(outcome.report.stoppedAtLimit, true);
    assert.equal(outcome.report.overLimit, 1);
    assert.equal(outcome.report.state.after.watermark, '2024-05-01T10:00:00.000Z');
  });

  it('keeps the watermark of an sms run the record limit stopped, and warns that the window will be read again', async () => {
    const smsJob = job({ feedbackType: 'sms', recordLimit: 1, query: 'SELECT Id, ConversationId, ActorType, ActorName, Message, EntryTime FROM ConversationEntry', dateField: 'EntryTime' });
    const row = (conversation: string, second: number): SfRecord => ({ Id: `0dw${conversation}${second}`, ConversationId: conversation, ActorType: 'EndUser', ActorName: 'Pat', Message: 'hi', EntryTime: `2024-05-01T10:00:0${second}.000+0000` });
    const outcome = await runJob(options({ job: smsJob, source: () => ({ pages: pages([row('C1', 1), row('C2', 2)]), window: { until: '2024-06-01T00:00:00.000Z' } }) }));
    assert.equal(outcome.report.written, 1);
    assert.equal(outcome.report.state.after.watermark, undefined);
    assert.match(outcome.report.warnings.messages.join('\n'), /reads the same window again; raise recordLimit/);
  });

  it('leaves the last good output and state untouched when the source fails mid-way, and reports the failure', async () => {
    await runJob(options());
    const stateBefore = await fs.readFile(path.join(workspace.root, '.sfjob/state/jobs/support.sqlite'));
    const failed = await runJob(options({ runId: 'run-2', source: failingAfterFirstPage() }));
    assert.equal(failed.status, 'failed');
    assert.match(failed.report.error ?? '', /connection reset by the org/);
    assert.deepEqual(await fs.readFile(path.join(workspace.root, '.sfjob/state/jobs/support.sqlite')), stateBefore);
    assert.deepEqual(await listFiles(path.join(workspace.root, 'out')), ['jobs/support/run-1.jsonl']);
    assert.deepEqual(failed.report.state.after, failed.report.state.before);
    assert.equal(JSON.parse(await fs.readFile(failed.reportPath, 'utf8')).status, 'failed');
  });

  it('reports a stopped run and writes no output when the signal is aborted', async () => {
    const controller = new AbortController();
    const outcome = await runJob(options({ signal: controller.signal, onEvent: () => controller.abort() }));
    assert.equal(outcome.status, 'stopped');
    assert.equal(outcome.output, undefined);
    assert.deepEqual(await listFiles(workspace.root), ['.sfjob/runs/jobs/support/run-1.json', 'jobs/support.sfjob.json']);
  });

  it('reports a stop as a stop even when the source fails because of it', async () => {
    const controller = new AbortController();
    async function* abortingSource(): AsyncGenerator<SfRecord[]> {
      yield [feedbackRecord('a1', day(1))];
      controller.abort();
      throw new DOMException('This operation was aborted', 'AbortError');
    }
    const outcome = await runJob(options({ signal: controller.signal, source: abortingSource() }));
    assert.equal(outcome.status, 'stopped');
    assert.match(outcome.report.error ?? '', /stopped before it finished/);
  });

  it('records a report but no output file for a run that writes nothing', async () => {
    const outcome = await runJob(options({ source: pages([]) }));
    assert.equal(outcome.status, 'succeeded');
    assert.equal(outcome.report.output, undefined);
    assert.ok(!(await listFiles(workspace.root)).some((file) => file.startsWith('out/')));
  });

  it('refuses a second run while a live process holds the lock, and writes nothing', async () => {
    const lockPath = path.join(workspace.root, '.sfjob/locks/jobs/support.lock');
    await fs.mkdir(path.dirname(lockPath), { recursive: true });
    await fs.writeFile(lockPath, JSON.stringify({ pid: process.pid, hostname: os.hostname(), runId: 'run-0', startedAt: '2026-11-25T07:00:00.000Z' }));
    await assert.rejects(runJob(options()), (error: unknown) => {
      assert.ok(error instanceof JobLockedError);
      assert.match(error.message, new RegExp(`already running \\(process ${process.pid}, run run-0`));
      assert.match(error.message, /support\.lock/);
      return true;
    });
    assert.deepEqual(await listFiles(workspace.root), ['.sfjob/locks/jobs/support.lock', 'jobs/support.sfjob.json']);
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const lockPath = path.join(workspace.root, '.sfjob/locks/jobs/support.lock');
    await fs.mkdir(path.dirname(lockPath), { recursive: true });
    await fs.writeFile(lockPath, JSON.stringify({ pid: gone, hostname: os.hostname(), runId: 'run-0', startedAt: '2026-11-25T07:00:00.000Z' }));
    const outcome = await runJob(options());
    assert.equal(outcome.status, 'succeeded');
    await assert.rejects(fs.access(lockPath));
  });

  it('fails with an actionable message when the state file is damaged', async () => {
    const statePath = path.join(workspace.root, '.sfjob/state/jobs/support.json');
    await fs.mkdir(path.dirname(statePath), { recursive: true });
    await fs.writeFile(statePath, '{"version": 1, "watermark": "not a date"');
    const outcome = await runJob(options());
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.report.error ?? '', /state file .*support\.json cannot be read .*delete it to start over/);
  });

  it('fails before reading any record when a rule file is missing', async () => {
    let pulled = false;
    const source = (): { pages: AsyncGenerator<SfRecord[]> } => {
      pulled = true;
      return { pages: pages([]) };
    };
    const outcome = await runJob(options({ job: job({ redactions: { file: 'missing.txt' } }), source }));
    assert.equal(outcome.status, 'failed');
    assert.equal(pulled, false);
    assert.match(outcome.report.error ?? '', /the rule file missing\.txt does not exist/);
  });
});
