import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../helpers/cli';
import { announceTestSecret, reportTestOutput } from '../helpers/secret-channels';

/**
 * Runs the built CLI on a workspace made of hostile files, the way a CI job runs it on a pull request:
 * with secrets in its environment and a credentials file outside the workspace. Measures what the run
 * cost (wall time, CPU time and peak memory of the child) and collects every byte it printed or wrote.
 */

/** Random values that stand for the runner's secrets; no output may hold any of their bytes. */
export const PLANTED = {
  SFJOB_LOCAL_PASSWORD: `pw-${randomBytes(16).toString('hex')}`,
  SFJOB_LOCAL_CLIENT_SECRET: `cs-${randomBytes(16).toString('hex')}`,
  SFJOB_ACME_PROD_CLIENT_SECRET: `cs-${randomBytes(16).toString('hex')}`,
  SFJOB_ACME_PROD_PASSWORD: `pw-${randomBytes(16).toString('hex')}`,
  SFJOB_ACME_PROD_REFRESH_TOKEN: `5Aep${randomBytes(32).toString('hex')}`,
  HOSTILE_DEPLOY_TOKEN: `tk-${randomBytes(16).toString('hex')}`,
};
export const CREDENTIALS_SECRET = `rt-${randomBytes(16).toString('hex')}`;
for (const value of [...Object.values(PLANTED), CREDENTIALS_SECRET]) announceTestSecret(value);

/** The pieces a leak could show: each secret whole and every 8-character window of it. */
function leakWindows(): string[] {
  const windows: string[] = [];
  for (const secret of [...Object.values(PLANTED), CREDENTIALS_SECRET]) {
    for (let i = 0; i + 8 <= secret.length; i++) windows.push(secret.slice(i, i + 8));
  }
  return windows;
}
const LEAK_WINDOWS = leakWindows();

export function leakedIn(text: string): string | undefined {
  return LEAK_WINDOWS.find((window) => text.includes(window));
}

/** A job that passes every offline check, to change one key at a time. */
export const CLEAN_JOB = {
  name: 'Closed cases',
  project: 'Customer Care',
  connection: 'local',
  feedbackType: 'feedback',
  query: 'SELECT Id, Subject, Description, CreatedDate FROM Case',
  dateField: 'CreatedDate',
  mapping: { fields: [{ source: 'Description', name: 'description', type: 'verbatim' }] },
};

export const CLEAN_CONNECTIONS = {
  connections: { local: { environmentUrl: 'http://127.0.0.1:4510', flow: 'password', clientId: 'sfjob-local-app', username: 'integration@sfjob.local' } },
};

export class HostileWorkspace {
  readonly base = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-hostile-'));
  readonly root = path.join(this.base, 'repo');
  readonly home = path.join(this.base, 'home');
  readonly credentialsFile = path.join(this.home, '.config', 'sfjob', 'credentials.json');

  constructor(files: Record<string, string | Buffer>) {
    fs.mkdirSync(this.root, { recursive: true });
    fs.mkdirSync(path.dirname(this.credentialsFile), { recursive: true });
    fs.writeFileSync(this.credentialsFile, JSON.stringify({ connections: { local: { refreshToken: CREDENTIALS_SECRET } } }), { mode: 0o600 });
    const all = { 'sfjob.connections.json': JSON.stringify(CLEAN_CONNECTIONS, null, 2), ...files };
    for (const [name, content] of Object.entries(all)) {
      const file = path.join(this.root, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }

  remove(): void {
    fs.rmSync(this.base, { recursive: true, force: true });
  }
}

export interface MeasuredRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** What --output wrote, when it was given. */
  written?: string;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

// Loaded into the CLI process with --require: at exit it records what the process used, from the kernel's
// own accounting, so the figures are the child's and not the test's.
const MEASURE_HOOK = `const fs = require('node:fs');
process.on('exit', () => { const u = process.resourceUsage(); fs.writeFileSync(process.env.SFJOB_TEST_MEASURE, JSON.stringify(u)); });
`;

export function runValidate(ws: HostileWorkspace, args: string[], outputFile?: string): MeasuredRun {
  const hook = path.join(ws.base, 'measure.cjs');
  const usageFile = path.join(ws.base, 'usage.json');
  fs.writeFileSync(hook, MEASURE_HOOK);
  fs.rmSync(usageFile, { force: true });
  const output = outputFile ? path.join(ws.base, outputFile) : undefined;
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', hook, CLI, 'validate', ...args, ...(output ? ['--output', output] : [])], {
    cwd: ws.root,
    env: { PATH: process.env.PATH, HOME: ws.home, TMPDIR: process.env.TMPDIR, SFJOB_CREDENTIALS_FILE: ws.credentialsFile, SFJOB_TEST_MEASURE: usageFile, ...PLANTED },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const usage = fs.existsSync(usageFile) ? (JSON.parse(fs.readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage) : undefined;
  const written = output && fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : undefined;
  reportTestOutput(`the output of sfjob validate ${args.join(' ')}`, `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${written ?? ''}`);
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    written,
    wallMs,
    cpuMs: usage ? (usage.userCPUTime + usage.systemCPUTime) / 1000 : Number.NaN,
    peakRssMb: usage ? usage.maxRSS / 1024 : Number.NaN,
  };
}
