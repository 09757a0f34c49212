import * as fs from 'node:fs';
import * as path from 'node:path';
import { openDatabase, type Database, type OpenOptions } from './sqlite';

/**
 * A job's run state in one SQLite file (.sfjob/state/<job>.sqlite): the watermark, the last run's id,
 * and every natural id delivered so far with the content hash `duplicates: "replace"` compares. A run
 * looks up only the ids its pages hold, and adds only the ids it wrote, so what a run reads and writes
 * follows the run, not the job's history.
 *
 * A run's commit has two steps around the output's rename (see run-job.ts): `stage` records, in one
 * transaction, the ids the run wrote, its watermark and the publication (which temporary file becomes
 * which output file), once the output is on disk; `publish` then merges them into the state in a
 * second transaction once the output is in place. A process killed between the two leaves the
 * publication recorded, and the next run finishes it or undoes it (see state.ts).
 */

export interface StateSummary {
  watermark?: string;
  lastRunId?: string;
  updatedAt?: string;
  /** How many natural ids are kept. */
  seenIdCount: number;
  /** The fingerprint of the older state file this state was migrated from. */
  migratedFrom?: string;
}

/** A run's output as the staged publication names it, relative to the state's folder. */
export interface PublicationRecord {
  temporary: string;
  target: string;
  others?: { temporary: string; target: string }[];
}

export interface StagedRun {
  watermark?: string;
  lastRunId?: string;
  /** The ids written by the run, each with its document's content hash when it has one. */
  written: Iterable<[string, string | undefined]>;
}

const SCHEMA_VERSION = '1';
/** Ids per lookup statement: well under SQLite's limit on bound values. */
const LOOKUP_BATCH = 500;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, hash TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS staged (id TEXT PRIMARY KEY, hash TEXT) WITHOUT ROWID;
`;

export function stateDatabasePath(statePath: string): string {
  return `${statePath.replace(/\.json$/, '')}.sqlite`;
}

export class StateDatabase {
  private constructor(
    private readonly db: Database,
    readonly file: string,
  ) {}

  /** Opens (creating when missing, unless read-only) a job's state database. */
  static async open(file: string, options: OpenOptions = {}): Promise<StateDatabase> {
    if (!options.readOnly) fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = await openDatabase(file, options);
    const state = new StateDatabase(db, file);
    try {
      if (!options.readOnly) state.transaction(() => db.exec(SCHEMA));
      const version = state.meta('version');
      if (version === undefined && !options.readOnly) state.transaction(() => state.setMeta('version', SCHEMA_VERSION));
      else if (version !== SCHEMA_VERSION) throw new Error(`it has version ${JSON.stringify(version ?? null)}, not one this tool writes`);
    } catch (error) {
      db.close();
      throw error;
    }
    return state;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  summary(): StateSummary {
    const summary: StateSummary = { seenIdCount: Number(this.meta('seenIdCount') ?? '0') };
    for (const key of ['watermark', 'lastRunId', 'updatedAt', 'migratedFrom'] as const) {
      const value = this.meta(key);
      if (value !== undefined) summary[key] = value;
    }
    return summary;
  }

  /** The kept ids among `ids`, each with its content hash (undefined when none is known). */
  lookup(ids: readonly string[]): Map<string, string | undefined> {
    const found = new Map<string, string | undefined>();
    for (let at = 0; at < ids.length; at += LOOKUP_BATCH) {
      const batch = ids.slice(at, at + LOOKUP_BATCH);
      const rows = this.db.all(`SELECT id, hash FROM seen WHERE id IN (${batch.map(() => '?').join(',')})`, batch);
      for (const row of rows) found.set(String(row.id), typeof row.hash === 'string' ? row.hash : undefined);
    }
    return found;
  }

  /** Every kept id with its hash, in id order, a statement's rows at a time. */
  *entries(): Generator<[string, string | undefined]> {
    const statement = this.db.prepare('SELECT id, hash FROM seen ORDER BY id');
    try {
      for (const row of statement.iterate()) yield [String(row.id), typeof row.hash === 'string' ? row.hash : undefined];
    } finally {
      statement.finalize();
    }
  }

  /** The publication a run staged and did not finish, if any. */
  pendingPublication(): PublicationRecord | undefined {
    const text = this.meta('publication');
    return text === undefined ? undefined : (JSON.parse(text) as PublicationRecord);
  }

  /**
   * Records a run's ids, watermark and publication in one transaction. Without a publication (a run
   * that published no file) the state is saved straight away.
   */
  stage(run: StagedRun, now: Date, publication?: PublicationRecord): void {
    this.transaction(() => {
      this.db.exec('DELETE FROM staged');
      this.insertAll('staged', run.written);
      this.setMeta('stagedWatermark', run.watermark);
      this.setMeta('stagedLastRunId', run.lastRunId);
      this.setMeta('publication', publication ? JSON.stringify(publication) : undefined);
      if (!publication) this.mergeStaged(now);
    });
  }

  /** Merges what `stage` recorded into the state, once its output is in place. */
  publish(now: Date): void {
    this.transaction(() => this.mergeStaged(now));
  }

  /** Forgets a staged run whose output was not published. */
  discardStaged(): void {
    this.transaction(() => {
      this.db.exec('DELETE FROM staged');
      for (const key of ['stagedWatermark', 'stagedLastRunId', 'publication']) this.setMeta(key, undefined);
    });
  }

  /** Replaces the whole state: the migration of an older state file, and a state set by hand. */
  replace(state: { watermark?: string; lastRunId?: string; migratedFrom?: string; entries: Iterable<[string, string | undefined]> }, now: Date): void {
    this.transaction(() => {
      this.db.exec('DELETE FROM seen; DELETE FROM staged');
      this.insertAll('seen', state.entries);
      this.setMeta('seenIdCount', String(this.count('seen')));
      this.setMeta('watermark', state.watermark);
      this.setMeta('lastRunId', state.lastRunId);
      this.setMeta('updatedAt', now.toISOString());
      this.setMeta('migratedFrom', state.migratedFrom);
      for (const key of ['stagedWatermark', 'stagedLastRunId', 'publication']) this.setMeta(key, undefined);
    });
  }

  /** Each staged id is found through the primary key, so the merge costs what the run added, not the history. */
  private mergeStaged(now: Date): void {
    const added = Number(this.db.get('SELECT count(*) AS n FROM staged WHERE NOT EXISTS (SELECT 1 FROM seen WHERE seen.id = staged.id)')?.n ?? 0);
    this.db.exec('INSERT INTO seen (id, hash) SELECT id, hash FROM staged WHERE true ON CONFLICT (id) DO UPDATE SET hash = excluded.hash');
    this.db.exec('DELETE FROM staged');
    this.setMeta('seenIdCount', String(Number(this.meta('seenIdCount') ?? '0') + added));
    const watermark = this.meta('stagedWatermark');
    const lastRunId = this.meta('stagedLastRunId');
    if (watermark !== undefined) this.setMeta('watermark', watermark);
    if (lastRunId !== undefined) this.setMeta('lastRunId', lastRunId);
    this.setMeta('updatedAt', now.toISOString());
    for (const key of ['stagedWatermark', 'stagedLastRunId', 'publication']) this.setMeta(key, undefined);
  }

  private insertAll(table: 'seen' | 'staged', entries: Iterable<[string, string | undefined]>): void {
    const statement = this.db.prepare(`INSERT INTO ${table} (id, hash) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET hash = excluded.hash`);
    try {
      for (const [id, hash] of entries) statement.run([id, hash ?? null]);
    } finally {
      statement.finalize();
    }
  }

  private count(table: 'seen' | 'staged'): number {
    return Number(this.db.get(`SELECT count(*) AS n FROM ${table}`)?.n ?? 0);
  }

  private meta(key: string): string | undefined {
    const row = this.db.get('SELECT value FROM meta WHERE key = ?', [key]);
    return typeof row?.value === 'string' ? row.value : undefined;
  }

  private setMeta(key: string, value: string | undefined): void {
    if (value === undefined) this.db.run('DELETE FROM meta WHERE key = ?', [key]);
    else this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  private transaction(work: () => void): void {
    try {
      this.db.exec('BEGIN IMMEDIATE');
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw writeError(this.file, error);
    }
  }
}

/**
 * SQLite reports a failed write as "disk I/O error" without the system's reason; the one a person can
 * act on, a full disk, is found from the free space left and named as the system names it.
 */
function writeError(file: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  let full = false;
  try {
    full = fs.statfsSync(path.dirname(file)).bavail === 0;
  } catch {
    // The folder cannot even be read; the original message stands.
  }
  return new Error(full ? `ENOSPC: no space left on device, saving the state ${file} (${message})` : `the state ${file} could not be saved (${message})`);
}
