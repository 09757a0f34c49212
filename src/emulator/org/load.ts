import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MemoryOrg } from './store';
import type { SRecord } from './types';

/**
 * Reads `<Object>.json` files from a folder over the generated data. A file holds either an array of records
 * (merged: a record whose Id exists updates it, any other is added) or `{ "replace": true, "records": [...] }`
 * (the generated rows of that object are dropped first). Problems are thrown with the file name and what to fix.
 */
export function loadDataDir(org: MemoryOrg, dataDir: string): void {
  let names: string[];
  try {
    names = readdirSync(dataDir).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  } catch (error) {
    throw new Error(`Cannot read the data folder ${dataDir}: ${(error as Error).message}. Pass an existing folder of <Object>.json files.`);
  }
  for (const name of names) {
    const path = join(dataDir, name);
    const objectName = basename(name, '.json');
    const describe = org.describe(objectName);
    if (!describe) {
      const known = org.describeGlobal().map((d) => d.name).join(', ');
      throw new Error(`${path}: the emulator has no object named '${objectName}'. Name the file after one of: ${known}.`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${path}: not valid JSON (${(error as Error).message}). Fix the file or remove it from the folder.`);
    }
    const { records, replace } = recordsOf(parsed, path);
    if (replace) org.clear(describe.name);
    try {
      org.insert(describe.name, records);
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`);
    }
  }
}

function recordsOf(parsed: unknown, path: string): { records: SRecord[]; replace: boolean } {
  const isRecordArray = (value: unknown): value is SRecord[] =>
    Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
  if (isRecordArray(parsed)) return { records: parsed, replace: false };
  if (typeof parsed === 'object' && parsed !== null && isRecordArray((parsed as { records?: unknown }).records)) {
    const shaped = parsed as { records: SRecord[]; replace?: unknown };
    return { records: shaped.records, replace: shaped.replace === true };
  }
  throw new Error(`${path}: expected an array of record objects, or { "replace": true, "records": [ … ] }.`);
}
