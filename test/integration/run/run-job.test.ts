import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { EmulatorHandle } from '../../../src/emulator/index';
import type { ResolvedJob } from '../../../src/core/job/resolve';
import type { AuthorizedConnection } from '../../../src/salesforce/session/types';
import { liveSource, loadState, runJob } from '../../../src/runner';
import { job } from '../../unit/core/run/helpers';
import { listFiles, readJsonLines } from '../../unit/runner/helpers';
import type { TestWorkspace } from '../salesforce/workspace';
import { useLiveOrg } from './live-org';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const RETRY = { baseMs: 1, maxMs: 5, random: () => 0.5 };

const chatJob = job({
  name: 'Support chats',
  feedbackType: 'chat',
  query: 'SELECT Id, Body, StartTime, CreatedDate, Status, ChatDuration, IsChatbotSession FROM LiveChatTranscript',
  dateField: 'CreatedDate',
  redactions: ['[\\w.+-]+@[\\w-]+\\.[\\w.]+', '\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b'],
  mapping: { fields: [{ source: 'Status', type: 'text' }, { source: 'ChatDuration', type: 'number' }] },
});
const smsJob = job({
  name: 'Texts',
  feedbackType: 'sms',
  query: 'SELECT Id, ConversationId, ActorType, ActorName, Message, EntryTime FROM ConversationEntry',
  dateField: 'EntryTime',
});

describe('runJob with live records from the emulator', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;
  let session: AuthorizedConnection;

  const org = useLiveOrg({ now: () => NOW, records: { cases: 10, chats: 40, sms: 25, surveys: 450 } });
  before(() => ({ emulator, workspace, session } = org));

  async function run(resolved: ResolvedJob, jobFile: string, runId: string, now = NOW) {
    return runJob({
      jobPath: path.join(workspace.root, jobFile),
      job: resolved,
      source: liveSource({ session, job: resolved, now, batchSize: 200, retry: RETRY }),
      now,
      runId,
      workspaceRoot: workspace.root,
    });
  }

  it('turns every live chat transcript into one conversation document with redacted turns', async () => {
    const outcome = await run(chatJob, 'chats.sfjob.json', 'chat-1');
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    const transcripts = emulator.org.rows('LiveChatTranscript').filter((row) => row.IsDeleted !== true);
    const documents = await readJsonLines(outcome.output?.path ?? '');
    const missed = outcome.report.skipped['conversation-without-messages'] ?? 0;
    assert.equal(documents.length + missed, transcripts.length);
    assert.ok(documents.length > missed);
    assert.deepEqual(Object.keys(outcome.report.skipped).filter((reason) => reason !== 'conversation-without-messages'), [], JSON.stringify(outcome.report.skipDetails));
    for (const document of documents) {
      const conversation = document.conversation as { participants: { type: string }[]; turns: { text: string; timestamp?: string }[] };
      assert.ok(conversation.turns.length > 0, `${String(document.natural_id)} has no turns`);
      assert.ok(conversation.participants.some((participant) => participant.type === 'AGENT'), JSON.stringify(conversation.participants));
      for (const turn of conversation.turns) {
        assert.ok(!/[\w.+-]+@[\w-]+\.[\w.]+/.test(turn.text), turn.text);
        assert.ok(turn.timestamp, `a turn of ${String(document.natural_id)} has no timestamp`);
      }
    }
    assert.ok(outcome.report.redactions.total > 0);
    assert.ok((outcome.report.apiCalls ?? 0) >= 1);
  });

  it('groups live sms rows into one document per conversation, and the next run finds nothing new', async () => {
    const first = await run(smsJob, 'texts.sfjob.json', 'sms-1');
    assert.equal(first.status, 'succeeded', first.report.error);
    const sessions = new Set(emulator.org.rows('ConversationEntry').filter((row) => row.IsDeleted !== true).map((row) => String(row.ConversationId)));
    const documents = await readJsonLines(first.output?.path ?? '');
    assert.equal(documents.length + (first.report.skipped['conversation-without-messages'] ?? 0), sessions.size);
    assert.equal(new Set(documents.map((document) => document.natural_id)).size, documents.length);
    for (const document of documents) assert.ok(sessions.has(String(document.natural_id)));
    assert.equal(first.report.warnings.count, 0, first.report.warnings.messages.join('\n'));

    const later = new Date(NOW.getTime() + 3_600_000);
    const second = await run(smsJob, 'texts.sfjob.json', 'sms-2', later);
    assert.equal(second.status, 'succeeded', second.report.error);
    assert.equal(second.report.retrieved, 0);
    assert.equal(second.report.window?.since, first.report.state.after.watermark);
    assert.equal(second.output, undefined);
  });

  it('stops a live run part-way when asked, keeping no partial output and no new state', async () => {
    const resolved = job({ name: 'Stopped', query: 'SELECT Id, Score__c, CreatedDate FROM Survey_Response__c', dateField: 'CreatedDate' });
    const controller = new AbortController();
    const outcome = await runJob({
      jobPath: path.join(workspace.root, 'stopped.sfjob.json'),
      job: resolved,
      source: liveSource({ session, job: resolved, now: NOW, batchSize: 200, retry: RETRY, signal: controller.signal }),
      now: NOW,
      runId: 'stopped-1',
      workspaceRoot: workspace.root,
      signal: controller.signal,
      // Stops as soon as the first page has gone through, while more pages wait on the server.
      onEvent: (event) => {
        if (event.type === 'progress') controller.abort();
      },
    });
    assert.equal(outcome.status, 'stopped');
    assert.equal(outcome.report.retrieved, 200);
    const files = await listFiles(workspace.root);
    assert.ok(!files.some((file) => file.startsWith('out/stopped/')), files.join('\n'));
    assert.ok(!files.includes('.sfjob/state/stopped.json'));
    assert.ok(files.includes('.sfjob/runs/stopped/stopped-1.json'));
  });

  it('keeps what it read and saves the watermark at the last record when the API allowance runs out', async () => {
    const resolved = job({ name: 'Limited', query: 'SELECT Id, Score__c, CreatedDate FROM Survey_Response__c', dateField: 'CreatedDate' });
    emulator.faults.set({ requestLimitAfter: 1 });
    const outcome = await run(resolved, 'limited.sfjob.json', 'limited-1');
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    assert.match(outcome.report.stoppedEarly ?? '', /REQUEST_LIMIT_EXCEEDED/);
    assert.equal(outcome.report.written, 200);
    assert.deepEqual(outcome.report.retrieval, { retries: 0, restarts: 0, splits: 0 });
    const state = await loadState(path.join(workspace.root, '.sfjob/state/limited.json'));
    const documents = await readJsonLines(outcome.output?.path ?? '');
    assert.equal(state.watermark, documents[documents.length - 1].document_date);
    assert.ok((await listFiles(path.join(workspace.root, '.sfjob/runs'))).includes('limited/limited-1.json'));
    const report = JSON.parse(await fs.readFile(outcome.reportPath, 'utf8'));
    assert.equal(report.stoppedEarly, outcome.report.stoppedEarly);
  });
});
