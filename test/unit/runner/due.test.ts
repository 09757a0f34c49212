import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { SfRecord } from '../../../src/core/run/types';
import { decideDue, jobPaths, runJob } from '../../../src/runner';
import { startOfRunId } from '../../../src/runner/due';
import { feedbackRecord, job } from '../core/run/helpers';
import { pagesOf, useWorkspace } from './helpers';

const daily = { mode: 'incremental', frequency: 'daily', startsOn: '09:00', timezone: 'UTC' } as const;

const pages = pagesOf;

describe('whether a scheduled job is due', () => {
  const workspace = useWorkspace();

  const paths = () => jobPaths(workspace.root, workspace.jobPath);
  const at = (iso: string) => new Date(iso);

  async function runAt(iso: string, schedule: object = daily, source: AsyncIterable<SfRecord[]> = pages([feedbackRecord('a1', '2026-11-20T10:00:00.000+0000')])) {
    return runJob({ jobPath: workspace.jobPath, job: job({ schedule: schedule as never }), source, now: at(iso), workspaceRoot: workspace.root });
  }

  it('never finds a job with schedule mode "once" due', async () => {
    const decision = await decideDue(job(), paths(), at('2026-11-25T08:00:00Z'));
    assert.equal(decision.due, false);
    assert.match(decision.reason, /"once"/);
  });

  it('is due once a scheduled time has passed since the last successful run, and not before', async () => {
    await runAt('2026-11-25T09:05:00Z');
    const resolved = job({ schedule: daily as never });
    const early = await decideDue(resolved, paths(), at('2026-11-26T08:59:59Z'));
    assert.deepEqual({ due: early.due, lastRun: early.lastRun, scheduledAt: early.scheduledAt }, { due: false, lastRun: '2026-11-25T09:05:00.000Z', scheduledAt: '2026-11-26T09:00:00.000Z' });
    const late = await decideDue(resolved, paths(), at('2026-11-26T09:00:00Z'));
    assert.equal(late.due, true);
    assert.match(late.reason, /scheduled at 2026-11-26T09:00:00.000Z, after the last run at 2026-11-25T09:05:00.000Z/);
  });

  it('ignores a failed run: the next invocation tries again', async () => {
    await runAt('2026-11-25T09:05:00Z');
    async function* failing(): AsyncGenerator<SfRecord[]> {
      yield [feedbackRecord('b1', '2026-11-26T08:00:00.000+0000')];
      throw new Error('the org went away');
    }
    const failed = await runAt('2026-11-26T09:01:00Z', daily, failing());
    assert.equal(failed.status, 'failed');
    const decision = await decideDue(job({ schedule: daily as never }), paths(), at('2026-11-26T09:30:00Z'));
    assert.equal(decision.due, true);
    assert.equal(decision.lastRun, '2026-11-25T09:05:00.000Z');
  });

  it('is due at once for a job that never ran when its schedule pulls on creation', async () => {
    const decision = await decideDue(job({ schedule: { ...daily, pullOnCreate: true } as never }), paths(), at('2026-11-25T08:00:00Z'));
    assert.equal(decision.due, true);
  });

  it('waits for the first scheduled time after it first saw a job that never ran', async () => {
    const resolved = job({ schedule: daily as never });
    const first = await decideDue(resolved, paths(), at('2026-11-25T13:00:00Z'));
    assert.deepEqual({ due: first.due, scheduledAt: first.scheduledAt }, { due: false, scheduledAt: '2026-11-26T09:00:00.000Z' });
    const stored = JSON.parse(await fs.readFile(path.join(workspace.root, '.sfjob/schedule/jobs/support.json'), 'utf8'));
    assert.deepEqual(stored, { firstSeen: '2026-11-25T13:00:00.000Z' });
    assert.equal((await decideDue(resolved, paths(), at('2026-11-26T08:00:00Z'))).due, false);
    assert.equal((await decideDue(resolved, paths(), at('2026-11-26T09:00:00Z'))).due, true);
  });

  it('reads the last run from the run id when its report is gone', async () => {
    const outcome = await runAt('2026-11-25T09:05:00Z');
    await fs.rm(outcome.reportPath);
    const decision = await decideDue(job({ schedule: daily as never }), paths(), at('2026-11-26T09:00:00Z'));
    assert.equal(decision.lastRun, '2026-11-25T09:05:00.000Z');
    assert.equal(startOfRunId('20261125T080000123Z-9f2c1a')?.toISOString(), '2026-11-25T08:00:00.123Z');
    assert.equal(startOfRunId('run-1'), undefined);
  });
});
