import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { NaturalIds } from '../../../src/core/run/natural-ids';
import type { SfRecord } from '../../../src/core/run/types';
import { loadState, runJob, saveState, type JobState } from '../../../src/runner';
import { jobPaths } from '../../../src/store/paths';
import { ownFolders, stagedStateChecks } from '../../../src/store/run-files';
import { recoverState, stagedStatePath, stageState } from '../../../src/store/state';
import { feedbackRecord, job } from '../core/run/helpers';
import { listFiles, makeWorkspace, readJsonLines } from './helpers';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const EARLIER: JobState = { watermark: '2026-11-24T07:58:00.000Z', seenIds: NaturalIds.from(['a1']) };
const STAGED: JobState = { watermark: '2026-11-25T07:58:00.000Z', seenIds: NaturalIds.from(['a1', 'a2', 'a3']), lastRunId: 'killed' };

async function* pages(...list: SfRecord[][]): AsyncGenerator<SfRecord[]> {
  for (const page of list) yield page;
}

describe('a run killed while committing its output and state', () => {
  const checks = () => {
    const paths = jobPaths(workspace.root, workspace.jobPath);
    return stagedStateChecks(paths, ownFolders(paths, 'out/{job}/{runId}.jsonl'));
  };
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let statePath: string;
  let target: string;
  let temporary: string;
  beforeEach(async () => {
    workspace = await makeWorkspace();
    statePath = jobPaths(workspace.root, workspace.jobPath).state;
    target = path.join(workspace.root, 'out', 'jobs', 'support', 'killed.jsonl');
    temporary = path.join(workspace.root, 'out', 'jobs', 'support', '.killed.jsonl.0123abcd.tmp');
    await fs.mkdir(path.dirname(target), { recursive: true });
    await saveState(statePath, EARLIER, NOW);
    await stageState(statePath, STAGED, NOW, { temporary, target });
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('saves the staged state when the output was already renamed into place', async () => {
    await fs.writeFile(target, '{"natural_id":"a2"}\n{"natural_id":"a3"}\n');
    assert.equal(await recoverState(statePath, checks()), 'published');
    const state = await loadState(statePath);
    assert.equal(state.watermark, STAGED.watermark);
    assert.deepEqual([...state.seenIds].sort(), ['a1', 'a2', 'a3']);
    assert.equal(state.lastRunId, 'killed');
    assert.equal(await recoverState(statePath, checks()), undefined, 'the staged run was settled once');
  });

  it('drops the staged state and the unfinished output when the rename never happened', async () => {
    await fs.writeFile(temporary, '{"natural_id":"a2"}\n');
    assert.equal(await recoverState(statePath, checks()), 'discarded');
    const state = await loadState(statePath);
    assert.equal(state.watermark, EARLIER.watermark);
    assert.deepEqual([...state.seenIds], ['a1']);
    assert.deepEqual(await listFiles(path.join(workspace.root, 'out')), []);
    assert.equal(await recoverState(statePath, checks()), undefined, 'the staged run was settled once');
  });

  it('recognises an output linked into place whose temporary name was not removed yet as published', async () => {
    await fs.writeFile(temporary, '{"natural_id":"a2"}\n');
    await fs.link(temporary, target);
    assert.equal(await recoverState(statePath, checks()), 'published');
    await assert.rejects(fs.access(temporary));
    assert.equal(await fs.readFile(target, 'utf8'), '{"natural_id":"a2"}\n');
  });

  it('never deletes a file a hostile staged state names outside the job\'s own folders', async () => {
    const victim = path.join(workspace.root, 'precious.txt');
    const victimLikeTemporary = path.join(workspace.root, 'notes', '.a.jsonl.0123abcd.tmp');
    await fs.writeFile(victim, 'keep me');
    await fs.mkdir(path.dirname(victimLikeTemporary), { recursive: true });
    await fs.writeFile(victimLikeTemporary, 'keep me too');
    for (const named of [victim, victimLikeTemporary, '/etc/hostname']) {
      const folder = path.dirname(statePath);
      await fs.writeFile(stagedStatePath(statePath), JSON.stringify({ version: 1, updatedAt: NOW.toISOString(), seenIdCount: 0, seenIds: {}, publishes: { temporary: path.relative(folder, named), target: path.relative(folder, path.join(workspace.root, 'missing.jsonl')) } }));
      assert.equal(await recoverState(statePath, checks()), 'discarded');
      await assert.rejects(fs.access(stagedStatePath(statePath)));
    }
    assert.equal(await fs.readFile(victim, 'utf8'), 'keep me');
    assert.equal(await fs.readFile(victimLikeTemporary, 'utf8'), 'keep me too');
    assert.equal((await loadState(statePath)).watermark, EARLIER.watermark);
  });

  it('drops a staged state that was cut short while being written', async () => {
    await fs.writeFile(stagedStatePath(statePath), '{"version":1,"seenIds":{"a');
    assert.equal(await recoverState(statePath, checks()), 'discarded');
    assert.equal((await loadState(statePath)).watermark, EARLIER.watermark);
  });

  it('has nothing to do when no run was interrupted', async () => {
    assert.equal(await recoverState(statePath, checks()), 'discarded');
    assert.equal(await recoverState(statePath, checks()), undefined);
  });

  it('lets the next run start from the recovered state and says what happened', async () => {
    await fs.writeFile(target, '{"natural_id":"a2"}\n{"natural_id":"a3"}\n');
    let seen: JobState | undefined;
    const outcome = await runJob({
      jobPath: workspace.jobPath,
      job: job({ duplicates: 'skip' }),
      source: (state) => {
        seen = state;
        return { pages: pages([feedbackRecord('a3', '2026-11-25T07:58:00.000+0000'), feedbackRecord('a4', '2026-11-25T07:59:00.000+0000')]) };
      },
      now: NOW,
      runId: 'next',
      workspaceRoot: workspace.root,
    });
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    assert.equal(seen?.watermark, STAGED.watermark);
    assert.equal(outcome.report.duplicates.skipped, 1);
    assert.deepEqual((await readJsonLines(outcome.output?.path ?? '')).map((document) => document.natural_id), ['a4']);
    assert.match(outcome.report.warnings.messages.join('\n'), /killed between publishing its output and saving its state/);
  });
});
