import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isOwnTemporary, OutsideWorkspaceError, realPathInside } from '../../../src/store/containment';

/** The store writes and deletes only inside the workspace, links resolved, with the same edges as every other containment check. */

describe('store containment', () => {
  let base: string;
  let workspace: string;
  let elsewhere: string;

  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-contain-')));
    workspace = path.join(base, 'ws');
    elsewhere = path.join(base, 'wsx');
    fs.mkdirSync(workspace);
    fs.mkdirSync(elsewhere);
  });

  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('lets a run write below the workspace, in a folder whose name starts with two dots, before the folder exists', async () => {
    assert.equal(await realPathInside(workspace, '..out/feedback.jsonl', 'output.path'), path.join(workspace, '..out', 'feedback.jsonl'));
    assert.equal(await realPathInside(`${workspace}${path.sep}`, 'out/a.jsonl', 'output.path'), path.join(workspace, 'out', 'a.jsonl'));
  });

  it('refuses the workspace folder itself, a sibling sharing its name as a prefix, and a link that leads out', async () => {
    await assert.rejects(realPathInside(workspace, '.', 'output.path'), OutsideWorkspaceError);
    await assert.rejects(realPathInside(workspace, '../wsx/a.jsonl', 'output.path'), OutsideWorkspaceError);
    fs.symlinkSync(elsewhere, path.join(workspace, 'out'));
    await assert.rejects(realPathInside(workspace, 'out/a.jsonl', 'output.path'), /through a link/);
  });

  it('deletes a recorded temporary only when it carries a temporary\'s name inside one of the job\'s own folders', async () => {
    const own = path.join(workspace, '..state');
    const temporary = path.join(own, '.job.json.0123abcd.tmp');
    assert.equal(await isOwnTemporary(temporary, [own]), true);
    assert.equal(await isOwnTemporary(path.join(own, 'job.json'), [own]), false);
    assert.equal(await isOwnTemporary(path.join(`${own}x`, '.job.json.0123abcd.tmp'), [own]), false);
    assert.equal(await isOwnTemporary(path.join(workspace, '.job.json.0123abcd.tmp'), [path.join(workspace, '.job.json.0123abcd.tmp')]), false);
    fs.symlinkSync(elsewhere, path.join(workspace, 'linked'));
    assert.equal(await isOwnTemporary(path.join(workspace, 'linked', '.job.json.0123abcd.tmp'), [workspace]), false);
  });
});
