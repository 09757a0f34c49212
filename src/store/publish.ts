import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { syncFolder } from './durable';

/** A published file is never replaced: an output path that names one already (a `{date}`-only path run twice a day) stops the run before it reads anything. */
export async function refuseExisting(targetPath: string): Promise<void> {
  const exists = await fs.lstat(targetPath).then(() => true, () => false);
  if (exists) {
    throw new Error(`the output file ${targetPath} already exists (an earlier run published it) and is never replaced; put {runId} in output.path so each run writes a file of its own`);
  }
}

/**
 * Puts the finished file in place under its final name only if nothing is there: a hard link fails
 * when the name exists, where a rename would silently replace it. The temporary name is removed
 * after; a run killed between the two leaves both names on one file, which the next run recognises
 * as published (see recoverState).
 */
export async function publishWithoutReplacing(ready: string, targetPath: string): Promise<void> {
  try {
    await fs.link(ready, targetPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await fs.rm(ready, { force: true });
      throw new Error(`the output file ${targetPath} appeared while the run was writing it and is never replaced; nothing was published`);
    }
    // A file system without hard links: check, then rename (the run holds the job's lock).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await refuseExisting(targetPath);
    await fs.rename(ready, targetPath);
    await syncFolder(path.dirname(targetPath));
    return;
  }
  await fs.rm(ready, { force: true });
  await syncFolder(path.dirname(targetPath));
}
