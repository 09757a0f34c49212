import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { SfRecord } from '../../../src/core/run/types';
import { loadState, runJob, runSummaryLines, type RunJobOptions } from '../../../src/runner';
import { jobPaths } from '../../../src/store/paths';
import { feedbackRecord, job } from '../core/run/helpers';
import { listFiles, pagesOf, readJsonLines, runOptions, useWorkspace } from './helpers';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const day = (n: number): string => `2024-05-${String(n).padStart(2, '0')}T10:00:00.000+0000`;

const pages = pagesOf;

describe('runJob at the edges of a run', () => {
  const workspace = useWorkspace();

  const options = (overrides: Partial<RunJobOptions> = {}): RunJobOptions => runOptions(workspace, overrides);

  it('warns when records were read and no document was published, with the reasons counted', async () => {
    const filtered = job({ filter: 'Comment__c = "never"', mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }] } });
    const outcome = await runJob(options({ job: filtered }));
    assert.equal(outcome.status, 'succeeded');
    assert.deepEqual(outcome.report.zeroOutcome, { reasons: { 'filtered out': 2 } });
    assert.match(outcome.report.warnings.messages.join('\n'), /read 2 records and published no document \(2 filtered out\)/);
    assert.match(runSummaryLines(outcome.report, 'r.json').join('\n'), /warning: read 2 records and published no document: 2 filtered out/);
  });

  it('re-sends a document under replace only when its content changed, counting the unchanged ones', async () => {
    await runJob(options());
    const second = await runJob(options({ source: pages([feedbackRecord('a1', day(1), { Comment__c: 'good' }), feedbackRecord('a2', day(2), { Comment__c: 'changed' })]) }));
    assert.deepEqual(second.report.duplicates, { replaced: 1, skipped: 0, unchanged: 1 });
    assert.deepEqual((await readJsonLines(second.output?.path ?? '')).map((document) => document.natural_id), ['a2']);
    const third = await runJob(options({ source: pages([feedbackRecord('a1', day(1), { Comment__c: 'good' }), feedbackRecord('a2', day(2), { Comment__c: 'changed' })]) }));
    assert.equal(third.output, undefined);
    assert.deepEqual(third.report.zeroOutcome, { reasons: { 'unchanged since delivered': 2 } });
  });

  it('says that nothing was published when a run is stopped, however many documents it had prepared', async () => {
    const controller = new AbortController();
    async function* stopAfterTwoPages(): AsyncGenerator<SfRecord[]> {
      yield [feedbackRecord('a1', day(1))];
      yield [feedbackRecord('a2', day(2))];
      controller.abort();
      yield [feedbackRecord('a3', day(3))];
    }
    const outcome = await runJob(options({ source: stopAfterTwoPages(), signal: controller.signal }));
    assert.equal(outcome.status, 'stopped');
    assert.equal(outcome.report.written, 0);
    assert.equal(outcome.report.prepared, 2);
    const summary = runSummaryLines(outcome.report, 'r.json').join('\n');
    assert.match(summary, /2 documents were prepared but nothing was published/);
    assert.doesNotMatch(summary, /wrote|published 2/);
    assert.match(outcome.report.error ?? '', /none of its documents were published/);
  });

  it('never replaces a published file: a {date}-only output path stops the second run of the day before reading', async () => {
    const daily = job({ output: { path: 'out/{job}/{date}.jsonl' } as never, mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }] } });
    const first = await runJob(options({ job: daily }));
    assert.equal(first.status, 'succeeded', first.report.error);
    const before = await fs.readFile(first.output?.path ?? '', 'utf8');
    let pulled = false;
    const second = await runJob(options({ job: daily, source: () => ({ pages: (async function* () { pulled = true; yield [feedbackRecord('b1', day(3))]; })() }) }));
    assert.equal(second.status, 'failed');
    assert.match(second.report.error ?? '', /already exists .* is never replaced; put \{runId\} in output\.path/);
    assert.equal(pulled, false);
    assert.equal(await fs.readFile(first.output?.path ?? '', 'utf8'), before);
  });

  it('refuses an output folder that is a link to outside the workspace, writing nothing there', async () => {
    const outside = await fs.mkdtemp(path.join(path.dirname(workspace.root), 'sfjob-outside-'));
    try {
      await fs.mkdir(path.join(workspace.root, 'out'), { recursive: true });
      await fs.symlink(outside, path.join(workspace.root, 'out', 'jobs'));
      const outcome = await runJob(options());
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.report.error ?? '', /output\.path .* outside the workspace/);
      assert.deepEqual(await fs.readdir(outside), []);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('removes the temporary files a killed run recorded in its lock, and nothing else', async () => {
    const paths = jobPaths(workspace.root, workspace.jobPath);
    const outputTemporary = path.join(workspace.root, 'out', 'jobs', 'support', '.r.jsonl.0123abcd.tmp');
    const reportTemporary = path.join(paths.runsFolder, '.r.json.89abcdef.tmp');
    const lockStaging = `${paths.lock}.999999.0a0b0c0d.tmp`;
    const victim = path.join(workspace.root, 'notes', '.keep.0123abcd.tmp');
    for (const file of [outputTemporary, reportTemporary, lockStaging, victim]) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, 'x');
    }
    await fs.writeFile(paths.lock, JSON.stringify({ pid: 999999, hostname: (await import('node:os')).hostname(), runId: 'killed', startedAt: NOW.toISOString(), temporaries: [outputTemporary, reportTemporary, victim, '/etc/hostname'] }));
    const outcome = await runJob(options());
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    const files = await listFiles(workspace.root);
    assert.deepEqual(files.filter((file) => file.endsWith('.tmp')), ['notes/.keep.0123abcd.tmp']);
  });

  it('carries state kept by file name by an earlier version over to the job\'s own place when it is unambiguous', async () => {
    const legacy = path.join(workspace.root, '.sfjob', 'state', 'support.json');
    await fs.mkdir(path.dirname(legacy), { recursive: true });
    await fs.writeFile(legacy, JSON.stringify({ version: 1, updatedAt: NOW.toISOString(), seenIdCount: 1, seenIds: { a1: [''] }, watermark: '2024-05-01T00:00:00.000Z' }));
    const outcome = await runJob(options({ job: job({ duplicates: 'skip', mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }] } }) }));
    assert.equal(outcome.report.state.before.watermark, '2024-05-01T00:00:00.000Z');
    assert.equal(outcome.report.duplicates.skipped, 1);
    assert.match(outcome.report.warnings.messages.join('\n'), /\.sfjob\/state\/support\.json was carried over to \.sfjob\/state\/jobs\/support\.json/);
    await assert.rejects(fs.access(legacy));
    assert.equal((await loadState(jobPaths(workspace.root, workspace.jobPath).state)).seenIds.size, 2);
  });

  it('leaves old state alone when another job file of the same name could own it', async () => {
    await fs.mkdir(path.join(workspace.root, 'other'), { recursive: true });
    await fs.writeFile(path.join(workspace.root, 'other', 'support.sfjob.json'), '{}');
    const legacy = path.join(workspace.root, '.sfjob', 'state', 'support.json');
    await fs.mkdir(path.dirname(legacy), { recursive: true });
    await fs.writeFile(legacy, JSON.stringify({ version: 1, seenIds: {} }));
    const outcome = await runJob(options());
    assert.equal(outcome.status, 'succeeded');
    assert.match(outcome.report.warnings.messages.join('\n'), /was not carried over .* more than one job file is named support\.sfjob\.json/);
    await fs.access(legacy);
  });

  it('names the state file and what is wrong when the watermark is not a full date-time', async () => {
    const statePath = jobPaths(workspace.root, workspace.jobPath).state;
    await fs.mkdir(path.dirname(statePath), { recursive: true });
    await fs.writeFile(statePath, JSON.stringify({ version: 1, seenIds: {}, watermark: '12' }));
    const outcome = await runJob(options());
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.report.error ?? '', /state file .*jobs\/support\.json cannot be read \(the watermark "12" is not a date/);
  });
});
