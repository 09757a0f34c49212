import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DescribeSource } from '../core/describe';
import { durationMs } from '../core/run/window';
import { validateJob } from '../core/validate';
import type { ValidationResult } from '../core/validate-api';
import { openJobWorkspace, type JobWorkspace } from '../core/workspace';
import { connect, createCliSecretStore } from '../salesforce/connect';
import type { AuthorizedConnection } from '../salesforce/session/types';
import { fileSystemAccess } from '../store/fs-access';
import { CliUsageError, type CliIo } from './command';
import { displayPath } from './files';

/** A job file opened for an online command: its text, the offline checks, and where its files live. */
export interface OnlineJob {
  file: string;
  shown: string;
  text: string;
  connection?: string;
  /** The offline checks with whatever describe data is cached. */
  offline: ValidationResult;
  /** Everything around the job: its root, connections, cached org, the files it names. */
  workspace: JobWorkspace;
  /** The workspace root (the folder of sfjob.connections.json, else the job's folder). */
  workspaceRoot: string;
  /** The workspace's describe cache folder. */
  cacheDir: string;
}

export function openJob(fileArgument: string, io: CliIo, now: Date): OnlineJob {
  const file = path.resolve(io.cwd, fileArgument);
  const shown = displayPath(file, io.cwd);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliUsageError(`${shown}: cannot read the job file (${code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}).`);
  }
  const workspace = openJobWorkspace(file, text, fileSystemAccess);
  const offline = validateJob(text, workspace.validationContext(now));
  const { connection } = workspace;
  return { file, shown, text, ...(connection ? { connection } : {}), offline, workspace, workspaceRoot: workspace.root, cacheDir: workspace.describeCacheDir };
}

/** The describe data of the job's org as now cached (read again, for the checks after a refresh). */
export function cachedDescribe(job: OnlineJob): DescribeSource | undefined {
  return openJobWorkspace(job.file, job.text, fileSystemAccess).describe;
}

export async function openSession(job: OnlineJob, connection: string, io: CliIo, command: string, apiVersion?: string): Promise<AuthorizedConnection> {
  return connect(connection, {
    workspaceRoot: job.workspaceRoot,
    secrets: createCliSecretStore(io.env, { workspaceRoot: job.workspaceRoot }),
    env: io.env,
    ...(apiVersion ? { apiVersion } : {}),
    onWarning: (message) => io.stderr(`sfjob ${command}: ${message}\n`),
  });
}

/** `--max-age 12h` → milliseconds; bad usage for anything else. */
export function parseMaxAge(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return durationMs(value);
  } catch {
    throw new CliUsageError(`--max-age is a duration such as 90m, 12h or 7d, not "${value}".`);
  }
}
