import { parseIsoDateTime, ISO_DATE_TIME_HINT } from '../core/run/iso-time';
import { NaturalIds } from '../core/run/natural-ids';

/**
 * The state file of earlier versions (.sfjob/state/<job>.json): the watermark the next window starts
 * from and the natural ids loaded so far. Ids are stored grouped by a shared prefix (Salesforce ids of
 * one object share their first characters). A job's state now lives in a database (state-db.ts); this
 * codec reads such a file once, strictly, to migrate it, and writes one for tests and for tools that
 * still expect the file.
 */

export interface JobState {
  /** The next run's lower bound, ISO in UTC; absent before the first successful run. */
  watermark?: string;
  lastRunId?: string;
  seenIds: NaturalIds;
}

export interface StoredState {
  version: 1;
  watermark?: string;
  lastRunId?: string;
  updatedAt: string;
  seenIdCount: number;
  /** prefix → the rest of each id, sorted. */
  seenIds: Record<string, string[]>;
  /**
   * prefix → the content hash of each id's delivered document, in the order of `seenIds[prefix]`
   * ("" where none is known): `duplicates: "replace"` re-sends a document only when it changed.
   */
  contentHashes?: Record<string, string[]>;
}

const PREFIX_LENGTH = 9;

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
  yield `${prefix === undefined ? '' : ']'}}`;
  yield* hashChunks(state);
  const tail: Partial<StoredState> = {};
  if (state.watermark !== undefined) tail.watermark = state.watermark;
  if (state.lastRunId !== undefined) tail.lastRunId = state.lastRunId;
  const tailText = JSON.stringify({ ...tail, ...extra });
  yield `${tailText === '{}' ? '' : `,${tailText.slice(1, -1)}`}}\n`;
}

/** `,"contentHashes":{…}` in the order of the ids, when any id has a hash; a second pass over the sorted ids. */
function* hashChunks(state: JobState): Generator<string> {
  let any = false;
  for (const [, hash] of state.seenIds.sortedWithHashes()) {
    if (hash !== undefined) {
      any = true;
      break;
    }
  }
  if (!any) return;
  yield ',"contentHashes":{';
  let prefix: string | undefined;
  let piece: string[] = [];
  /** Whether a piece of the open group was already written, so the next one starts with a comma. */
  let written = false;
  const flush = (): string => {
    const text = piece.length === 0 ? '' : `${written ? ',' : ''}${piece.join(',')}`;
    written ||= piece.length > 0;
    piece = [];
    return text;
  };
  for (const [id, hash] of state.seenIds.sortedWithHashes()) {
    const idPrefix = id.slice(0, PREFIX_LENGTH);
    if (idPrefix !== prefix) {
      yield `${prefix === undefined ? '' : `${flush()}],`}${JSON.stringify(idPrefix)}:[`;
      written = false;
      prefix = idPrefix;
    }
    piece.push(JSON.stringify(hash ?? ''));
    if (piece.length >= IDS_PER_PIECE) yield flush();
  }
  yield `${prefix === undefined ? '' : `${flush()}]`}}`;
}

export function stateText(state: JobState, now: Date, extra: Record<string, unknown> = {}): string {
  return [...stateChunks(state, now, extra)].join('');
}

export function encodeState(state: JobState, now: Date): StoredState {
  const groups = new Map<string, [string, string | undefined][]>();
  for (const [id, hash] of state.seenIds.sortedWithHashes()) {
    const prefix = id.slice(0, PREFIX_LENGTH);
    const group = groups.get(prefix);
    if (group) group.push([id.slice(prefix.length), hash]);
    else groups.set(prefix, [[id.slice(prefix.length), hash]]);
  }
  // fromEntries defines own properties, so an id starting with "__proto__" is kept like any other
  // (assigning to a plain object's "__proto__" key would set its prototype and lose the ids).
  const seenIds: Record<string, string[]> = Object.fromEntries([...groups].map(([prefix, rests]) => [prefix, rests.map(([rest]) => rest)]));
  const stored: StoredState = { version: 1, updatedAt: now.toISOString(), seenIdCount: state.seenIds.size, seenIds };
  if ([...groups.values()].some((rests) => rests.some(([, hash]) => hash !== undefined))) {
    stored.contentHashes = Object.fromEntries([...groups].map(([prefix, rests]) => [prefix, rests.map(([, hash]) => hash ?? '')]));
  }
  if (state.watermark !== undefined) stored.watermark = state.watermark;
  if (state.lastRunId !== undefined) stored.lastRunId = state.lastRunId;
  return stored;
}

/**
 * Reads a state file's value, strictly: a damaged state must stop the run rather than be half
 * understood, since a watermark read wrongly skips or repeats a window and lost ids repeat documents.
 */
export function decodeState(value: unknown): JobState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('it is not a JSON object with a version');
  const stored = value as Partial<Record<keyof StoredState, unknown>>;
  if (stored.version !== 1) throw new Error(`version ${JSON.stringify(stored.version)} is not one this tool writes`);
  if (stored.watermark !== undefined && !parseIsoDateTime(stored.watermark)) {
    throw new Error(`the watermark ${JSON.stringify(stored.watermark)} is not a date (${ISO_DATE_TIME_HINT})`);
  }
  if (stored.updatedAt !== undefined && !parseIsoDateTime(stored.updatedAt)) throw new Error(`"updatedAt" ${JSON.stringify(stored.updatedAt)} is not a date`);
  if (stored.lastRunId !== undefined && typeof stored.lastRunId !== 'string') throw new Error('"lastRunId" is not text');
  const groups = stored.seenIds;
  if (typeof groups !== 'object' || groups === null || Array.isArray(groups)) {
    throw new Error(`"seenIds" is ${groups === undefined ? 'missing' : JSON.stringify(groups)}, not an object of natural ids (without it every delivered id would be forgotten)`);
  }
  const hashes = stored.contentHashes;
  if (hashes !== undefined && (typeof hashes !== 'object' || hashes === null || Array.isArray(hashes))) throw new Error('"contentHashes" is not an object');
  const seenIds = new NaturalIds();
  for (const [prefix, rests] of Object.entries(groups as Record<string, unknown>)) {
    if (!Array.isArray(rests)) throw new Error(`seenIds["${prefix}"] is not a list`);
    const groupHashes = hashes === undefined ? undefined : (hashes as Record<string, unknown>)[prefix];
    if (groupHashes !== undefined && (!Array.isArray(groupHashes) || groupHashes.length !== rests.length)) throw new Error(`contentHashes["${prefix}"] does not match seenIds["${prefix}"]`);
    rests.forEach((rest, index) => {
      if (typeof rest !== 'string') throw new Error(`seenIds["${prefix}"] holds ${JSON.stringify(rest)}, not text`);
      const id = prefix + rest;
      seenIds.add(id);
      const hash = (groupHashes as unknown[] | undefined)?.[index];
      if (typeof hash === 'string' && hash !== '') seenIds.setContentHash(id, hash);
    });
  }
  if (stored.seenIdCount !== undefined && stored.seenIdCount !== seenIds.size) {
    throw new Error(`it lists ${seenIds.size} natural ids but says it holds ${JSON.stringify(stored.seenIdCount)}`);
  }
  const state: JobState = { seenIds };
  if (typeof stored.watermark === 'string') state.watermark = (parseIsoDateTime(stored.watermark) as Date).toISOString();
  if (typeof stored.lastRunId === 'string') state.lastRunId = stored.lastRunId;
  return state;
}
