/**
 * Child processes for the end-to-end and memory benchmarks: the emulator in a process of its own (so its
 * memory never counts against the run), a throwaway workspace with a job, and a timed child whose peak
 * RSS it reports itself on exit (see max-rss.js).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const MAX_RSS_PRELOAD = path.join(__dirname, 'max-rss.js');

/** True when the benchmarks run in their short form (`npm run bench -- --quick`). */
export const QUICK = process.env.SFJOB_BENCH_QUICK === '1';

export interface EmulatorProcess {
  url: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  pid: number;
  close(): Promise<void>;
}

/** Starts `sfjob emulator` from dist/cli.js with `surveys` survey responses and nothing else. */
export async function startEmulatorProcess(surveys: number): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0', '--json', '--records', `surveys=${surveys},cases=0,chats=0,sms=0`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code} before it was ready`)));
  });
  // Keep reading so the emulator never blocks on a full pipe.
  lines.on('line', () => undefined);
  const credentials = JSON.parse(first) as Omit<EmulatorProcess, 'pid' | 'close'>;
  return {
    ...credentials,
    pid: child.pid ?? 0,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An access token from the emulator's password grant, for clients that take a token (jsforce, sf). */
export async function accessToken(emulator: EmulatorProcess): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'password', client_id: emulator.clientId, client_secret: emulator.clientSecret, username: emulator.username, password: emulator.password });
  const response = await fetch(`${emulator.url}/services/oauth2/token`, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`token request failed with ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface Workspace {
  root: string;
  jobPath: string;
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/** A temporary workspace with a connection to the emulator (client credentials flow, secret in the environment) and one job. */
export function createWorkspace(emulator: EmulatorProcess, job: object): Workspace {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-bench-'));
  const root = path.join(base, 'workspace');
  const home = path.join(base, 'home');
  fs.mkdirSync(path.join(root, 'jobs'), { recursive: true });
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(root, 'sfjob.connections.json'), JSON.stringify({ connections: { local: { environmentUrl: emulator.url, clientId: emulator.clientId, flow: 'clientCredentials' } } }));
  const jobPath = path.join(root, 'jobs', 'bench.sfjob.json');
  fs.writeFileSync(jobPath, JSON.stringify(job, null, 2));
  return {
    root,
    jobPath,
    env: { PATH: process.env.PATH, HOME: home, SFJOB_CREDENTIALS_FILE: path.join(home, 'credentials.json'), SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret },
    remove: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

export interface ChildFigures {
  ms: number;
  /** The child's peak resident set size in MB, as it reported it on exit. */
  maxRssMb: number;
  stdout: string;
}

/**
 * Runs `node [args]` (or another command) to its end and times it. Node children are preloaded with
 * max-rss.js; for other commands (`sf` is a Node script too) NODE_OPTIONS carries the preload.
 */
export async function timeChild(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdoutFile?: string } = {}): Promise<ChildFigures> {
  const rssFile = path.join(os.tmpdir(), `sfjob-bench-rss-${process.pid}-${Date.now()}`);
  const env = { ...(options.env ?? process.env), SFJOB_BENCH_MAX_RSS_FILE: rssFile, NODE_OPTIONS: `--require ${MAX_RSS_PRELOAD}` };
  const out = options.stdoutFile ? fs.openSync(options.stdoutFile, 'w') : 'pipe';
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env, stdio: ['ignore', out, 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (typeof out === 'number') fs.closeSync(out);
  if (code !== 0) throw new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')} exited with code ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  let maxRssMb = Number.NaN;
  if (fs.existsSync(rssFile)) {
    maxRssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024 / 1024;
    fs.rmSync(rssFile, { force: true });
  }
  return { ms, maxRssMb, stdout };
}
