import * as fs from 'node:fs/promises';
import { writeFileDurably } from './durable';

/**
 * A job's incremental state (.sfjob/state/<job>.json): the watermark the next window starts from and
 * the natural ids loaded so far, for the duplicates policy across runs. Ids are stored grouped by a
 * shared prefix (Salesforce ids of one object share their first characters), which keeps the file
 * about half the size of a plain list while staying exact.
 */

export interface JobState {
  /** The next run's lower bound, ISO in UTC; absent before the first successful run. */
  watermark?: string;
  lastRunId?: string;
  seenIds: Set<string>;
}

interface StoredState {
  version: 1;
  watermark?: string;
  lastRunId?: string;
  updatedAt: string;
  seenIdCount: number;
  /** prefix → the rest of each id, sorted. */
  seenIds: Record<string, string[]>;
}

const PREFIX_LENGTH = 9;

export class StateFileError extends Error {}

export function emptyState(): JobState {
  return { seenIds: new Set() };
}

export async function loadState(statePath: string): Promise<JobState> {
  let text: string;
  try {
    text = await fs.readFile(statePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  try {
    return decodeState(JSON.parse(text) as unknown);
  } catch (error) {
    throw new StateFileError(
      `the state file ${statePath} cannot be read (${(error as Error).message}); delete it to start over (the next run then pulls from the beginning, and earlier natural ids are forgotten)`,
    );
  }
}

export async function saveState(statePath: string, state: JobState, now: Date): Promise<void> {
  await writeFileDurably(statePath, `${JSON.stringify(encodeState(state, now))}\n`);
}

export function encodeState(state: JobState, now: Date): StoredState {
  const groups = new Map<string, string[]>();
  for (const id of state.seenIds) {
    const prefix = id.slice(0, PREFIX_LENGTH);
    const rest = id.slice(prefix.length);
    const group = groups.get(prefix);
    if (group) group.push(rest);
    else groups.set(prefix, [rest]);
  }
  // fromEntries defines own properties, so an id starting with "__proto__" is kept like any other
  // (assigning to a plain object's "__proto__" key would set its prototype and lose the ids).
  const seenIds: Record<string, string[]> = Object.fromEntries([...groups.keys()].sort().map((prefix) => [prefix, (groups.get(prefix) ?? []).sort()]));
  const stored: StoredState = { version: 1, updatedAt: now.toISOString(), seenIdCount: state.seenIds.size, seenIds };
  if (state.watermark !== undefined) stored.watermark = state.watermark;
  if (state.lastRunId !== undefined) stored.lastRunId = state.lastRunId;
  return stored;
}

export function decodeState(value: unknown): JobState {
  if (typeof value !== 'object' || value === null) throw new Error('it is not a JSON object');
  const stored = value as Partial<StoredState>;
  if (stored.version !== 1) throw new Error(`version ${JSON.stringify(stored.version)} is not one this tool writes`);
  if (stored.watermark !== undefined && (typeof stored.watermark !== 'string' || Number.isNaN(Date.parse(stored.watermark)))) {
    throw new Error('the watermark is not a date');
  }
  const seenIds = new Set<string>();
  for (const [prefix, rests] of Object.entries(stored.seenIds ?? {})) {
    if (!Array.isArray(rests)) throw new Error(`seenIds["${prefix}"] is not a list`);
    for (const rest of rests) seenIds.add(prefix + String(rest));
  }
  const state: JobState = { seenIds };
  if (stored.watermark !== undefined) state.watermark = stored.watermark;
  if (typeof stored.lastRunId === 'string') state.lastRunId = stored.lastRunId;
  return state;
}
