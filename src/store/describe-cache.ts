import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeSourceOf, type DescribeSource, type SObjectDescribe } from '../core/describe';
import { CACHE_INDEX_FILE } from '../core/workspace';
import { writeFileDurably } from './durable';

/**
 * The describe cache: `.sfjob/describe/<org id>/<Object>.json` holds an object's describe exactly as
 * Salesforce answered it, so it can be read as it is; `.sfjob/describe/<org id>/_cache.json` records
 * which connections reach that org and when each object was fetched. The editor and the CLI read the
 * same files through this module, so they can never disagree about what the org holds.
 */

// The folder and index names are the job workspace's, which reads the cache for the checks.
export { DESCRIBE_FOLDER, CACHE_INDEX_FILE } from '../core/workspace';
/** Describe data older than this is fetched again before an online check; overridable per call. */
export const DEFAULT_DESCRIBE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface DescribeCacheIndex {
  orgId: string;
  /** Connection names that were seen to reach this org. */
  connections: string[];
  /** Object name (Salesforce's spelling) → when it was fetched (ISO) and with which API version. */
  objects: Record<string, { fetchedAt: string; apiVersion: string }>;
  /** Objects the org answered it does not have (describe said NOT_FOUND) → when it said so (ISO). */
  missing?: Record<string, { fetchedAt: string }>;
}

export function readCacheIndex(orgDir: string): DescribeCacheIndex | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(orgDir, CACHE_INDEX_FILE), 'utf8')) as Partial<DescribeCacheIndex>;
    if (typeof parsed.orgId !== 'string') return undefined;
    return {
      orgId: parsed.orgId,
      connections: Array.isArray(parsed.connections) ? parsed.connections.filter((c): c is string => typeof c === 'string') : [],
      objects: parsed.objects && typeof parsed.objects === 'object' ? parsed.objects : {},
      ...(parsed.missing && typeof parsed.missing === 'object' ? { missing: parsed.missing } : {}),
    };
  } catch {
    return undefined;
  }
}

function orgFolders(cacheDir: string): string[] {
  try {
    return fs
      .readdirSync(cacheDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/** The org folder a connection was last seen to reach, when the cache recorded it. */
export function orgFolderOfConnection(cacheDir: string, connection: string): string | undefined {
  return orgFolders(cacheDir).find((org) => readCacheIndex(path.join(cacheDir, org))?.connections.includes(connection));
}

/** One cached describe file, or undefined when it is missing, half-written or not a describe. */
export function readCachedObject(orgDir: string, objectName: string): SObjectDescribe | undefined {
  return readDescribeFile(path.join(orgDir, `${objectName}.json`));
}

function readDescribeFile(file: string): SObjectDescribe | undefined {
  try {
    const described = JSON.parse(fs.readFileSync(file, 'utf8')) as SObjectDescribe;
    return typeof described?.name === 'string' && Array.isArray(described.fields) ? described : undefined;
  } catch {
    // A half-written or foreign file in the cache is skipped; the next refresh rewrites it.
    return undefined;
  }
}

/**
 * Describe data of one connection's org from a cache folder (`.sfjob/describe`): only the org folder whose
 * index lists the connection counts, never another org cached beside it. Undefined when the cache has not
 * seen the connection or holds nothing usable for it. The checks read the cache through the job
 * workspace (src/core/workspace), which applies the same rule.
 */
export function readDescribeCache(cacheDir: string, options: { connection: string }): DescribeSource | undefined {
  const own = orgFolderOfConnection(cacheDir, options.connection);
  const orgs = own ? [own] : [];
  const objects = new Map<string, SObjectDescribe>();
  const absent: string[] = [];
  for (const org of orgs) {
    absent.push(...Object.keys(readCacheIndex(path.join(cacheDir, org))?.missing ?? {}));
    let files: string[];
    try {
      files = fs.readdirSync(path.join(cacheDir, org)).filter((f) => f.endsWith('.json') && f !== CACHE_INDEX_FILE);
    } catch {
      continue;
    }
    for (const file of files) {
      const described = readDescribeFile(path.join(cacheDir, org, file));
      if (described && !objects.has(described.name.toLowerCase())) objects.set(described.name.toLowerCase(), described);
    }
  }
  return objects.size > 0 || absent.length > 0 ? describeSourceOf([...objects.values()], absent) : undefined;
}

/** Whether an object's cached describe is missing or older than `maxAgeMs`. */
export function isStale(index: DescribeCacheIndex | undefined, objectName: string, now: Date, maxAgeMs: number): boolean {
  const key = Object.keys(index?.objects ?? {}).find((name) => name.toLowerCase() === objectName.toLowerCase());
  const fetchedAt = key ? Date.parse(index?.objects[key]?.fetchedAt ?? '') : NaN;
  return Number.isNaN(fetchedAt) || now.getTime() - fetchedAt > maxAgeMs;
}

/** Writes fetched describes and records them in the org's index; each file is replaced whole. */
export async function writeDescribes(
  orgDir: string,
  entries: { orgId: string; connection: string; apiVersion: string; fetchedAt: Date },
  describes: readonly Record<string, unknown>[],
  missing: readonly string[] = [],
): Promise<void> {
  const index: DescribeCacheIndex = readCacheIndex(orgDir) ?? { orgId: entries.orgId, connections: [], objects: {} };
  if (!index.connections.includes(entries.connection)) index.connections = [...index.connections, entries.connection].sort();
  for (const describe of describes) {
    const name = String(describe.name);
    await writeFileDurably(path.join(orgDir, `${name}.json`), `${JSON.stringify(describe, null, 2)}\n`);
    for (const key of Object.keys(index.objects)) if (key.toLowerCase() === name.toLowerCase()) delete index.objects[key];
    index.objects[name] = { fetchedAt: entries.fetchedAt.toISOString(), apiVersion: entries.apiVersion };
  }
  index.objects = Object.fromEntries(Object.entries(index.objects).sort(([a], [b]) => a.localeCompare(b)));
  // What the org said it lacks is kept, so the checks can tell "not there" from "not described yet".
  const described = new Set(Object.keys(index.objects).map((name) => name.toLowerCase()));
  const lacking = { ...index.missing };
  for (const name of missing) lacking[name] = { fetchedAt: entries.fetchedAt.toISOString() };
  for (const name of Object.keys(lacking)) if (described.has(name.toLowerCase())) delete lacking[name];
  if (Object.keys(lacking).length > 0) index.missing = Object.fromEntries(Object.entries(lacking).sort(([a], [b]) => a.localeCompare(b)));
  else delete index.missing;
  await writeFileDurably(path.join(orgDir, CACHE_INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
}
