import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { REPO_ROOT } from '../../helpers/cli';
import { CLEAN_CASE_JOB, GROUPED_CASE_JOB } from '../../helpers/jobs';
import { reportTestOutput } from '../../helpers/secret-channels';
import { emulatorWorkspace, type TestWorkspace } from '../salesforce/workspace';

/** What a user gets from `npm install sfjob`: bundles, schemas, grammars and docs, and nothing else. */
const MAX_INSTALLED_BYTES = 8 * 1024 * 1024;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function sizeOf(target: string): { bytes: number; files: string[] } {
  let bytes = 0;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      // The bin link in node_modules/.bin is the same file as the package's own: counted once.
      else if (entry.isFile()) {
        bytes += fs.statSync(full).size;
        files.push(path.relative(target, full).split(path.sep).join('/'));
      }
    }
  };
  walk(target);
  return { bytes, files };
}

function check(result: SpawnSyncReturns<string>, what: string): string {
  assert.equal(result.status, 0, `${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe('the npm package', function () {
  // One production build and one offline install; the machine may be busy.
  this.timeout(240_000);
  /**
   * Named so the suite's secret scan knows it: the installed bundles hold the emulator's documented
   * default credentials as source code. The workspaces the installed CLI writes to are elsewhere.
   */
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-installed-package-'));
  const project = path.join(base, 'project');
  const installed = path.join(project, 'node_modules', 'sfjob');
  // An empty cache and --offline: any dependency the package still had would fail the install.
  const npmEnv = { ...process.env, npm_config_cache: path.join(base, 'npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  let tarball: string;
  let packed: { path: string; size: number }[];
  let tarballBytes: number;
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;

  /**
   * npx from the project that installed the tarball, as a user would; the workspace is given by path.
   * Asynchronous, so the emulator in this process can answer while the command runs.
   */
  const sfjob = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> => {
    const child = spawn(NPX, ['--offline', 'sfjob', ...args], { cwd: project, env: { ...npmEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [status] = (await once(child, 'close')) as [number | null];
    reportTestOutput(`the output of the installed sfjob ${args.join(' ')}`, `${stdout}\n${stderr}`);
    return { status, stdout, stderr };
  };

  before(async () => {
    // `npm pack` runs `prepare`, which makes the production bundles the package carries.
    const pack = JSON.parse(check(spawnSync(NPM, ['pack', '--json', '--pack-destination', base], { cwd: REPO_ROOT, env: npmEnv, encoding: 'utf8', timeout: 200_000 }), 'npm pack')) as [{ filename: string; size: number; files: { path: string; size: number }[] }];
    tarball = path.join(base, pack[0].filename);
    packed = pack[0].files;
    tarballBytes = fs.statSync(tarball).size;
    fs.mkdirSync(project, { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    check(spawnSync(NPM, ['install', '--offline', tarball], { cwd: project, env: npmEnv, encoding: 'utf8', timeout: 120_000 }), 'npm install --offline');
    emulator = await startEmulator({ port: 0, records: { cases: 40, chats: 1, sms: 1, surveys: 1 } });
    workspace = emulatorWorkspace(emulator);
    fs.mkdirSync(path.join(workspace.root, 'jobs'));
    fs.writeFileSync(path.join(workspace.root, 'jobs', 'cases.sfjob.json'), JSON.stringify(CLEAN_CASE_JOB, null, 2));
  });

  after(async () => {
    await emulator?.close();
    workspace?.remove();
    fs.rmSync(base, { recursive: true, force: true });
    // The rest of the suite runs the development build (with source maps) that `npm test` made.
    check(spawnSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 }), 'the development build');
  });

  it('packs only the production bundles, schemas, grammars and docs: no sources, tests or source maps', () => {
    const paths = packed.map((file) => file.path);
    for (const bundle of ['dist/cli.js', 'dist/extension.js', 'dist/soql.js', 'dist/jsforce.js', 'dist/sqlite.js', 'dist/node-sqlite3-wasm.wasm', 'schemas/sfjob.schema.json', 'package.json', 'README.md']) assert.ok(paths.includes(bundle), `${bundle} is missing from ${paths.join(', ')}`);
    const unwanted = paths.filter((file) => /^(src|test|bench|scripts|examples|\.ci)\//.test(file) || file.endsWith('.map'));
    assert.deepEqual(unwanted, []);
    // SQLite's WebAssembly build (the run state's database) takes about 0.6 MB of the tarball.
    assert.ok(tarballBytes < 3 * 1024 * 1024, `the tarball is ${tarballBytes} bytes`);
    process.stdout.write(`      tarball ${(tarballBytes / 1e6).toFixed(2)} MB, ${paths.length} files\n`);
  });

  it('installs from the tarball alone, offline, pulling no other package, within the size budget', () => {
    const modules = fs.readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
    assert.deepEqual(modules, ['sfjob']);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as { dependencies?: object; private?: boolean };
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.private, undefined);
    const { bytes } = sizeOf(path.join(project, 'node_modules'));
    assert.ok(bytes < MAX_INSTALLED_BYTES, `installed size ${bytes} bytes`);
    process.stdout.write(`      installed ${(bytes / 1e6).toFixed(2)} MB, 1 package\n`);
  });

  it('validates job files with npx sfjob: exit 0 for a clean job, 1 and the code for a broken one', async () => {
    const clean = await sfjob(['validate', path.join(workspace.root, 'jobs')]);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    fs.writeFileSync(path.join(workspace.root, 'jobs', 'grouped.sfjob.json'), JSON.stringify(GROUPED_CASE_JOB, null, 2));
    try {
      const broken = await sfjob(['validate', path.join(workspace.root, 'jobs')]);
      assert.equal(broken.status, 1, broken.stdout + broken.stderr);
      assert.match(broken.stdout, /grouped\.sfjob\.json:\d+:\d+: error soql-group-by:/);
    } finally {
      fs.rmSync(path.join(workspace.root, 'jobs', 'grouped.sfjob.json'));
    }
  });

  it('runs a job against the emulator with npx sfjob and writes its documents', async () => {
    const result = await sfjob(['run', path.join(workspace.root, 'jobs', 'cases.sfjob.json')], workspace.env);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const written = Number(/published (\d+) documents?/.exec(result.stdout)?.[1]);
    assert.equal(written, emulator.org.rows('Case').filter((row) => row.IsDeleted !== true).length);
    const out = sizeOf(path.join(workspace.root, 'out')).files.filter((file) => file.endsWith('.jsonl'));
    assert.equal(out.length, 1, out.join(', '));
  });

  it('puts the CLI in the VS Code package too, beside the extension, and nothing else of the repository', () => {
    const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
    const listed = check(spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 }), 'vsce ls').trim().split('\n');
    for (const file of ['dist/cli.js', 'dist/extension.js', 'dist/soql.js', 'dist/jsforce.js', 'dist/sqlite.js', 'dist/node-sqlite3-wasm.wasm', 'package.json']) assert.ok(listed.includes(file), `${file} is missing from the .vsix: ${listed.join(', ')}`);
    assert.deepEqual(listed.filter((file) => /^(src|test|node_modules|examples)\//.test(file) || file.endsWith('.map')), []);
  });

  it('answers --version and help from the installed bundle', async () => {
    const version = await sfjob(['--version']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const help = await sfjob(['help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /validate\s+\S.*\n/);
  });
});
