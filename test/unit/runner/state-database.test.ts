import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { NaturalIds } from '../../../src/core/run/natural-ids';
import type { SfRecord } from '../../../src/core/run/types';
import { loadState, readStateSummary, runJob, saveState, stateDatabasePath, type RunJobOptions } from '../../../src/runner';
import { jobPaths } from '../../../src/store/paths';
import { stateText } from '../../../src/store/state-json';
import { StateDatabase } from '../../../src/store/state-db';
import { feedbackRecord, job } from '../core/run/helpers';
import { pagesOf, readJsonLines, runOptions, useWorkspace } from './helpers';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const day = (n: number): string => `2024-05-${String(n).padStart(2, '0')}T10:00:00.000+0000`;
const HASH = '0123456789abcdef';

describe('run state in a database', () => {
  const workspace = useWorkspace();
  const options = (overrides: Partial<RunJobOptions> = {}): RunJobOptions => runOptions(workspace, { now: NOW, ...overrides });
  const statePath = () => jobPaths(workspace.root, workspace.jobPath).state;
  const databasePath = () => stateDatabasePath(statePath());

  async function writeLegacyState(ids: string[], extra: { watermark?: string; hashes?: boolean } = {}): Promise<void> {
    const seenIds = NaturalIds.from(ids);
    if (extra.hashes) for (const id of ids) seenIds.setContentHash(id, HASH);
    await fs.mkdir(path.dirname(statePath()), { recursive: true });
    await fs.writeFile(statePath(), stateText({ seenIds, ...(extra.watermark ? { watermark: extra.watermark } : {}) }, NOW));
  }

  it('migrates a state file of an earlier version on first use, keeping its ids, hashes and watermark, and leaves a summary in its place', async () => {
    await writeLegacyState(['a1', 'a2'], { watermark: '2024-05-01T00:00:00.000Z', hashes: true });
    const outcome = await runJob(options({ job: job({ duplicates: 'skip' }), source: pagesOf([feedbackRecord('a1', day(2)), feedbackRecord('a3', day(3))]) }));
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    assert.equal(outcome.report.state.before.watermark, '2024-05-01T00:00:00.000Z');
    assert.equal(outcome.report.state.before.seenIds, 2);
    assert.equal(outcome.report.state.after.seenIds, 3);
    assert.equal(outcome.report.duplicates.skipped, 1);
    assert.match(outcome.report.warnings.messages.join('\n'), /support\.json \(2 natural ids\) was moved into support\.sqlite/);
    const summary = JSON.parse(await fs.readFile(statePath(), 'utf8')) as Record<string, unknown>;
    assert.deepEqual({ version: summary.version, database: summary.database, seenIdCount: summary.seenIdCount }, { version: 2, database: 'support.sqlite', seenIdCount: 3 });
    const state = await loadState(statePath());
    assert.deepEqual([...state.seenIds].sort(), ['a1', 'a2', 'a3']);
    assert.equal(state.seenIds.contentHashOf('a2'), HASH);
  });

  it('refuses a damaged state file clearly and leaves it as it was, creating no database', async () => {
    for (const text of [JSON.stringify({ version: 1, seenIds: null }), JSON.stringify({ version: 1, seenIds: {}, watermark: '12' })]) {
      await fs.mkdir(path.dirname(statePath()), { recursive: true });
      await fs.writeFile(statePath(), text);
      const outcome = await runJob(options());
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.report.error ?? '', /state file .*support\.json cannot be read \((the watermark "12" is not a date|"seenIds" is null)/);
      assert.equal(await fs.readFile(statePath(), 'utf8'), text);
      await assert.rejects(fs.access(databasePath()));
    }
  });

  it('does not migrate again a state file the database already came from, when its removal was cut short', async () => {
    await writeLegacyState(['a1']);
    const legacyText = await fs.readFile(statePath(), 'utf8');
    assert.equal((await runJob(options({ runId: 'run-1', source: pagesOf([feedbackRecord('a2', day(2))]) }))).status, 'succeeded');
    // As if killed between the migration's commit and the summary's write: the old file is back.
    await fs.writeFile(statePath(), legacyText);
    const outcome = await runJob(options({ runId: 'run-2', source: pagesOf([feedbackRecord('a3', day(3))]) }));
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    assert.equal(outcome.report.state.before.seenIds, 2, 'the id the first run added was kept');
    assert.equal(outcome.report.state.after.seenIds, 3);
    assert.doesNotMatch(outcome.report.warnings.messages.join('\n'), /was moved into/);
  });

  it('looks up only the ids a run reads: a large history costs the run nothing it does not name', async () => {
    const history = Array.from({ length: 20_000 }, (_, index) => `h${String(index).padStart(6, '0')}`);
    await saveState(statePath(), { seenIds: NaturalIds.from(history), watermark: '2024-04-01T00:00:00.000Z' }, NOW);
    const looked: string[][] = [];
    const original = StateDatabase.prototype.lookup;
    StateDatabase.prototype.lookup = function (this: StateDatabase, ids: readonly string[]) {
      looked.push([...ids]);
      return original.call(this, ids);
    };
    try {
      const records: SfRecord[] = [feedbackRecord('h000007', day(2)), feedbackRecord('n1', day(3)), feedbackRecord('n2', day(4))];
      const outcome = await runJob(options({ job: job({ duplicates: 'skip' }), source: pagesOf(records.slice(0, 2), records.slice(2)) }));
      assert.equal(outcome.status, 'succeeded', outcome.report.error);
      assert.deepEqual(looked, [['h000007', 'n1'], ['n2']]);
      assert.equal(outcome.report.duplicates.skipped, 1);
      assert.deepEqual((await readJsonLines(outcome.output?.path ?? '')).map((document) => document.natural_id), ['n1', 'n2']);
      assert.equal((await readStateSummary(statePath())).seenIdCount, 20_002);
    } finally {
      StateDatabase.prototype.lookup = original;
    }
  });

  it('sends again under replace only the documents whose content changed since the hash the database keeps', async () => {
    const replaceJob = job({ duplicates: 'replace', mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }] } });
    const first = await runJob(options({ job: replaceJob, runId: 'run-1', source: pagesOf([feedbackRecord('a1', day(1), { Comment__c: 'same' }), feedbackRecord('a2', day(2), { Comment__c: 'old' })]) }));
    assert.equal(first.output?.documents, 2);
    const second = await runJob(options({ job: replaceJob, runId: 'run-2', source: pagesOf([feedbackRecord('a1', day(1), { Comment__c: 'same' }), feedbackRecord('a2', day(2), { Comment__c: 'new' })]) }));
    assert.equal(second.report.duplicates.unchanged, 1);
    assert.deepEqual((await readJsonLines(second.output?.path ?? '')).map((document) => document.natural_id), ['a2']);
    assert.equal(second.report.state.after.seenIds, 2);
  });

  it('clears a database lock a killed process left behind, and saves the run', async () => {
    assert.equal((await runJob(options({ runId: 'run-1', source: pagesOf([feedbackRecord('a1', day(1))]) }))).status, 'succeeded');
    await fs.mkdir(`${databasePath()}.lock`);
    const outcome = await runJob(options({ runId: 'run-2', source: pagesOf([feedbackRecord('a2', day(2))]) }));
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    assert.equal(outcome.report.state.after.seenIds, 2);
    await assert.rejects(fs.access(`${databasePath()}.lock`));
  });
});
