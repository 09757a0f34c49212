import { plural } from '../plural';

/**
 * What replacing a sample file with freshly fetched records changes, so the person can decide before
 * the file is overwritten. Records are matched by their `Id` when every record on both sides has one
 * (a query that selects Id), else by position. Fields are the records' value paths (`Owner.Name` for a
 * lookup), Salesforce's `attributes` left out.
 */
export interface SampleChange {
  before: number;
  after: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  fieldsAdded: string[];
  fieldsRemoved: string[];
  matchedBy: 'Id' | 'position';
}

type SampleRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is SampleRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The field paths of a record: nested lookups as dotted paths, child lists and plain values as leaves. */
function fieldPaths(record: SampleRecord, prefix = '', into = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value) && !Array.isArray(value.records)) fieldPaths(value, path, into);
    else into.add(path);
  }
  return into;
}

/** The record as text with its keys sorted and `attributes` left out, so equal content compares equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((key) => key !== 'attributes')
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Compares the records a sample file holds now with the records about to replace them. `before` is the
 * parsed file; a file that is not a list of records is reported as such rather than compared.
 */
export function compareSamples(before: unknown, after: readonly SampleRecord[]): SampleChange | { unreadable: string } {
  if (!Array.isArray(before)) return { unreadable: 'it does not hold a list of records' };
  if (!before.every(isRecord)) return { unreadable: 'some of its entries are not records' };
  const byId = [...before, ...after].every((record) => typeof record.Id === 'string' && record.Id !== '');
  const keyOf = (record: SampleRecord, index: number) => (byId ? String(record.Id) : String(index));
  const old = new Map(before.map((record, index) => [keyOf(record, index), canonical(record)]));
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  const seen = new Set<string>();
  after.forEach((record, index) => {
    const key = keyOf(record, index);
    seen.add(key);
    const previous = old.get(key);
    if (previous === undefined) added++;
    else if (previous === canonical(record)) unchanged++;
    else changed++;
  });
  const removed = [...old.keys()].filter((key) => !seen.has(key)).length;
  const fieldsBefore = new Set<string>();
  for (const record of before) fieldPaths(record, '', fieldsBefore);
  const fieldsAfter = new Set<string>();
  for (const record of after) fieldPaths(record, '', fieldsAfter);
  return {
    before: before.length,
    after: after.length,
    added,
    removed,
    changed,
    unchanged,
    fieldsAdded: [...fieldsAfter].filter((field) => !fieldsBefore.has(field)).sort(),
    fieldsRemoved: [...fieldsBefore].filter((field) => !fieldsAfter.has(field)).sort(),
    matchedBy: byId ? 'Id' : 'position',
  };
}

/** Whether replacing the file would change nothing a check or a preview reads. */
export function isSameSample(change: SampleChange): boolean {
  return change.added === 0 && change.removed === 0 && change.changed === 0 && change.fieldsAdded.length === 0 && change.fieldsRemoved.length === 0;
}

/** The change as one sentence per line: counts first, then fields added and removed. */
export function describeSampleChange(change: SampleChange): string[] {
  const matched = change.matchedBy === 'Id' ? 'matched by Id' : 'matched by position: the records have no Id';
  const lines = [
    `${plural(change.before, 'record')} now, ${plural(change.after, 'record')} fetched (${matched}): ${change.added} added, ${change.removed} removed, ${change.changed} changed, ${change.unchanged} unchanged.`,
  ];
  if (change.fieldsAdded.length > 0) lines.push(`Fields added: ${change.fieldsAdded.join(', ')}.`);
  if (change.fieldsRemoved.length > 0) lines.push(`Fields removed: ${change.fieldsRemoved.join(', ')}.`);
  if (change.fieldsAdded.length === 0 && change.fieldsRemoved.length === 0) lines.push('The same fields.');
  return lines;
}
