import { spawnSync } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEST_OUTPUT_CHANNEL, TEST_SECRET_CHANNEL } from '../helpers/secret-channels';

/**
 * A mocha root-hook plugin (registered in .mocharc.json) that looks, for the whole test run, for the
 * secrets the tests use in everything the tests write and print:
 *
 * - Every temporary folder the suite makes lands in one folder of its own: TMPDIR points there before
 *   any test file loads, so os.tmpdir() in tests and in the CLI processes they start (which inherit the
 *   environment) resolves inside it. After every test, while the test's folders still exist (suites
 *   remove theirs in `after`), each file new or changed since the last look is read and searched; and
 *   whatever is removed under that folder (fs.rm, fs.rmSync, fs.promises.rm) is searched just before it
 *   goes, so files that live only inside one test are seen too.
 * - Everything this process prints (reporter lines, console output of tests) and every CLI run's
 *   output reported on TEST_OUTPUT_CHANNEL is searched as it is written.
 * - The secrets are those the emulator issues or is configured with (SECRET_CHANNEL: client secrets,
 *   passwords, access and refresh tokens, authorization codes) and those tests announce on
 *   TEST_SECRET_CHANNEL (credentials they configure).
 *
 * Credentials files are the one place a secret belongs; they are left out. At the end, files the run
 * left in the repository are searched too, the figures are printed, and any leak fails the run.
 */

const EMULATOR_SECRET_CHANNEL = 'sfjob:emulator:secret';
/** Shorter values (a port, a short test password like "pw") would match by chance. */
const MIN_SECRET_LENGTH = 8;
const MAX_FILE_BYTES = 128 * 1024 * 1024;

export interface Leak {
  secret: string;
  where: string;
  test: string;
}

export interface ScanState {
  folder: string;
  secrets: Set<string>;
  filesScanned: number;
  bytesScanned: number;
  outputsScanned: number;
  leaks: Leak[];
  /** path → "mtime:size" when last read, so unchanged files are read once. */
  seen: Map<string, string>;
  currentTest: string;
}

const STATE_KEY = Symbol.for('sfjob.secretScan');

/** The scan's state, shared through a global so test files reach the same one whatever the module loader. */
export function scanState(): ScanState | undefined {
  return (globalThis as Record<symbol, ScanState | undefined>)[STATE_KEY];
}

/** A credentials file (or its temporary twin while it is replaced) holds secrets by design. */
export function isCredentialsFile(file: string): boolean {
  const name = path.basename(file);
  return path.basename(path.dirname(file)) === 'sfjob' && (name === 'credentials.json' || /^\.credentials\.json\.[0-9a-f]+\.tmp$/.test(name));
}

/** The secrets found in a text, shown by their first characters only. */
export function secretsIn(text: string | Buffer, secrets: Iterable<string>): string[] {
  const found: string[] = [];
  for (const secret of secrets) if (text.includes(secret)) found.push(secret);
  return found;
}

/** Reads every regular file under `folder` (or the file itself) not read before in this form, and reports the secrets in them. */
export function scanFolder(folder: string, secrets: Iterable<string>, seen = new Map<string, string>()): { files: number; bytes: number; leaks: { file: string; secret: string }[] } {
  const result = { files: 0, bytes: 0, leaks: [] as { file: string; secret: string }[] };
  const list = [...secrets];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // Removed while we looked: nothing left to read.
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) scanFile(full);
    }
  };
  const scanFile = (file: string): void => {
    if (isCredentialsFile(file)) return;
    let stat: fs.Stats;
    let content: Buffer;
    try {
      stat = fs.statSync(file);
      const signature = `${stat.mtimeMs}:${stat.size}`;
      if (!stat.isFile() || seen.get(file) === signature || stat.size > MAX_FILE_BYTES) return;
      content = fs.readFileSync(file);
      seen.set(file, signature);
    } catch {
      return; // Removed while we looked: nothing left to read.
    }
    result.files++;
    result.bytes += content.length;
    for (const secret of secretsIn(content, list)) result.leaks.push({ file, secret });
  };
  if (fs.existsSync(folder) && fs.statSync(folder).isFile()) scanFile(folder);
  else walk(folder);
  return result;
}

function untrackedFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: path.resolve(__dirname, '..', '..'), encoding: 'utf8' });
  return listed.status === 0 ? listed.stdout.split('\0').filter((file) => file !== '') : [];
}

function install(): ScanState {
  const existing = scanState();
  if (existing) return existing;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-suite-'));
  process.env.TMPDIR = folder;
  const state: ScanState = { folder, secrets: new Set(), filesScanned: 0, bytesScanned: 0, outputsScanned: 0, leaks: [], seen: new Map(), currentTest: '(loading)' };
  (globalThis as Record<symbol, ScanState>)[STATE_KEY] = state;

  const learn = (message: unknown): void => {
    if (typeof message === 'string' && message.length >= MIN_SECRET_LENGTH) state.secrets.add(message);
  };
  subscribe(EMULATOR_SECRET_CHANNEL, learn);
  subscribe(TEST_SECRET_CHANNEL, learn);
  const inspectOutput = (where: string, text: string): void => {
    state.outputsScanned++;
    for (const secret of secretsIn(text, state.secrets)) state.leaks.push({ secret, where, test: state.currentTest });
  };
  subscribe(TEST_OUTPUT_CHANNEL, (message) => {
    const { where, text } = message as { where: string; text: string };
    inspectOutput(where, text);
  });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    const where = stream === process.stdout ? 'the test run\'s standard output' : 'the test run\'s standard error';
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) inspectOutput(where, chunk.toString());
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  searchBeforeRemoval(state);
  return state;
}

/** Wraps the removal functions so that what a test deletes under the suite's folder is searched first. */
function searchBeforeRemoval(state: ScanState): void {
  const before = (target: unknown): void => {
    if (typeof target !== 'string' && !(target instanceof URL)) return;
    const full = path.resolve(target instanceof URL ? target.pathname : target);
    const relative = path.relative(state.folder, full);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || isTranspileCache(relative)) return;
    scanInto(state, full, state.folder);
  };
  // node:fs's own module object: an imported namespace may be a copy made for interop.
  const writable = createRequire(__filename)('node:fs') as Record<'rm' | 'rmSync', (...args: unknown[]) => unknown> & { promises: typeof fs.promises };
  for (const name of ['rm', 'rmSync'] as const) {
    const original = writable[name];
    writable[name] = (target: unknown, ...rest: unknown[]) => {
      before(target);
      return original(target, ...rest);
    };
  }
  const rmPromise = writable.promises.rm;
  writable.promises.rm = (target, options) => {
    before(target);
    return rmPromise(target, options);
  };
  // ES module imports of node:fs see the wrapped functions only after this.
  syncBuiltinESMExports();
}

/**
 * tsx keeps transpiled copies of the sources in a tsx-<uid> folder of the temporary folder, and the
 * packaging test installs the built package in a sfjob-installed-package-* folder; both hold the
 * emulator's documented default credentials as source code, which is no leak.
 */
function isTranspileCache(file: string): boolean {
  return /^(tsx-\d+|sfjob-installed-package-\w+)$/.test(file.split(path.sep)[0] ?? '');
}

function scanNow(state: ScanState): void {
  for (const entry of fs.readdirSync(state.folder)) {
    if (!isTranspileCache(entry)) scanInto(state, path.join(state.folder, entry), state.folder);
  }
}

function scanInto(state: ScanState, target: string, base: string): void {
  const result = scanFolder(target, state.secrets, state.seen);
  state.filesScanned += result.files;
  state.bytesScanned += result.bytes;
  for (const leak of result.leaks) state.leaks.push({ secret: leak.secret, where: path.relative(base, leak.file), test: state.currentTest });
}

const untrackedBefore = new Set(untrackedFiles());
const state = install();

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    state.currentTest = this.currentTest?.fullTitle() ?? '(unknown test)';
  },
  afterEach(): void {
    scanNow(state);
  },
  afterAll(): void {
    state.currentTest = '(after the last test)';
    scanNow(state);
    const root = path.resolve(__dirname, '..', '..');
    for (const file of untrackedFiles().filter((name) => !untrackedBefore.has(name))) scanInto(state, path.join(root, file), root);
    const leaks = state.leaks;
    const summary = `Secret scan: ${state.secrets.size} secrets searched for in ${state.filesScanned} files (${(state.bytesScanned / 1e6).toFixed(1)} MB) and ${state.outputsScanned} pieces of output; ${leaks.length} found`;
    process.stdout.write(`\n  ${summary}\n`);
    fs.rmSync(state.folder, { recursive: true, force: true });
    if (leaks.length > 0) {
      const lines = leaks.slice(0, 20).map((leak) => `  a secret (${leak.secret.slice(0, 4)}…, ${leak.secret.length} characters) in ${leak.where}, during "${leak.test}"`);
      throw new Error(`Secrets leaked into files or output:\n${lines.join('\n')}`);
    }
  },
};
