import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { NaturalIds } from '../core/run/natural-ids';
import { syncFolder, writeFileDurably } from './durable';

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
  seenIds: NaturalIds;
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
  return { seenIds: new NaturalIds() };
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
  await writeFileDurably(statePath, stateChunks(state, now));
}

/** How many ids are turned into text at a time: enough to be quick, few enough that their pieces stay small. */
const IDS_PER_PIECE = 10_000;

/**
 * The state file's text: the JSON of encodeState (with `extra` keys after it, such as a staged
 * state's `publishes`), one line. It comes in pieces straight from the sorted ids instead of building
 * the grouped lists first, and is written piece by piece, so saving a million ids holds neither a
 * second copy of every one of them nor the whole text. Sorting the whole ids orders them exactly as
 * encodeState does: ids sharing a prefix sort together, groups by prefix, and the rest of each id
 * within its group.
 */
export function* stateChunks(state: JobState, now: Date, extra: Record<string, unknown> = {}): Generator<string> {
  const head: Omit<StoredState, 'seenIds'> = { version: 1, updatedAt: now.toISOString(), seenIdCount: state.seenIds.size };
  yield `${JSON.stringify(head).slice(0, -1)},"seenIds":{`;
  let prefix: string | undefined;
  let piece: string[] = [];
  for (const id of state.seenIds.sorted()) {
    const idPrefix = id.slice(0, PREFIX_LENGTH);
    const rest = JSON.stringify(id.slice(idPrefix.length));
    if (idPrefix !== prefix) {
      // The rests of an open group always follow its first one, so each piece starts with a comma.
      yield `${piece.length > 0 ? `,${piece.join(',')}` : ''}${prefix === undefined ? '' : '],'}${JSON.stringify(idPrefix)}:[${rest}`;
      piece = [];
      prefix = idPrefix;
    } else {
      piece.push(rest);
      if (piece.length === IDS_PER_PIECE) {
        yield `,${piece.join(',')}`;
        piece = [];
      }
    }
  }
  if (piece.length > 0) yield `,${piece.join(',')}`;
  const tail: Partial<StoredState> = {};
  if (state.watermark !== undefined) tail.watermark = state.watermark;
  if (state.lastRunId !== undefined) tail.lastRunId = state.lastRunId;
  const tailText = JSON.stringify({ ...tail, ...extra });
  yield `${prefix === undefined ? '' : ']'}}${tailText === '{}' ? '' : `,${tailText.slice(1, -1)}`}}\n`;
}

export function stateText(state: JobState, now: Date, extra: Record<string, unknown> = {}): string {
  return [...stateChunks(state, now, extra)].join('');
}

/**
 * A run's documents and its new state must land together: documents published without their state
 * would be pulled and written again by the next run, a state without its documents would lose them.
 * Two renames cannot be one atomic step, so the new state is first written beside the state file as
 * `<job>.json.next`, naming the temporary output file it belongs with; then the output is renamed into
 * place, then the staged state. A process killed between the two renames leaves the staged state
 * behind, and the next run finishes the step (see recoverState).
 */
export interface StagedOutputRef {
  /** The output's temporary name before the rename, and its final name. */
  temporary: string;
  target: string;
  /** A run written in parts (csv-output.ts): the parts renamed before this one, which is renamed last. */
  others?: { temporary: string; target: string }[];
}

interface StagedState extends StoredState {
  publishes?: StagedOutputRef;
}

export function stagedStatePath(statePath: string): string {
  return `${statePath}.next`;
}

export async function stageState(statePath: string, state: JobState, now: Date, output: StagedOutputRef): Promise<void> {
  const folder = path.dirname(statePath);
  const relative = (ref: { temporary: string; target: string }) => ({ temporary: path.relative(folder, ref.temporary), target: path.relative(folder, ref.target) });
  const publishes: StagedOutputRef = { ...relative(output), ...(output.others ? { others: output.others.map(relative) } : {}) };
  await writeFileDurably(stagedStatePath(statePath), stateChunks(state, now, { publishes } satisfies Pick<StagedState, 'publishes'>));
}

/** Moves a staged state into place, once its output is published. */
export async function publishStagedState(statePath: string): Promise<void> {
  await fs.rename(stagedStatePath(statePath), statePath);
  await syncFolder(path.dirname(statePath));
}

/**
 * Finishes or undoes a commit a killed run left half done. When the staged state's output file was
 * renamed into place (its temporary name is gone and the target exists), the state is published too;
 * otherwise the output never appeared, so the staged state and the temporary file are removed and the
 * saved state stays as it was. Returns what it did, for a warning; undefined when there was nothing.
 */
export async function recoverState(statePath: string): Promise<'published' | 'discarded' | undefined> {
  const staged = stagedStatePath(statePath);
  let text: string;
  try {
    text = await fs.readFile(staged, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const folder = path.dirname(statePath);
  let publishes: StagedOutputRef | undefined;
  try {
    const value = JSON.parse(text) as StagedState;
    decodeState(value);
    publishes = value.publishes;
  } catch {
    // A staged state cut short was never followed by a rename: nothing was published.
  }
  const exists = (file: string) => fs.access(path.resolve(folder, file)).then(() => true, () => false);
  if (publishes && !(await exists(publishes.temporary)) && (await exists(publishes.target))) {
    await publishStagedState(statePath);
    return 'published';
  }
  if (publishes) await fs.rm(path.resolve(folder, publishes.temporary), { force: true });
  // Parts renamed before the last one was are taken back: without the state they would be delivered twice.
  for (const other of Array.isArray(publishes?.others) ? publishes.others : []) {
    await fs.rm(path.resolve(folder, other.temporary), { force: true });
    await fs.rm(path.resolve(folder, other.target), { force: true });
  }
  await fs.rm(staged, { force: true });
  return 'discarded';
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
  const seenIds = new NaturalIds();
  for (const [prefix, rests] of Object.entries(stored.seenIds ?? {})) {
    if (!Array.isArray(rests)) throw new Error(`seenIds["${prefix}"] is not a list`);
    for (const rest of rests) seenIds.add(prefix + String(rest));
  }
  const state: JobState = { seenIds };
  if (stored.watermark !== undefined) state.watermark = stored.watermark;
  if (typeof stored.lastRunId === 'string') state.lastRunId = stored.lastRunId;
  return state;
}
