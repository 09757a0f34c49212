import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ResolvedJob } from '../../../src/core/job/resolve';
import type { EmulatorHandle } from '../../../src/emulator/index';
import { liveSource, runJob, type RunOutcome } from '../../../src/runner';
import type { AuthorizedConnection } from '../../../src/salesforce/session/types';
import { job } from '../../unit/core/run/helpers';
import { readJsonLines } from '../../unit/runner/helpers';
import type { TestWorkspace } from '../salesforce/workspace';
import { useLiveOrg } from './live-org';

/**
 * Several runs of the same jobs against one org whose clock moves between them, with records arriving
 * and changing in between: the duplicates settings across and within runs, the record limit counting
 * conversations, and the windows meeting exactly (a record stamped at the watermark is read once).
 */

const START = new Date('2026-11-25T08:00:00.000Z');
const HOUR = 3_600_000;
const RETRY = { baseMs: 1, maxMs: 5, random: () => 0.5 };

type Row = Record<string, unknown>;
const live = (rows: readonly Row[]) => rows.filter((row) => row.IsDeleted !== true);
const stamp = (date: Date) => date.toISOString().replace('Z', '+0000');

describe('incremental runs against an org that changes between them', function () {
  this.timeout(90_000);
  let clock = START;
  const org = useLiveOrg({ now: () => clock, records: { cases: 10, chats: 30, sms: 20, surveys: 200 } });
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;
  let session: AuthorizedConnection;
  before(() => ({ emulator, workspace, session } = org));

  async function run(resolved: ResolvedJob, jobFile: string, now = clock): Promise<RunOutcome & { documents: Row[] }> {
    const outcome = await runJob({
      jobPath: path.join(workspace.root, jobFile),
      job: resolved,
      source: liveSource({ session, job: resolved, now, batchSize: 200, retry: RETRY }),
      now,
      workspaceRoot: workspace.root,
    });
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    return { ...outcome, documents: outcome.output ? await readJsonLines(outcome.output.path) : [] };
  }

  describe('duplicates across runs (records changed between runs come again)', () => {
    const modified = (duplicates: 'replace' | 'skip' | 'allow') =>
      job({ name: `Changed ${duplicates}`, duplicates, query: 'SELECT Id, Score__c, LastModifiedDate FROM Survey_Response__c', dateField: 'LastModifiedDate', mapping: { fields: [{ source: 'Score__c', type: 'number' }] } });
    const files = { replace: 'changed-replace.sfjob.json', skip: 'changed-skip.sfjob.json', allow: 'changed-allow.sfjob.json' } as const;
    let changedIds: string[];
    let newIds: string[];
    const second = {} as Record<'replace' | 'skip' | 'allow', RunOutcome & { documents: Row[] }>;

    before(async () => {
      clock = START;
      for (const mode of ['replace', 'skip', 'allow'] as const) await run(modified(mode), files[mode]);
      clock = new Date(START.getTime() + HOUR);
      changedIds = live(emulator.org.rows('Survey_Response__c'))
        .slice(0, 3)
        .map((row) => String(row.Id));
      for (const id of changedIds) emulator.org.update('Survey_Response__c', id, { Score__c: 10 });
      newIds = emulator.org.insert('Survey_Response__c', [{ Name: 'fresh-1', Score__c: 1 }, { Name: 'fresh-2', Score__c: 2 }]).map((row) => String(row.Id));
      clock = new Date(START.getTime() + HOUR + 10 * 60_000);
      for (const mode of ['replace', 'skip', 'allow'] as const) second[mode] = await run(modified(mode), files[mode]);
    });

    it('replace writes the changed records again, with their new values', () => {
      const { report, documents } = second.replace;
      assert.deepEqual(documents.map((document) => document.natural_id).sort(), [...changedIds, ...newIds].sort());
      assert.equal(report.duplicates.replaced, 3);
      for (const document of documents.filter((d) => changedIds.includes(String(d.natural_id)))) assert.equal((document.attributes as Row).Score__c, 10);
    });

    it('skip keeps the earlier documents and writes only the new records', () => {
      const { report, documents } = second.skip;
      assert.deepEqual(documents.map((document) => document.natural_id).sort(), [...newIds].sort());
      assert.equal(report.duplicates.skipped, 3);
    });

    it('allow writes every record again without counting it as a duplicate', () => {
      const { report, documents } = second.allow;
      assert.deepEqual(documents.map((document) => document.natural_id).sort(), [...changedIds, ...newIds].sort());
      assert.deepEqual(report.duplicates, { replaced: 0, skipped: 0, unchanged: 0 });
    });
  });

  describe('duplicates within one run (a natural_id shared by several records)', () => {
    const byChannel = (duplicates: 'replace' | 'skip' | 'allow') =>
      job({
        name: `Channel ${duplicates}`,
        duplicates,
        query: 'SELECT Id, Channel__c, CreatedDate FROM Survey_Response__c WHERE Channel__c != null',
        dateField: 'CreatedDate',
        mapping: { natural_id: 'Channel__c', fields: [{ source: 'Id', type: 'text' }] },
      });
    const ordered = () =>
      live(emulator.org.rows('Survey_Response__c'))
        .filter((row) => typeof row.Channel__c === 'string' && Date.parse(String(row.CreatedDate).replace('+0000', 'Z')) < clock.getTime() - 120_000)
        .sort((a, b) => String(a.CreatedDate).localeCompare(String(b.CreatedDate)) || String(a.Id).localeCompare(String(b.Id)));

    it('replace leaves one document per natural_id in the output, the last one read', async () => {
      const { documents } = await run(byChannel('replace'), 'channel-replace.sfjob.json');
      const last = new Map(ordered().map((row) => [String(row.Channel__c), String(row.Id)]));
      assert.deepEqual(new Map(documents.map((document) => [String(document.natural_id), String((document.attributes as Row).Id)])), last);
    });

    it('skip keeps the first document of each natural_id', async () => {
      const { documents, report } = await run(byChannel('skip'), 'channel-skip.sfjob.json');
      const first = new Map<string, string>();
      for (const row of ordered()) if (!first.has(String(row.Channel__c))) first.set(String(row.Channel__c), String(row.Id));
      assert.deepEqual(new Map(documents.map((document) => [String(document.natural_id), String((document.attributes as Row).Id)])), first);
      assert.equal(report.duplicates.skipped, ordered().length - first.size);
    });

    it('allow writes every record', async () => {
      const { documents } = await run(byChannel('allow'), 'channel-allow.sfjob.json');
      assert.equal(documents.length, ordered().length);
    });
  });

  describe('the record limit counts conversations', () => {
    const chats = job({ name: 'Limited chats', feedbackType: 'chat', recordLimit: 4, duplicates: 'skip', query: 'SELECT Id, Body, StartTime, CreatedDate FROM LiveChatTranscript', dateField: 'CreatedDate' });
    const texts = job({
      name: 'Limited texts',
      feedbackType: 'sms',
      recordLimit: 3,
      duplicates: 'skip',
      query: 'SELECT Id, ConversationId, ActorType, ActorName, Message, EntryTime FROM ConversationEntry',
      dateField: 'EntryTime',
    });

    async function runUntilDone(resolved: ResolvedJob, file: string, limit: number, expected: Set<string>): Promise<number> {
      const written = new Map<string, number>();
      let runs = 0;
      for (; runs < 40; runs++) {
        const { documents, report } = await run(resolved, file);
        assert.ok(documents.length <= limit, `a run wrote ${documents.length} conversations`);
        for (const document of documents) written.set(String(document.natural_id), (written.get(String(document.natural_id)) ?? 0) + 1);
        if (!report.stoppedAtLimit) break;
        assert.equal(documents.length, limit);
      }
      assert.deepEqual([...written].filter(([, count]) => count > 1), []);
      const skippedConversations = [...expected].filter((id) => !written.has(id));
      assert.ok(skippedConversations.length < expected.size / 3, `only ${written.size} of ${expected.size} conversations written`);
      for (const id of written.keys()) assert.ok(expected.has(id), id);
      return runs + 1;
    }

    it('stops a chat run after that many transcripts; later runs carry on until every one is written once', async () => {
      clock = new Date(START.getTime() + 2 * HOUR);
      const expected = new Set(live(emulator.org.rows('LiveChatTranscript')).map((row) => String(row.Id)));
      const runs = await runUntilDone(chats, 'limited-chats.sfjob.json', 4, expected);
      assert.ok(runs >= Math.ceil((expected.size * 2) / 3 / 4), `${runs} runs`);
    });

    it('stops an sms run after that many conversations, however many rows they hold', async () => {
      const first = await run(texts, 'limited-texts-probe.sfjob.json');
      assert.equal(first.documents.length, 3);
      assert.ok(first.report.retrieved > 3, `${first.report.retrieved} rows read`);
      const expected = new Set(live(emulator.org.rows('ConversationEntry')).map((row) => String(row.ConversationId)));
      await runUntilDone(texts, 'limited-texts.sfjob.json', 3, expected);
    });
  });

  describe('records arriving between runs', () => {
    const chats = job({ name: 'Arriving chats', feedbackType: 'chat', query: 'SELECT Id, Body, StartTime, CreatedDate FROM LiveChatTranscript', dateField: 'CreatedDate' });
    const texts = job({ name: 'Arriving texts', feedbackType: 'sms', query: 'SELECT Id, ConversationId, ActorType, ActorName, Message, EntryTime FROM ConversationEntry', dateField: 'EntryTime' });
    const surveys = job({ name: 'Arriving surveys', query: 'SELECT Id, Score__c, CreatedDate FROM Survey_Response__c', dateField: 'CreatedDate' });

    it('reads each new record exactly once over several runs, including records stamped at the watermark', async () => {
      clock = new Date(START.getTime() + 3 * HOUR);
      const seen = { chats: new Map<string, number>(), texts: new Map<string, number>(), surveys: new Map<string, number>() };
      const note = (map: Map<string, number>, documents: Row[]) => documents.forEach((document) => map.set(String(document.natural_id), (map.get(String(document.natural_id)) ?? 0) + 1));
      const template = live(emulator.org.rows('LiveChatTranscript')).find((row) => typeof row.Body === 'string' && String(row.Body).includes('Agent'));
      assert.ok(template);
      let watermark: string | undefined;
      for (let round = 0; round < 4; round++) {
        if (round > 0) {
          // New rows stamped in the coming window; the first of each exactly at the last watermark.
          const at = (offsetMs: number) => stamp(new Date(Date.parse(watermark ?? '') + offsetMs));
          emulator.org.insert('LiveChatTranscript', [
            { Body: template.Body, StartTime: at(0), CreatedDate: at(0) },
            { Body: template.Body, StartTime: at(1000), CreatedDate: at(1000) },
          ]);
          const conversation = `0Mw${String(round).padStart(15, '0')}`;
          emulator.org.insert('ConversationEntry', [
            { ConversationId: conversation, ActorType: 'EndUser', ActorName: 'Ann', Message: `hello ${round}`, EntryTime: at(0), CreatedDate: at(0) },
            { ConversationId: conversation, ActorType: 'Agent', ActorName: 'Bo', Message: 'hi, how can I help?', EntryTime: at(5000), CreatedDate: at(5000) },
          ]);
          emulator.org.insert('Survey_Response__c', [{ Name: `arrived-${round}`, Score__c: 3, CreatedDate: at(0) }, { Name: `arrived-${round}b`, Score__c: 4, CreatedDate: at(0) }]);
        }
        const chatRun = await run(chats, 'arriving-chats.sfjob.json');
        const textRun = await run(texts, 'arriving-texts.sfjob.json');
        const surveyRun = await run(surveys, 'arriving-surveys.sfjob.json');
        note(seen.chats, chatRun.documents);
        note(seen.texts, textRun.documents);
        note(seen.surveys, surveyRun.documents);
        if (round > 0) {
          assert.equal(chatRun.documents.length, 2, `round ${round}: chats`);
          assert.equal(textRun.documents.length, 1, `round ${round}: sms conversations`);
          assert.equal(surveyRun.documents.length, 2, `round ${round}: surveys`);
          assert.equal(chatRun.report.window?.since, watermark);
        }
        watermark = chatRun.report.state.after.watermark;
        assert.equal(textRun.report.state.after.watermark, watermark);
        clock = new Date(clock.getTime() + HOUR);
      }
      for (const [name, map] of Object.entries(seen)) assert.deepEqual([...map].filter(([, count]) => count > 1), [], `${name} written twice`);
      assert.equal(seen.surveys.size, live(emulator.org.rows('Survey_Response__c')).length);
      const conversations = new Set(live(emulator.org.rows('ConversationEntry')).map((row) => String(row.ConversationId)));
      assert.ok([...seen.texts.keys()].every((id) => conversations.has(id)));
      assert.ok(['0Mw000000000000001', '0Mw000000000000002', '0Mw000000000000003'].every((id) => seen.texts.has(id)));
    });
  });
});
