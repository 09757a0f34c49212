import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../helpers/cli';

interface DemoConnection {
  localUrlIn(text: string): string | undefined;
  pointLocalConnectionAt(file: string, url: string, backup: string): () => void;
  restoreLeftover(file: string, backup: string): boolean;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require(path.join(REPO_ROOT, 'scripts', 'demo-connection.js')) as DemoConnection;

describe('the demo\'s example connection on another port', () => {
  let dir: string;
  let file: string;
  let backup: string;
  let committed: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-demo-connection-'));
    file = path.join(dir, 'sfjob.connections.json');
    backup = path.join(dir, '.sfjob', 'demo', 'sfjob.connections.json.orig');
    committed = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'sfjob.connections.json'), 'utf8');
    fs.writeFileSync(file, committed);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('points "local" at the port served, keeping the comments and the other connections, and puts the file back byte for byte', () => {
    assert.equal(demo.localUrlIn(committed), 'http://127.0.0.1:4510');
    const restore = demo.pointLocalConnectionAt(file, 'http://127.0.0.1:4600', backup);
    const during = fs.readFileSync(file, 'utf8');
    assert.equal(demo.localUrlIn(during), 'http://127.0.0.1:4600');
    assert.equal(during.replace('4600', '4510'), committed);
    restore();
    assert.equal(fs.readFileSync(file, 'utf8'), committed);
    assert.equal(fs.existsSync(backup), false);
  });

  it('leaves the file untouched when it already names the port served', () => {
    const restore = demo.pointLocalConnectionAt(file, 'http://127.0.0.1:4510', backup);
    assert.equal(fs.readFileSync(file, 'utf8'), committed);
    assert.equal(fs.existsSync(backup), false);
    restore();
    assert.equal(fs.readFileSync(file, 'utf8'), committed);
  });

  it('repairs a file that a demo killed outright left pointed elsewhere', () => {
    const neverRan = demo.pointLocalConnectionAt(file, 'http://127.0.0.1:4700', backup);
    // A killed process never runs its restore; the copy it kept is what the next demo puts back.
    assert.equal(demo.restoreLeftover(file, backup), true);
    assert.equal(fs.readFileSync(file, 'utf8'), committed);
    assert.equal(demo.restoreLeftover(file, backup), false);
    fs.writeFileSync(file, committed.replace('4510', '4800'));
    neverRan();
    assert.equal(fs.readFileSync(file, 'utf8'), committed.replace('4510', '4800'), 'a late restore does not undo what came after the repair');
  });
});
