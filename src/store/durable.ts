import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Writes that survive a crash: the text (whole, or in pieces) goes to a temporary file beside the target, is flushed to
 * disk, then renamed over the target, and the folder is flushed so the rename itself is durable. A
 * reader sees the old file or the new one, never half of one.
 */
export async function writeFileDurably(target: string, text: string | Iterable<string>, options: { noteTemporary?: NoteTemporary } = {}): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = temporaryPathFor(target);
  await options.noteTemporary?.(temporary);
  try {
    const handle = await fs.open(temporary, 'w');
    try {
      if (typeof text === 'string') await handle.writeFile(text, 'utf8');
      else for (const chunk of text) await handle.write(chunk, null, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(target));
}

/**
 * Records a temporary file's path before the file is created (in the run's lock), so a run killed
 * while the file exists leaves a note of it, and the next run removes it.
 */
export type NoteTemporary = (temporary: string) => Promise<void>;

/** A unique temporary name in the target's folder (a rename across file systems is not atomic). */
export function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Flushes a folder's entries. Some platforms (Windows) cannot open a folder; there rename is already durable enough. */
export async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // Not supported here; nothing more can be done.
  } finally {
    await handle?.close();
  }
}
