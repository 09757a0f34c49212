import * as path from 'node:path';
import { createScanner, parse as parseJsonc, SyntaxKind } from 'jsonc-parser';
import type { DescribeSource } from '../describe';
import { defaultSamplePath } from '../lint/sample';
import type { ValidationContext } from '../validate-api';
import { openContained, writableTarget, type Boundary } from './contained';
import { cachedOrgOf, DESCRIBE_FOLDER, type CachedOrg } from './describe-cache';
import type { FileAccess, JobFileKind, OpenedFile } from './file-access';

export const CONNECTIONS_FILE_NAME = 'sfjob.connections.json';
export const IGNORE_FILE_NAME = '.sfjobignore';

/**
 * Everything around one job file, resolved by one set of rules for the CLI, the runner and the editor.
 *
 * The workspace root is the folder of the nearest `sfjob.connections.json` at or above the job's
 * folder, else the job's folder. Every file the job names (sample, rule files) must lead, links
 * resolved, to a regular file inside the root, within its kind's size limit; `.sfjob/` (describe cache,
 * state, locks, run reports) and `.sfjobignore` live at the root.
 */
export interface JobWorkspace {
  jobPath: string;
  root: string;
  /** The connections file, when there is one (its folder is the root). */
  connectionsFile?: string;
  /** Connection names from the connections file; undefined when there is none or it cannot be read. */
  connectionNames?: readonly string[];
  /** The job's `connection` as written, read without validating the rest. */
  connection?: string;
  /** The describe cache folder: `.sfjob/describe` at the root. */
  describeCacheDir: string;
  /** The cached org of the job's connection; undefined when the cache has not seen that connection. */
  org?: CachedOrg;
  describe?: DescribeSource;
  ignoreFile: string;
  /** `.sfjob` at the root: state, locks and run reports go below it (the runner's jobPaths names them). */
  stateFolder: string;
  /** Whether files beyond the job's own text are read at all (not in an untrusted editor workspace). */
  restricted: boolean;
  /** A connection's settings as written in the connections file; undefined when it is not there. */
  connectionSettings(name: string): unknown;
  /** Opens a file the job names, relative to the job's folder, contained in the workspace. */
  openFile(name: string, kind: JobFileKind): OpenedFile;
  /** The sample file's name as the job names it: its `sample` key, else `<job>.sample.json`. */
  sampleName(sample: string | undefined): string;
  /** Where the sample may be written, or why not. */
  sampleTarget(sample: string | undefined): { ok: true; path: string } | { ok: false; reason: string };
  /** The context the offline checks take. */
  validationContext(now?: Date): ValidationContext;
  /** Absolute paths of every file looked at so far, found or not, for re-checking when one changes. */
  filesRead(): string[];
}

export interface WorkspaceOptions {
  /** Read nothing but the job's text: connections, describe data, samples and rule files are "not checked". */
  restricted?: boolean;
}

/** The folder of the nearest connections file at or above `dir`, else undefined. */
function findConnectionsFile(host: FileAccess, dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, CONNECTIONS_FILE_NAME);
    if (host.stat(candidate)?.type === 'file') return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * The job's top-level `connection` string, found with the token scanner alone: the job is parsed in full
 * by its checks later, and building the whole value here as well would double that cost on a large file.
 */
export function connectionOf(jobText: string | undefined): string | undefined {
  if (jobText === undefined) return undefined;
  const scanner = createScanner(jobText, true);
  let depth = 0;
  let atKey = false;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      depth++;
      atKey = depth === 1 && kind === SyntaxKind.OpenBraceToken;
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth--;
      atKey = false;
    } else if (kind === SyntaxKind.CommaToken) {
      atKey = depth === 1;
    } else if (atKey && kind === SyntaxKind.StringLiteral) {
      atKey = false;
      if (scanner.getTokenValue() !== 'connection') continue;
      if (scanner.scan() !== SyntaxKind.ColonToken) return undefined;
      return scanner.scan() === SyntaxKind.StringLiteral ? scanner.getTokenValue() : undefined;
    } else {
      atKey = false;
    }
  }
  return undefined;
}

function connectionsObject(text: string): Record<string, unknown> | undefined {
  try {
    const connections = (parseJsonc(text) as { connections?: unknown } | undefined)?.connections;
    return connections && typeof connections === 'object' && !Array.isArray(connections) ? (connections as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves the workspace of a job file. `jobText` is the job as the caller holds it (an editor's
 * unsaved text included); it is only read for the `connection` key, which selects the cached org.
 */
export function openJobWorkspace(jobPath: string, jobText: string | undefined, host: FileAccess, options: WorkspaceOptions = {}): JobWorkspace {
  const absolute = path.resolve(jobPath);
  const jobDir = path.dirname(absolute);
  const restricted = options.restricted === true;
  const read = new Set<string>();
  const note = (file: string) => read.add(file);

  const connectionsFile = restricted ? undefined : findConnectionsFile(host, jobDir);
  const root = connectionsFile ? path.dirname(connectionsFile) : jobDir;
  const boundary: Boundary = { root, realRoot: host.realpath(root) ?? root };
  let connections: Record<string, unknown> | undefined;
  if (connectionsFile) {
    note(connectionsFile);
    const opened = openContained(host, boundary, root, CONNECTIONS_FILE_NAME, 'connections');
    connections = opened.ok ? connectionsObject(opened.text) : undefined;
  }
  const connection = connectionOf(jobText);
  const describeCacheDir = path.join(root, DESCRIBE_FOLDER);
  const org = restricted ? undefined : cachedOrgOf(host, boundary, describeCacheDir, connection, note);

  const opened = new Map<string, OpenedFile>();
  const openFile = (name: string, kind: JobFileKind): OpenedFile => {
    if (restricted) return { ok: false, problem: 'not-checked', reason: 'files are not read in an untrusted workspace' };
    const key = `${kind}\0${name}`;
    let result = opened.get(key);
    if (!result) {
      result = openContained(host, boundary, jobDir, name, kind);
      opened.set(key, result);
    }
    if (result.path) note(result.path);
    return result;
  };
  const sampleName = (sample: string | undefined) => sample ?? defaultSamplePath(absolute);

  return {
    jobPath: absolute,
    root,
    ...(connectionsFile ? { connectionsFile } : {}),
    ...(connections ? { connectionNames: Object.keys(connections) } : {}),
    ...(connection !== undefined ? { connection } : {}),
    describeCacheDir,
    ...(org ? { org, describe: org.describe } : {}),
    ignoreFile: path.join(root, IGNORE_FILE_NAME),
    stateFolder: path.join(root, '.sfjob'),
    restricted,
    connectionSettings: (name) => (connections && Object.hasOwn(connections, name) ? connections[name] : undefined),
    openFile,
    sampleName,
    sampleTarget: (sample) => writableTarget(host, boundary, jobDir, sampleName(sample)),
    validationContext(now) {
      return {
        path: absolute,
        readFile: (name) => {
          const file = openFile(name, 'sample');
          return file.ok ? file.text : undefined;
        },
        openFile,
        ...(connections ? { connectionNames: Object.keys(connections) } : {}),
        // In Restricted Mode the connections file is not looked for, so its absence proves nothing.
        ...(!restricted && connectionsFile === undefined ? { noConnectionsFile: true } : {}),
        ...(org ? { describe: org.describe } : {}),
        ...(now ? { now } : {}),
      };
    },
    filesRead: () => [...read],
  };
}
