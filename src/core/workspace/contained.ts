import * as path from 'node:path';
import { isInside } from '../inside';
import { FILE_SIZE_LIMITS, sizeText, type FileAccess, type OpenedFile, type WorkspaceFileKind } from './file-access';

/** The workspace a file must stay in: its root as written and with every link resolved. */
export interface Boundary {
  root: string;
  realRoot: string;
}

/** Names with control characters are refused before they reach a file system call. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Opens a file a job names: resolved against `baseDir`, it must lead (links resolved) to a regular file
 * inside the workspace, no larger than its kind's limit. Anything else is refused with a reason that
 * names no content: a refused file is never read at all.
 */
export function openContained(host: FileAccess, boundary: Boundary, baseDir: string, name: string, kind: WorkspaceFileKind): OpenedFile {
  if (CONTROL.test(name)) return { ok: false, problem: 'not-a-file', reason: 'the path holds control characters' };
  const absolute = path.resolve(baseDir, name);
  const real = host.realpath(absolute);
  if (real === undefined) {
    // A missing file outside the workspace is reported as outside: whether it exists is none of the job's business.
    if (!isInside(absolute, boundary.root)) return { ok: false, problem: 'outside', reason: outsideReason(), path: absolute };
    return { ok: false, problem: 'missing', reason: 'it does not exist', path: absolute };
  }
  if (!isInside(real, boundary.realRoot)) {
    const how = real === absolute ? '' : ' through a link';
    return { ok: false, problem: 'outside', reason: outsideReason(how), path: absolute };
  }
  const info = host.stat(real);
  if (!info) return { ok: false, problem: 'missing', reason: 'it does not exist', path: absolute };
  if (info.type === 'directory') return { ok: false, problem: 'not-a-file', reason: 'it is a folder, not a file', path: absolute };
  if (info.type !== 'file') return { ok: false, problem: 'not-a-file', reason: 'it is not a regular file (a device, a pipe or a socket)', path: absolute };
  const limit = FILE_SIZE_LIMITS[kind];
  if (info.size > limit) return { ok: false, problem: 'too-large', reason: tooLarge(kind, limit), path: absolute };
  const read = host.read(real, limit);
  if (!read) return { ok: false, problem: 'unreadable', reason: 'it cannot be read', path: absolute };
  // A file that grew between the look and the read is refused the same way.
  if (read.truncated) return { ok: false, problem: 'too-large', reason: tooLarge(kind, limit), path: absolute };
  return { ok: true, text: read.text, path: absolute };
}

function outsideReason(how = ''): string {
  return `it leads outside the workspace${how}; a job may only name files inside its workspace (the folder of sfjob.connections.json, else the job's folder)`;
}

const KIND_NAMES: Record<WorkspaceFileKind, string> = {
  sample: 'a sample file',
  'rule-file': 'a rule file',
  connections: 'the connections file',
  describe: 'a cached describe file',
  'describe-index': 'a describe cache index',
  ignore: 'an ignore file',
};

function tooLarge(kind: WorkspaceFileKind, limit: number): string {
  return `it is larger than ${sizeText(limit)}, the most ${KIND_NAMES[kind]} may hold`;
}

/**
 * Where a file the job names may be written: inside the workspace, in a folder that (links resolved)
 * stays inside it, and not over anything but a regular file. Missing folders are fine: they are created
 * inside the nearest existing one, which is the one checked.
 */
export function writableTarget(host: FileAccess, boundary: Boundary, baseDir: string, name: string): { ok: true; path: string } | { ok: false; reason: string } {
  if (CONTROL.test(name)) return { ok: false, reason: 'the path holds control characters' };
  const absolute = path.resolve(baseDir, name);
  if (!isInside(absolute, boundary.root)) return { ok: false, reason: outsideReason() };
  const existing = host.realpath(absolute);
  if (existing !== undefined) {
    if (!isInside(existing, boundary.realRoot)) return { ok: false, reason: outsideReason(' through a link') };
    if (host.stat(existing)?.type !== 'file') return { ok: false, reason: 'something other than a file is already there' };
  }
  let folder = path.dirname(absolute);
  let realFolder = host.realpath(folder);
  while (realFolder === undefined && path.dirname(folder) !== folder) {
    folder = path.dirname(folder);
    realFolder = host.realpath(folder);
  }
  if (realFolder === undefined || !isInside(realFolder, boundary.realRoot)) return { ok: false, reason: outsideReason(' through a linked folder') };
  return { ok: true, path: absolute };
}
