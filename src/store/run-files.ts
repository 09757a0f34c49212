import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isOwnTemporary, realPathInside } from './containment';
import { strayLockFiles, type HeldLock } from './lock';
import { outputBaseFolder, type JobPaths } from './paths';

/**
 * The folders a job's run may create temporary files in: its state, reports and lock folders, and the
 * fixed part of its output path. A temporary path read back from a file (a dead run's lock, a staged
 * state) is only deleted when it lies inside one of them.
 */
export function ownFolders(paths: JobPaths, outputTemplate: string): string[] {
  return [path.dirname(paths.state), paths.runsFolder, path.dirname(paths.lock), outputBaseFolder(outputTemplate, paths.workspaceRoot)];
}

/**
 * Removes what a run killed part-way left behind: every temporary its lock recorded (output, the
 * de-duplicated copy, staged state, report), and the lock's own staging files. Returns how many files
 * were removed.
 */
export async function sweepTemporaries(lock: HeldLock, folders: readonly string[]): Promise<number> {
  const dead = lock.takenOverFrom;
  const recorded = [...(dead?.temporaries ?? []), ...(dead?.outputTemporary ? [dead.outputTemporary] : [])];
  let removed = 0;
  for (const file of [...recorded, ...(await strayLockFiles(lock.path))]) {
    if (!(await isOwnTemporary(file, folders))) continue;
    const gone = await fs.rm(file).then(
      () => true,
      () => false,
    );
    if (gone) removed++;
  }
  return removed;
}

/** Checks for recoverState: a staged state's paths are acted on only when they are the job's own. */
export function stagedStateChecks(paths: JobPaths, folders: readonly string[]): { isOwnTemporary(file: string): Promise<boolean>; isInsideWorkspace(file: string): Promise<boolean> } {
  return {
    isOwnTemporary: (file) => isOwnTemporary(file, folders),
    isInsideWorkspace: (file) => realPathInside(paths.workspaceRoot, file, 'the staged output').then(
      () => true,
      () => false,
    ),
  };
}

/**
 * Removes a published output again (all its parts): a run whose state could not be saved after the
 * rename would otherwise deliver every one of its documents twice, since the next run reads the same
 * window again.
 */
export async function removeOutputFiles(files: readonly string[]): Promise<void> {
  for (const file of files) await fs.rm(file, { force: true });
}
