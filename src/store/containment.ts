import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isInside } from '../core/inside';

/**
 * Every file a run writes or deletes stays inside the workspace, links resolved: an output folder
 * that is a link to elsewhere, or a state file that names a path of someone else's, must not make a
 * run write or delete outside it.
 */

export class OutsideWorkspaceError extends Error {}

/** The real path `target` would have (its nearest existing folder's links resolved); throws when that is outside the workspace (whose own path may pass through links). */
export async function realPathInside(workspaceRoot: string, target: string, what: string): Promise<string> {
  const root = await fs.realpath(workspaceRoot);
  const real = await realPathOf(path.resolve(workspaceRoot, target));
  if (!isInside(real, root, { strictly: true })) {
    throw new OutsideWorkspaceError(`${what} ${target} resolves to ${real}, outside the workspace ${root} (through a link); point it at a folder inside the workspace`);
  }
  return real;
}

/** The real path of a file that may not exist yet: the nearest existing ancestor resolved, the rest appended. */
async function realPathOf(target: string): Promise<string> {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(await fs.realpath(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = path.dirname(current);
      if (parent === current) return target;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * The names runs give their temporary files: `.<file>.<8 hex>.tmp` beside the file they become
 * (see durable.ts), and `<job>.lock.<pid>.<8 hex>.tmp` for the lock's own.
 */
const TEMPORARY_NAME = /^(?:\..+|.+\.lock(?:\.takeover)?\.\d+)\.[0-9a-f]{8}\.tmp$/;

export function hasTemporaryName(file: string): boolean {
  return TEMPORARY_NAME.test(path.basename(file));
}

/**
 * Whether a temporary path read back from a lock or a staged state may be deleted: it must carry a
 * temporary's name and sit inside one of the job's own folders (its state, reports and lock folders,
 * and the fixed part of its output path), links resolved. Anything else is left alone, whatever the
 * file says.
 */
export async function isOwnTemporary(file: string, ownFolders: readonly string[]): Promise<boolean> {
  if (!path.isAbsolute(file) || !hasTemporaryName(file)) return false;
  let real: string;
  try {
    real = await realPathOf(file);
  } catch {
    return false;
  }
  for (const folder of ownFolders) {
    let realFolder: string;
    try {
      realFolder = await realPathOf(folder);
    } catch {
      continue;
    }
    if (isInside(real, realFolder, { strictly: true })) return true;
  }
  return false;
}
