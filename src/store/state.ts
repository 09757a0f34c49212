import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseIsoDateTime, ISO_DATE_TIME_HINT } from '../core/run/iso-time';
import { NaturalIds } from '../core/run/natural-ids';
import { writeFileDurably, type NoteTemporary } from './durable';
import { stateDatabasePath, StateDatabase, type PublicationRecord, type StagedRun, type StateSummary } from './state-db';
import { decodeState, type JobState } from './state-json';
import { settlePublication, settleStagedJsonState, type PublicationChecks } from './state-recovery';

export { stagedStatePath } from './state-recovery';

export type { JobState } from './state-json';
export type { StateSummary } from './state-db';
export { stateDatabasePath } from './state-db';

/**
 * A job's incremental state: the watermark the next window starts from and the natural ids delivered
 * so far, for the duplicates policy across runs. It lives in `.sfjob/state/<job>.sqlite` (state-db.ts);
 * `statePath` names the job's state by the `.json` file earlier versions kept, which is migrated into
 * the database on first use and removed once the migration committed.
 */

export class StateFileError extends Error {}

export function emptyState(): JobState {
  return { seenIds: new NaturalIds() };
}

/** A run's output files as the runner names them (absolute paths). */
export interface StagedOutputRef {
  /** The output's temporary name before the rename, and its final name. */
  temporary: string;
  target: string;
  /** A run written in parts (csv-output.ts): the parts renamed before this one, which is renamed last. */
  others?: { temporary: string; target: string }[];
}

export interface OpenedRunState {
  state: RunState;
  summary: StateSummary;
  /** What was done about a commit an earlier run left half done, for a warning. */
  recovered?: 'published' | 'discarded';
  /** A sentence for the run's warnings when an older state file was migrated. */
  migrated?: string;
}

/**
 * Opens a job's state for a run, which holds the job's lock: finishes or undoes a commit a killed run
 * left half done, and migrates a state file of an earlier version. The caller closes the database.
 */
export async function openRunState(statePath: string, checks: PublicationChecks, now: Date): Promise<OpenedRunState> {
  const legacyRecovered = await settleStagedJsonState(statePath, checks);
  const state = new RunState(statePath);
  try {
    // A job that has never saved a state gets its database with its first commit: a run that fails
    // or is stopped before then leaves nothing behind.
    const json = await readJson(statePath);
    const databaseExists = await exists(stateDatabasePath(statePath));
    // A state file to migrate is read (strictly) before a database is made for it, so a damaged one
    // is refused with nothing created.
    if (json !== undefined && !databaseExists) decodeJson(statePath, json);
    if (json !== undefined || databaseExists) await state.open();
    const migrated = state.database ? await migrateJsonState(statePath, state.database, now) : undefined;
    const recovered = (state.database ? await settleStagedRun(statePath, state.database, checks, now) : undefined) ?? legacyRecovered;
    const summary = state.database ? checkedSummary(state.database) : { seenIdCount: 0 };
    return { state, summary, ...(recovered ? { recovered } : {}), ...(migrated ? { migrated } : {}) };
  } catch (error) {
    state.close();
    throw error;
  }
}

/** A job's state as a run uses it, under the job's lock: the database, made on the first write. */
export class RunState {
  database: StateDatabase | undefined;
  constructor(private readonly statePath: string) {}

  async open(): Promise<StateDatabase> {
    this.database ??= await openStateDatabase(this.statePath, { exclusive: true });
    return this.database;
  }

  lookup(ids: readonly string[]): Map<string, string | undefined> {
    return this.database ? this.database.lookup(ids) : new Map();
  }

  /** Stages the run with its publication (or, without one, saves it at once); see StateDatabase.stage. */
  async stage(run: StagedRun, now: Date, output?: StagedOutputRef): Promise<void> {
    (await this.open()).stage(run, now, output ? publicationFor(this.statePath, output) : undefined);
  }

  publish(now: Date): void {
    this.database?.publish(now);
  }

  discardStaged(): void {
    this.database?.discardStaged();
  }

  summary(): StateSummary {
    return this.database ? this.database.summary() : { seenIdCount: 0 };
  }

  close(): void {
    this.database?.close();
  }
}

/**
 * Finishes or undoes a commit a killed run left half done (see state-recovery.ts), in the database
 * and in a staged state file of an earlier version. Returns what it did, for a warning; undefined
 * when there was nothing.
 */
export async function recoverState(statePath: string, checks: PublicationChecks, now = new Date()): Promise<'published' | 'discarded' | undefined> {
  const legacyRecovered = await settleStagedJsonState(statePath, checks);
  if (!(await exists(stateDatabasePath(statePath)))) return legacyRecovered;
  const database = await openStateDatabase(statePath, { exclusive: true });
  try {
    return (await settleStagedRun(statePath, database, checks, now)) ?? legacyRecovered;
  } finally {
    database.close();
  }
}

async function settleStagedRun(statePath: string, database: StateDatabase, checks: PublicationChecks, now: Date): Promise<'published' | 'discarded' | undefined> {
  const pending = database.pendingPublication();
  if (!pending) return undefined;
  const published = await settlePublication(path.dirname(statePath), pending, checks);
  if (published) database.publish(now);
  else database.discardStaged();
  return published ? 'published' : 'discarded';
}

/**
 * Records a run's new state with the output it belongs with, before the output's rename: what a run
 * does through its open database, for one state (tests, tools).
 */
export async function stageState(statePath: string, state: JobState, now: Date, output: StagedOutputRef): Promise<void> {
  const database = await openStateDatabase(statePath, { exclusive: true });
  try {
    database.stage({ written: state.seenIds.sortedWithHashes(), ...(state.watermark ? { watermark: state.watermark } : {}), ...(state.lastRunId ? { lastRunId: state.lastRunId } : {}) }, now, publicationFor(statePath, output));
  } finally {
    database.close();
  }
}

/** The publication record for a run's output, relative to the state's folder. */
export function publicationFor(statePath: string, output: StagedOutputRef): PublicationRecord {
  const folder = path.dirname(statePath);
  const relative = (ref: { temporary: string; target: string }) => ({ temporary: path.relative(folder, ref.temporary), target: path.relative(folder, ref.target) });
  return { ...relative(output), ...(output.others ? { others: output.others.map(relative) } : {}) };
}

/**
 * The whole state, natural ids included (for inspection and tests; a run looks ids up page by page).
 * Reads the database, or an older state file not yet migrated.
 */
export async function loadState(statePath: string): Promise<JobState> {
  const json = await readJson(statePath);
  const databaseFile = stateDatabasePath(statePath);
  if (!(await exists(databaseFile))) return json === undefined ? emptyState() : decodeJson(statePath, json);
  const database = await openStateDatabase(statePath, { readOnly: true });
  try {
    if (json !== undefined && database.summary().migratedFrom !== fingerprint(json)) return decodeJson(statePath, json);
    const summary = checkedSummary(database);
    const seenIds = new NaturalIds();
    for (const [id, hash] of database.entries()) seenIds.noteLoaded(id, hash);
    return { seenIds, ...(summary.watermark ? { watermark: summary.watermark } : {}), ...(summary.lastRunId ? { lastRunId: summary.lastRunId } : {}) };
  } finally {
    database.close();
  }
}

/** The watermark, last run and id count without the ids: cheap at any size. */
export async function readStateSummary(statePath: string): Promise<StateSummary> {
  const json = await readJson(statePath);
  const databaseFile = stateDatabasePath(statePath);
  const fromJson = (text: string): StateSummary => {
    const state = decodeJson(statePath, text);
    return { seenIdCount: state.seenIds.size, ...(state.watermark ? { watermark: state.watermark } : {}), ...(state.lastRunId ? { lastRunId: state.lastRunId } : {}) };
  };
  if (!(await exists(databaseFile))) return json === undefined ? { seenIdCount: 0 } : fromJson(json);
  const database = await openStateDatabase(statePath, { readOnly: true });
  try {
    if (json !== undefined && database.summary().migratedFrom !== fingerprint(json)) return fromJson(json);
    return checkedSummary(database);
  } finally {
    database.close();
  }
}

/** Replaces a job's whole state (the person's repair, and tests); a run saves through openRunState's database. */
export async function saveState(statePath: string, state: JobState, now: Date): Promise<void> {
  const database = await openStateDatabase(statePath, { exclusive: true });
  try {
    database.replace({ ...state, entries: state.seenIds.sortedWithHashes() }, now);
    await writeStateSummary(statePath, database.summary());
  } finally {
    database.close();
  }
}

/**
 * The file beside the database (`<job>.json`, where earlier versions kept the whole state) says what
 * the database holds, for a person or a script to read without SQLite: the watermark, the last run,
 * how many natural ids are kept. It is written after each commit and is never read back as the state.
 */
export interface StateSummaryFile extends Omit<StateSummary, 'migratedFrom'> {
  version: 2;
  /** The database file, beside this one. */
  database: string;
}

export async function writeStateSummary(statePath: string, summary: StateSummary, noteTemporary?: NoteTemporary): Promise<void> {
  const { migratedFrom: _migratedFrom, ...shown } = summary;
  const file: StateSummaryFile = { version: 2, database: path.basename(stateDatabasePath(statePath)), ...shown };
  await writeFileDurably(statePath, `${JSON.stringify(file, null, 2)}\n`, noteTemporary ? { noteTemporary } : {});
}

/** True for the summary file (not an older version's state, which is migrated). */
function isSummaryText(text: string): boolean {
  try {
    const value = JSON.parse(text) as { version?: unknown; database?: unknown };
    return value.version === 2 && typeof value.database === 'string';
  } catch {
    return false;
  }
}

async function openStateDatabase(statePath: string, options: { exclusive?: boolean; readOnly?: boolean }): Promise<StateDatabase> {
  const file = stateDatabasePath(statePath);
  try {
    return await StateDatabase.open(file, options);
  } catch (error) {
    throw new StateFileError(`the state ${file} cannot be read (${(error as Error).message}); delete it to start over (the next run then pulls from the beginning, and earlier natural ids are forgotten)`);
  }
}

/**
 * Moves an older state file into the database, in one transaction that also records which file it
 * came from; the file is removed only after that committed, so a migration cut short is simply done
 * again. A file the database already came from (the removal was cut short) is removed; any other is
 * the state someone put there, read as strictly as ever and migrated over the database.
 */
async function migrateJsonState(statePath: string, database: StateDatabase, now: Date): Promise<string | undefined> {
  const text = await readJson(statePath);
  if (text === undefined) return undefined;
  const print = fingerprint(text);
  let migrated: string | undefined;
  if (database.summary().migratedFrom !== print) {
    const state = decodeJson(statePath, text);
    database.replace({ ...state, entries: state.seenIds.sortedWithHashes(), migratedFrom: print }, now);
    migrated = `the state ${path.basename(statePath)} (${state.seenIds.size} natural ids) was moved into ${path.basename(database.file)}, where each job's state now lives`;
  }
  await writeStateSummary(statePath, database.summary());
  return migrated;
}

function checkedSummary(database: StateDatabase): StateSummary {
  const summary = database.summary();
  if (summary.watermark !== undefined && !parseIsoDateTime(summary.watermark)) {
    throw new StateFileError(`the state ${database.file} cannot be read (the watermark ${JSON.stringify(summary.watermark)} is not a date (${ISO_DATE_TIME_HINT})); delete it to start over`);
  }
  return summary;
}

function decodeJson(statePath: string, text: string): JobState {
  try {
    return decodeState(JSON.parse(text) as unknown);
  } catch (error) {
    throw new StateFileError(
      `the state file ${statePath} cannot be read (${(error as Error).message}); delete it to start over (the next run then pulls from the beginning, and earlier natural ids are forgotten)`,
    );
  }
}

/** An older version's state file, when there is one (the summary file is not one). */
async function readJson(statePath: string): Promise<string | undefined> {
  try {
    const text = await fs.readFile(statePath, 'utf8');
    return isSummaryText(text) ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
