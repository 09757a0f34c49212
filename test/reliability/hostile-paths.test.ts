import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFile } from '../../src/cli/commands/validate';
import { validateJob } from '../../src/core/validate';
import { isInside, openJobWorkspace, type FileAccess } from '../../src/core/workspace';
import { fileSystemAccess } from '../../src/store/fs-access';
import { runCli } from '../helpers/cli';
import { check, hostileEntryAndPath, hostilePath, timed } from './fuzz';

/**
 * A job names files by path; a hostile job (a pull request, a downloaded example) names files outside
 * its workspace, devices, pipes, folders and huge files. Each must be refused at the key that names it,
 * with exit 1, without a byte of the file or of the environment in any output format, quickly and in
 * little memory, and never with a stack trace.
 */

const FILE_CANARY = `OUTSIDE_${randomBytes(6).toString('hex')}`;
const ENV_CANARY = `ENVIRON_${randomBytes(6).toString('hex')}`;
const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const STACK_TRACE = /\n\s+at .+[:(]\d+:\d+\)?/;

interface Case {
  name: string;
  key: 'sample' | 'substitutions' | 'redactions';
  value: string;
  code: 'sample-invalid' | 'rule-file';
}

function jobText(key: Case['key'], value: string): string {
  const named = key === 'sample' ? JSON.stringify(value) : JSON.stringify({ file: value });
  // One key a line, so the line of the key that names the file is known.
  return [
    '{',
    '  "name": "hostile",',
    '  "project": "p",',
    '  "connection": "local",',
    '  "feedbackType": "feedback",',
    '  "query": "SELECT Id, CreatedDate FROM Case",',
    '  "dateField": "CreatedDate",',
    `  ${JSON.stringify(key)}: ${named}`,
    '}',
    '',
  ].join('\n');
}
const KEY_LINE = 7;

describe('hostile paths: files a job names stay inside its workspace', function () {
  this.timeout(120_000);
  let root: string;
  let ws: string;
  let outside: string;
  const cases: Case[] = [];

  before(function () {
    if (process.platform === 'win32') this.skip();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-hostile-paths-'));
    ws = path.join(root, 'ws');
    outside = path.join(root, 'outside');
    fs.mkdirSync(path.join(ws, 'jobs'), { recursive: true });
    fs.mkdirSync(path.join(outside, 'folder'), { recursive: true });
    // Broken on purpose: if it were ever read, a parse error would be the way its text could escape.
    fs.writeFileSync(path.join(outside, 'secret.txt'), `${FILE_CANARY} {not json, no rule separator\n`);
    fs.writeFileSync(path.join(ws, 'sfjob.connections.json'), JSON.stringify({ connections: { local: { environmentUrl: 'http://127.0.0.1:9', flow: 'password', clientId: 'c', username: 'u@example.com' } } }));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link-out'));
    fs.symlinkSync(outside, path.join(ws, 'linked-folder'));
    fs.mkdirSync(path.join(ws, 'folder'));
    assert.equal(spawnSync('mkfifo', [path.join(ws, 'fifo')]).status, 0, 'mkfifo');
    // Sparse files: large to the file system, nothing on the disk.
    fs.closeSync(fs.openSync(path.join(ws, 'big.sample.json'), 'w'));
    fs.truncateSync(path.join(ws, 'big.sample.json'), 60 * 1024 * 1024);
    fs.closeSync(fs.openSync(path.join(ws, 'big-rules.txt'), 'w'));
    fs.truncateSync(path.join(ws, 'big-rules.txt'), 2 * 1024 * 1024);

    const targets: [string, string][] = [
      ['absolute', path.join(outside, 'secret.txt')],
      ['parent-steps', '../../outside/secret.txt'],
      ['many-parent-steps', '../../../../../../../../../../etc/passwd'],
      ['link-out', '../link-out'],
      ['linked-folder', '../linked-folder/secret.txt'],
      ['proc-environ', '/proc/self/environ'],
      ['dev-zero', '/dev/zero'],
      ['fifo', '../fifo'],
      ['folder', '../folder'],
    ];
    for (const [name, value] of targets) {
      cases.push({ name: `sample-${name}`, key: 'sample', value, code: 'sample-invalid' });
      cases.push({ name: `substitutions-${name}`, key: 'substitutions', value, code: 'rule-file' });
      cases.push({ name: `redactions-${name}`, key: 'redactions', value, code: 'rule-file' });
    }
    cases.push({ name: 'sample-oversized', key: 'sample', value: '../big.sample.json', code: 'sample-invalid' });
    cases.push({ name: 'substitutions-oversized', key: 'substitutions', value: '../big-rules.txt', code: 'rule-file' });
    for (const c of cases) fs.writeFileSync(path.join(ws, 'jobs', `${c.name}.sfjob.json`), jobText(c.key, c.value));
  });
  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  function assertClean(output: string, label: string): void {
    assert.ok(!output.includes(FILE_CANARY), `${label}: the outside file's text is in the output`);
    assert.ok(!output.includes(ENV_CANARY), `${label}: an environment value is in the output`);
    assert.ok(!STACK_TRACE.test(output), `${label}: a stack trace is in the output`);
  }

  for (const format of FORMATS) {
    it(`sfjob validate --format ${format} refuses every one with exit 1 and echoes nothing outside`, () => {
      const result = runCli(['validate', 'jobs', '--format', format], { cwd: ws, env: { SFJOB_HOSTILE_CANARY: ENV_CANARY } });
      assert.equal(result.status, 1, result.stderr);
      assertClean(result.stdout + result.stderr, format);
      if (format === 'json') {
        const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number } } }[] }[] };
        for (const c of cases) {
          const file = report.files.find((f) => f.path === `jobs/${c.name}.sfjob.json`);
          assert.ok(file, c.name);
          const refused = file.diagnostics.find((d) => d.code === c.code && d.severity === 'error');
          assert.ok(refused, `${c.name}: ${JSON.stringify(file.diagnostics)}`);
          assert.equal(refused.range.start.line, KEY_LINE, `${c.name} is reported on the line of "${c.key}"`);
          assert.match(refused.message, c.key === 'sample' ? /"sample"/ : new RegExp(`"${c.key}\\.file"`), `${c.name} names the key`);
        }
      }
      if (format === 'text') {
        for (const c of cases) assert.match(result.stdout, new RegExp(`jobs/${c.name}\\.sfjob\\.json:${KEY_LINE + 1}:\\d+: error ${c.code}:`), c.name);
      }
      if (format === 'github') {
        for (const c of cases) assert.ok(result.stdout.includes(`file=jobs/${c.name}.sfjob.json,line=${KEY_LINE + 1}`), c.name);
      }
      if (format === 'sarif') {
        const sarif = JSON.parse(result.stdout) as { runs: { results: { ruleId: string }[] }[] };
        assert.ok(sarif.runs[0].results.filter((r) => r.ruleId === 'sample-invalid' || r.ruleId === 'rule-file').length >= cases.length);
      }
    });
  }

  it('checks each in well under 2 s and 300 MB, never reading a device, a pipe or a huge file', () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    for (const c of cases) {
      const started = performance.now();
      const report = checkFile(path.join(ws, 'jobs', `${c.name}.sfjob.json`), ws, new Date());
      const ms = performance.now() - started;
      peak = Math.max(peak, process.memoryUsage().rss);
      assert.ok(ms < 2_000, `${c.name} took ${Math.round(ms)} ms`);
      assert.ok(report.diagnostics.some((d) => d.code === c.code && d.severity === 'error'), c.name);
      assertClean(JSON.stringify(report), c.name);
    }
    assert.ok(peak - before < 300 * 1024 * 1024, `memory grew by ${Math.round((peak - before) / 1024 / 1024)} MB`);
  });

  it('quotes a bad rule line and a broken sample only as a short excerpt, control characters escaped', () => {
    const dir = path.join(ws, 'excerpts');
    fs.mkdirSync(path.join(dir, 'rules'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'rules', 'bad.txt'), `\u001b]0;title\u0007 ${'A'.repeat(500)} TAIL_OF_THE_LINE\n`);
    fs.writeFileSync(path.join(dir, 'bad.sample.json'), `[{"Id": "x"}, ${'B'.repeat(1000)} TAIL_OF_THE_SAMPLE]`);
    fs.writeFileSync(path.join(dir, 'rules.sfjob.json'), jobText('substitutions', 'rules/bad.txt'));
    fs.writeFileSync(path.join(dir, 'sample.sfjob.json'), jobText('sample', 'bad.sample.json'));
    const result = runCli(['validate', 'excerpts', '--format', 'json'], { cwd: ws });
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; message: string }[] }[] };
    const messages = report.files.flatMap((f) => f.diagnostics.filter((d) => d.code === 'rule-file' || d.code === 'sample-invalid').map((d) => d.message));
    assert.equal(messages.length, 2, JSON.stringify(report));
    for (const message of messages) {
      assert.ok(!/[\u0000-\u001f]/.test(message), `raw control characters in ${JSON.stringify(message)}`);
      assert.ok(!message.includes('TAIL_OF'), `more than an excerpt in ${message}`);
      assert.ok(message.length < 400, message);
    }
    assert.ok(messages.some((m) => m.includes('\\u001b')), 'the escape character is shown escaped');
  });

  it('sfjob sample writes nothing outside the workspace, through links or parent steps, before asking any org', () => {
    const before = fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8');
    for (const [name, target] of [
      ['write-link', '../link-out'],
      ['write-linked-folder', '../linked-folder/new.sample.json'],
      ['write-parent', '../../outside/new.sample.json'],
      ['write-absolute', path.join(outside, 'absolute.sample.json')],
    ]) {
      fs.writeFileSync(path.join(ws, 'jobs', `${name}.sfjob.json`), jobText('sample', target));
      const result = runCli(['sample', `jobs/${name}.sfjob.json`], { cwd: ws });
      assert.equal(result.status, 1, `${name}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, /cannot be written: .*outside the workspace/, name);
      assertClean(result.stdout + result.stderr, name);
      fs.rmSync(path.join(ws, 'jobs', `${name}.sfjob.json`));
    }
    assert.equal(fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8'), before);
    assert.deepEqual(fs.readdirSync(outside).sort(), ['folder', 'secret.txt']);
  });

  /** The file system, with every path read recorded. */
  function recordingAccess(): { access: FileAccess; read: string[] } {
    const read: string[] = [];
    return { read, access: { ...fileSystemAccess, read: (file, limit) => (read.push(file), fileSystemAccess.read(file, limit)) } };
  }

  it('never reads a file outside the workspace, whatever path a job names (fuzzed)', () => {
    const realWs = fs.realpathSync(ws);
    const job = path.join(ws, 'jobs', 'fuzzed.sfjob.json');
    check(
      'hostile paths',
      hostilePath,
      (named) => {
        for (const key of ['sample', 'substitutions', 'redactions'] as const) {
          const text = jobText(key, named);
          const { access, read } = recordingAccess();
          const result = timed(`${key}: ${JSON.stringify(named)}`, () => validateJob(text, openJobWorkspace(job, text, access).validationContext(new Date())));
          for (const file of read) assert.ok(isInside(fs.realpathSync(file), realWs), `${key} ${JSON.stringify(named)} read ${file}`);
          assertClean(JSON.stringify(result.diagnostics), JSON.stringify(named));
        }
      },
      150,
    );
  });

  it('refuses every file kind but a regular file inside the workspace, under any name (fuzzed)', () => {
    const realWs = fs.realpathSync(ws);
    const job = path.join(ws, 'jobs', 'fuzzed.sfjob.json');
    const names: Record<string, string> = { plain: '../plain.json', folder: '../folder', fifo: '../fifo', 'link-out': '../link-out', 'linked-folder': '../linked-folder', dangling: '../dangling', big: '../big.sample.json' };
    fs.writeFileSync(path.join(ws, 'plain.json'), '[{"Id": "1"}]');
    fs.symlinkSync('plain.json', path.join(ws, 'link-in'));
    fs.symlinkSync(path.join(outside, 'missing.json'), path.join(ws, 'dangling'));
    check(
      'hostile file kinds',
      hostileEntryAndPath,
      ({ entry, path: extra }) => {
        for (const named of [names[entry] ?? `../${entry}`, extra]) {
          const text = jobText('sample', named);
          const { access, read } = recordingAccess();
          const workspace = openJobWorkspace(job, text, access);
          const opened = timed(JSON.stringify(named), () => workspace.openFile(named, 'sample'));
          for (const file of read) assert.ok(isInside(fs.realpathSync(file), realWs), `${JSON.stringify(named)} read ${file}`);
          if (opened.ok) {
            assert.ok(isInside(fs.realpathSync(opened.path), realWs));
            assert.ok(fs.statSync(opened.path).isFile());
          }
        }
      },
      100,
    );
  });
});
