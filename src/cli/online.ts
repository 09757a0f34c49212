import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateJob } from '../core/validate';
import type { ValidationResult } from '../core/validate-api';
import { durationMs } from '../core/run/window';
import { connect, createCliSecretStore } from '../salesforce/connect';
import { DESCRIBE_FOLDER, findDescribeCacheDir, readDescribeCache } from '../salesforce/describe/cache';
import type { AuthorizedConnection } from '../salesforce/session/types';
import { CliUsageError, type CliIo } from './command';
import { displayPath, findConnectionsFile } from './files';
import { connectionOf, createValidationContext, DescribeLoader } from './job-context';

/** A job file opened for an online command: its text, the offline checks, and where its files live. */
export interface OnlineJob {
  file: string;
  shown: string;
  text: string;
  connection?: string;
  /** The offline checks with whatever describe data is cached. */
  offline: ValidationResult;
  /** The folder of sfjob.connections.json, else the job's folder. */
  workspaceRoot: string;
  /** The describe cache that applies to the job: the nearest one above it, else a new one at the workspace root. */
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
  const connection = connectionOf(text);
  const offline = validateJob(text, createValidationContext(file, now, new DescribeLoader().forJob(file, connection)));
  const connections = findConnectionsFile(path.dirname(file));
  const workspaceRoot = connections ? path.dirname(connections) : path.dirname(file);
  const cacheDir = findDescribeCacheDir(path.dirname(file)) ?? path.join(workspaceRoot, DESCRIBE_FOLDER);
  return { file, shown, text, ...(connection ? { connection } : {}), offline, workspaceRoot, cacheDir };
}

/** The describe data of the job's org as now cached, for the checks after a refresh. */
export function cachedDescribe(job: OnlineJob): ReturnType<typeof readDescribeCache> {
  return readDescribeCache(job.cacheDir, job.connection ? { connection: job.connection } : {});
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
