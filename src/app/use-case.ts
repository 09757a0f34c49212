import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DescribeSource } from '../core/describe';
import { validateJob } from '../core/validate';
import type { ValidationResult } from '../core/validate-api';
import { openJobWorkspace, type FileAccess, type JobWorkspace } from '../core/workspace';
import { connect, redactSecrets, type AuthorizedConnection, type SecretStore } from '../salesforce';
import { fileSystemAccess } from '../store';

/** News a use case gives while it works; the face decides how to show it (a stderr line, a notification). */
export interface Progress {
  /** What the use case is doing now: "signing in", "asking the org". */
  step?(message: string): void;
  /** Something the person should know that does not stop the work: an expiry coming up, a token not saved. */
  warning?(message: string): void;
}

/** What every use case that may reach an org takes from its face. */
export interface UseCaseOptions {
  /**
   * Where the connection's secrets come from: the environment and credentials file, or the editor's
   * storage. A function is given the workspace root, once the job's workspace is known.
   */
  secrets: SecretStore | ((workspaceRoot: string) => SecretStore);
  signal?: AbortSignal;
  progress?: Progress;
  /** The environment (PATH for the Salesforce CLI); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The clock of the whole use case, so a window and its checks agree; default now. */
  now?: Date;
}

/** The job file itself cannot be read: bad input, which the CLI shows as a usage error. */
export class JobFileError extends Error {
  constructor(
    readonly jobPath: string,
    readonly reason: string,
  ) {
    super(`cannot read the job file (${reason})`);
    this.name = 'JobFileError';
  }
}

/** A job opened for an online action: its text, the offline checks, and everything around it. */
export interface OpenedJob {
  file: string;
  text: string;
  /** The offline checks with whatever describe data is cached. */
  offline: ValidationResult;
  workspace: JobWorkspace;
  /** The host the workspace looks through, kept so a later look (after a describe refresh) uses the same one. */
  files: FileAccess;
}

export interface OpenJobOptions {
  now?: Date;
  /** The job as an editor holds it (unsaved changes included); without it the file is read. */
  text?: string;
  /** How files are looked at: the file system unless an editor passes its open documents first. */
  files?: FileAccess;
}

function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EISDIR') return 'it is a folder';
  return (error as Error).message;
}

/** Reads a job file and checks it offline, through the same job workspace as "sfjob validate". */
export function openJobFile(jobPath: string, options: OpenJobOptions = {}): OpenedJob {
  const file = path.resolve(jobPath);
  let text = options.text;
  if (text === undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new JobFileError(file, readReason(error));
    }
  }
  const files = options.files ?? fileSystemAccess;
  const workspace = openJobWorkspace(file, text, files);
  const offline = validateJob(text, workspace.validationContext(options.now));
  return { file, text, offline, workspace, files };
}

/** The describe data of the job's org as now cached: read again, for the checks after a refresh. */
export function cachedDescribe(job: OpenedJob): DescribeSource | undefined {
  job.files.forget?.();
  return openJobWorkspace(job.file, job.text, job.files).describe;
}

/** The parts of a use case's options that say where the job's text and files come from. */
export function jobSource(options: Pick<OpenJobOptions, 'text' | 'files'>): Pick<OpenJobOptions, 'text' | 'files'> {
  return { ...(options.text !== undefined ? { text: options.text } : {}), ...(options.files ? { files: options.files } : {}) };
}

/**
 * Signs in to a connection of the workspace: the one place a use case builds session options. The job's
 * apiVersion wins over the connection's.
 */
export async function openOrgSession(workspaceRoot: string, connection: string, options: UseCaseOptions, apiVersion?: string): Promise<AuthorizedConnection> {
  options.progress?.step?.(`signing in to "${connection}"…`);
  return connect(connection, {
    workspaceRoot,
    secrets: typeof options.secrets === 'function' ? options.secrets(workspaceRoot) : options.secrets,
    env: options.env ?? process.env,
    ...(apiVersion ? { apiVersion } : {}),
    ...(options.progress?.warning ? { onWarning: (message: string) => options.progress?.warning?.(message) } : {}),
  });
}

/**
 * Runs `work` with the session's secrets masked in whatever it throws, so no face can print a token
 * by mistake: every result and error of a use case leaves it already redacted.
 */
export async function hidingSecrets<T>(session: AuthorizedConnection, work: (hide: (text: string) => string) => Promise<T>): Promise<T> {
  const hide = (text: string): string => redactSecrets(text, session.secretValues());
  try {
    return await work(hide);
  } catch (error) {
    throw maskedError(error, hide);
  }
}

/** An error with `hide` applied to its text; it keeps its class (callers tell a refused query from a lost connection by it). */
export function maskedError(error: unknown, hide: (text: string) => string): Error {
  if (!(error instanceof Error)) return new Error(hide(String(error)));
  error.message = hide(error.message);
  if (error.stack) error.stack = hide(error.stack);
  return error;
}
