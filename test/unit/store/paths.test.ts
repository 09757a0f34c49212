import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createRunId, jobPaths, outputPathFor } from '../../../src/store/paths';

const ROOT = path.resolve('/workspace');

describe('runner paths', () => {
  it('fills {job}, {runId} and {date} relative to the workspace root', () => {
    const now = new Date('2026-11-25T23:59:59.000Z');
    assert.equal(outputPathFor('exports/{date}/{job}-{runId}.csv', { job: 'support', runId: 'r1', now }, ROOT), path.join(ROOT, 'exports/2026-11-25/support-r1.csv'));
  });

  it('refuses an output path that climbs out of the workspace', () => {
    assert.throws(() => outputPathFor('../elsewhere/{runId}.jsonl', { job: 'j', runId: 'r', now: new Date() }, ROOT), /points outside the workspace/);
  });

  it('takes an output path or a job file whose name starts with two dots as inside the workspace, and the workspace itself as no output path', () => {
    const now = new Date('2026-11-25T08:00:00.000Z');
    assert.equal(outputPathFor('..exports/{job}.jsonl', { job: 'j', runId: 'r', now }, ROOT), path.join(ROOT, '..exports', 'j.jsonl'));
    assert.throws(() => outputPathFor('.', { job: 'j', runId: 'r', now }, ROOT), /points outside the workspace/);
    assert.throws(() => outputPathFor(`${ROOT}${path.sep}`, { job: 'j', runId: 'r', now }, ROOT), /points outside the workspace/);
    const paths = jobPaths(ROOT, path.join(ROOT, '..team', 'feedback.sfjob.json'));
    assert.equal(paths.job, '..team/feedback');
    assert.equal(paths.jobFile, '..team/feedback.sfjob.json');
    assert.equal(paths.state, path.join(ROOT, '.sfjob', 'state', '..team', 'feedback.json'));
  });

  it('makes run ids that sort by start time and differ within one millisecond', () => {
    const early = createRunId(new Date('2026-11-25T08:00:00.000Z'));
    const late = createRunId(new Date('2026-11-25T10:00:00.000Z'));
    assert.ok(early < late);
    assert.match(early, /^20261125T080000000Z-[0-9a-f]{6}$/);
    assert.notEqual(createRunId(new Date(0)), createRunId(new Date(0)));
  });

  it('keeps state, reports and locks under .sfjob, named after the job file\'s path inside the workspace', () => {
    const paths = jobPaths(ROOT, path.join(ROOT, 'team-a', 'feedback.sfjob.json'));
    assert.equal(paths.job, 'team-a/feedback');
    assert.equal(paths.jobFile, 'team-a/feedback.sfjob.json');
    assert.equal(paths.state, path.join(ROOT, '.sfjob', 'state', 'team-a', 'feedback.json'));
    assert.equal(paths.lock, path.join(ROOT, '.sfjob', 'locks', 'team-a', 'feedback.lock'));
    assert.equal(paths.runsFolder, path.join(ROOT, '.sfjob', 'runs', 'team-a', 'feedback'));
    assert.equal(paths.legacyState, path.join(ROOT, '.sfjob', 'state', 'feedback.json'));
  });

  it('never gives two job files of the same name in different folders the same state, lock, reports or output', () => {
    const a = jobPaths(ROOT, path.join(ROOT, 'team-a', 'feedback.sfjob.json'));
    const b = jobPaths(ROOT, path.join(ROOT, 'team-b', 'feedback.sfjob.json'));
    for (const key of ['job', 'state', 'lock', 'runsFolder'] as const) assert.notEqual(a[key], b[key], key);
    const now = new Date('2026-11-25T08:00:00.000Z');
    assert.notEqual(outputPathFor('out/{job}/{date}.jsonl', { job: a.job, runId: 'r', now }, ROOT), outputPathFor('out/{job}/{date}.jsonl', { job: b.job, runId: 'r', now }, ROOT));
  });

  it('names a job at the workspace root by its file name, with no old location to carry over', () => {
    const paths = jobPaths(ROOT, path.join(ROOT, 'support.sfjob.json'));
    assert.equal(paths.job, 'support');
    assert.equal(paths.state, path.join(ROOT, '.sfjob', 'state', 'support.json'));
    assert.equal(paths.legacyState, undefined);
  });

  it('refuses an absolute output path outside the workspace', () => {
    assert.throws(() => outputPathFor('/tmp/{runId}.jsonl', { job: 'j', runId: 'r', now: new Date() }, ROOT), /points outside the workspace/);
  });
});
