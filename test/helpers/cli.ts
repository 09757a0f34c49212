import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { reportTestOutput } from './secret-channels';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (dist/cli.js, built by `npm test` before mocha) as a user would. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  reportTestOutput(`the output of sfjob ${args.join(' ')}`, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
