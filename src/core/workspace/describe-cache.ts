import * as path from 'node:path';
import type { DescribeSource, SObjectDescribe } from '../describe';
import { openContained, type Boundary } from './contained';
import type { FileAccess } from './file-access';

/** Where describe data is cached, below the workspace root: `.sfjob/describe/<org id>/<Object>.json`. */
export const DESCRIBE_FOLDER = path.join('.sfjob', 'describe');
/** Object names never start with an underscore, so this name cannot clash with an object's file. */
export const CACHE_INDEX_FILE = '_cache.json';

/** What the cache knows of the org a job's connection reaches. */
export interface CachedOrg {
  /** The org id, as the cache folder is named. */
  id: string;
  folder: string;
  /** The objects described, in Salesforce's spelling. Any other object is "not described yet", never "unknown". */
  described: readonly string[];
  /** Describe data of the described objects, each read when first asked for. */
  describe: DescribeSource;
}

interface CacheIndex {
  connections: string[];
  /** Objects the org answered it does not have (NOT_FOUND), the only ones an unknown-object error may name. */
  missing: string[];
}

function parseIndex(text: string): CacheIndex | undefined {
  try {
    const parsed = JSON.parse(text) as { orgId?: unknown; connections?: unknown; missing?: unknown };
    if (typeof parsed?.orgId !== 'string') return undefined;
    const missing = parsed.missing && typeof parsed.missing === 'object' && !Array.isArray(parsed.missing) ? Object.keys(parsed.missing) : [];
    return { connections: Array.isArray(parsed.connections) ? parsed.connections.filter((c): c is string => typeof c === 'string') : [], missing };
  } catch {
    return undefined;
  }
}

function parseDescribe(text: string): SObjectDescribe | undefined {
  try {
    const described = JSON.parse(text) as SObjectDescribe;
    return typeof described?.name === 'string' && Array.isArray(described.fields) ? described : undefined;
  } catch {
    // A half-written or foreign file in the cache is skipped; the next refresh rewrites it.
    return undefined;
  }
}

/**
 * The cached org of one connection: the org folder whose index lists the connection. Only that org
 * counts, in the editor and the CLI alike: describe data of another org, even cached beside it, would
 * judge the job by fields its own org may not have. Undefined when the connection has not been seen.
 */
export function cachedOrgOf(host: FileAccess, boundary: Boundary, cacheDir: string, connection: string | undefined, read: (file: string) => void): CachedOrg | undefined {
  if (!connection) return undefined;
  const orgs = (host.list(cacheDir) ?? []).sort();
  for (const id of orgs) {
    const folder = path.join(cacheDir, id);
    const indexFile = openContained(host, boundary, folder, CACHE_INDEX_FILE, 'describe-index');
    read(path.join(folder, CACHE_INDEX_FILE));
    const index = indexFile.ok ? parseIndex(indexFile.text) : undefined;
    if (!index?.connections.includes(connection)) continue;
    return orgFromFolder(host, boundary, id, folder, index.missing, read);
  }
  return undefined;
}

function orgFromFolder(host: FileAccess, boundary: Boundary, id: string, folder: string, missing: readonly string[], read: (file: string) => void): CachedOrg {
  const fileByName = new Map<string, string>();
  for (const file of host.list(folder) ?? []) {
    if (file.endsWith('.json') && file !== CACHE_INDEX_FILE) fileByName.set(file.slice(0, -'.json'.length).toLowerCase(), file);
  }
  const loaded = new Map<string, SObjectDescribe | undefined>();
  const load = (name: string): SObjectDescribe | undefined => {
    const key = name.toLowerCase();
    if (!loaded.has(key)) {
      const file = fileByName.get(key);
      let described: SObjectDescribe | undefined;
      if (file) {
        read(path.join(folder, file));
        const opened = openContained(host, boundary, folder, file, 'describe');
        described = opened.ok ? parseDescribe(opened.text) : undefined;
      }
      loaded.set(key, described);
    }
    return loaded.get(key);
  };
  // The file names carry Salesforce's spelling, so listing the objects reads none of them.
  const described = [...fileByName.values()].map((file) => file.slice(0, -'.json'.length)).sort();
  const lacking = new Set(missing.map((name) => name.toLowerCase()));
  const isAbsent = (name: string): boolean => lacking.has(name.toLowerCase()) && !fileByName.has(name.toLowerCase());
  return { id, folder, described, describe: { object: load, objectNames: () => [...described], isAbsent } };
}
