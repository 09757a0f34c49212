import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launcherFiles, writeLauncher } from '../../../../src/vscode/terminal/launcher';

describe('the sfjob launcher for VS Code terminals', () => {
  let base: string;
  let cli: string;

  beforeEach(() => {
    // Spaces and a quote in the paths, as a user's home folder may have.
    base = fs.mkdtempSync(path.join(os.tmpdir(), "sfjob launcher's test-"));
    fs.mkdirSync(path.join(base, 'ext dist'));
    cli = path.join(base, 'ext dist', 'cli.js');
    fs.writeFileSync(cli, 'process.stdout.write(JSON.stringify({ args: process.argv.slice(2), runtime: process.execPath, electronAsNode: process.env.ELECTRON_RUN_AS_NODE }));\nprocess.exitCode = 3;\n');
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('runs the bundled CLI with the extension host\'s runtime when "sfjob" is typed in a terminal, passing every argument and the exit code through', () => {
    const folder = writeLauncher(path.join(base, 'storage', 'bin'), process.execPath, cli, 'linux');
    // The terminal's PATH as VS Code composes it: the launcher folder first, and no node of its own.
    const result = spawnSync('/bin/sh', ['-c', 'sfjob validate "a b.sfjob.json" --format \'json\' "it\'s"'], { env: { PATH: `${folder}${path.delimiter}/usr/bin:/bin` }, encoding: 'utf8' });
    assert.equal(result.status, 3, result.stderr);
    const seen = JSON.parse(result.stdout) as { args: string[]; runtime: string; electronAsNode: string };
    assert.deepEqual(seen.args, ['validate', 'a b.sfjob.json', '--format', 'json', "it's"]);
    assert.equal(seen.runtime, process.execPath);
    assert.equal(seen.electronAsNode, '1');
  });

  it('rewrites the launcher when the extension moved (an update), and leaves it alone otherwise', () => {
    const folder = path.join(base, 'bin');
    writeLauncher(folder, process.execPath, cli, 'linux');
    const launcher = path.join(folder, 'sfjob');
    const first = fs.statSync(launcher);
    assert.equal(first.mode & 0o111, 0o111, 'executable');
    writeLauncher(folder, process.execPath, cli, 'linux');
    assert.equal(fs.statSync(launcher).mtimeMs, first.mtimeMs);
    const before = fs.readFileSync(launcher, 'utf8');
    writeLauncher(folder, process.execPath, path.join(base, 'ext 2', 'cli.js'), 'linux');
    const after = fs.readFileSync(launcher, 'utf8');
    assert.notEqual(after, before);
    assert.match(after, /ext 2\/cli\.js' "\$@"\n$/);
  });

  it('gives Windows terminals an sfjob.cmd that keeps ELECTRON_RUN_AS_NODE to itself', () => {
    const [file] = launcherFiles('C:\\Program Files\\Code\\Code.exe', 'C:\\Users\\a b\\.vscode\\extensions\\sfjob\\dist\\cli.js', 'win32');
    assert.equal(file.name, 'sfjob.cmd');
    assert.match(file.text, /^@echo off\r\nsetlocal\r\nset ELECTRON_RUN_AS_NODE=1\r\n"C:\\Program Files\\Code\\Code\.exe" "C:\\Users\\a b\\[^"]+cli\.js" %\*\r\n$/);
  });
});
