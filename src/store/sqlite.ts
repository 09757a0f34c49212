import * as fs from 'node:fs';
import type { Database } from 'node-sqlite3-wasm';

/**
 * SQLite compiled to WebAssembly (node-sqlite3-wasm): the same code runs in the CLI and in any editor
 * host, with nothing to rebuild, and it reads and writes the database file in place, page by page, so
 * a commit writes in proportion to what changed rather than the whole file. The library (about 1.3 MB
 * of WebAssembly) is loaded on first use only.
 *
 * Its file lock is a folder beside the database (`<file>.lock`), made while a statement or a
 * transaction runs and removed after it. A process killed in that moment leaves the folder behind,
 * and every later open would then find the database busy for ever; see openDatabase.
 */

type SqliteModule = typeof import('node-sqlite3-wasm');
let loaded: SqliteModule | undefined;

function sqlite(): SqliteModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('node-sqlite3-wasm') as SqliteModule;
  return loaded;
}

export type { Database };

export interface OpenOptions {
  /**
   * The caller holds the job's lock, so no other writer can be at work: a lock folder still there
   * after a short wait was left by a killed process and is removed. Readers only remove one that has
   * been there far longer than any statement takes.
   */
  exclusive?: boolean;
  readOnly?: boolean;
}

/** How long a lock folder may stand before it counts as left behind: by the job's own run, and by anyone else. */
const STALE_FOR_OWNER_MS = 2_000;
const STALE_FOR_READER_MS = 60_000;
const POLL_MS = 25;

export class DatabaseBusyError extends Error {}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Database> {
  await clearLeftLock(file, options.exclusive === true);
  const { Database } = sqlite();
  const db = new Database(file, options.readOnly ? { readOnly: true, fileMustExist: true } : {});
  try {
    // A rollback journal (not WAL, which needs shared memory the WebAssembly build lacks), flushed at
    // every commit: a commit either happened or did not, even across a crash.
    db.exec('PRAGMA synchronous = FULL');
    if (!options.readOnly) db.exec('PRAGMA journal_mode = DELETE');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Waits for another process's statement to finish; removes a lock folder no live statement holds. */
async function clearLeftLock(file: string, exclusive: boolean): Promise<void> {
  const lock = `${file}.lock`;
  const started = Date.now();
  for (;;) {
    let since: number;
    try {
      since = fs.statSync(lock).mtimeMs;
    } catch {
      return;
    }
    const waited = Date.now() - started;
    const age = Date.now() - since;
    if ((exclusive && waited >= STALE_FOR_OWNER_MS) || age >= STALE_FOR_READER_MS) {
      fs.rmSync(lock, { recursive: true, force: true });
      return;
    }
    if (!exclusive && waited >= STALE_FOR_OWNER_MS) throw new DatabaseBusyError(`the state ${file} is being saved by a run; try again in a moment`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
