import * as path from 'node:path';
import { describeSourceOf, type DescribeSource, type SObjectDescribe } from '../../core/describe';
import { errorCodeOf } from '../retrieve/errors';
import { dataPath, orgGet, type OrgRequestOptions, type OrgSession } from '../online/request';
import { DEFAULT_DESCRIBE_MAX_AGE_MS, isStale, readCacheIndex, readCachedObject, writeDescribes } from '../../store';

export interface RefreshDescribeOptions extends OrgRequestOptions {
  session: OrgSession;
  /** The `.sfjob/describe` folder to keep the data in (the job workspace's describeCacheDir). */
  cacheDir: string;
  /** The object the job's query reads (its FROM). */
  object: string;
  /** The fields the query selects, as written; relationship paths (`Owner.Name`) bring their objects too. */
  fieldPaths?: readonly string[];
  /** Fetch even what is cached and fresh (the "Refresh Org Metadata" action, `--refresh`). */
  force?: boolean;
  /** Cached describes older than this are fetched again. Default seven days. */
  maxAgeMs?: number;
  now?: Date;
}

export interface DescribeRefresh {
  orgId: string;
  /** The org's folder in the cache. */
  orgDir: string;
  /** Objects fetched from the org just now. */
  fetched: string[];
  /** Objects whose cached describe was fresh enough to keep. */
  reused: string[];
  /** Objects the org does not have (describe answered NOT_FOUND). */
  missing: string[];
  /** The job's objects as now known, for the offline checks. */
  describe?: DescribeSource;
}

/** Relationship hops followed from the query's object; deeper paths are rare and each hop costs a call. */
const MAX_OBJECTS = 12;

/**
 * Brings the describe data of the objects a job touches up to date in the cache: the FROM object and,
 * for each relationship path the query selects, the objects along it. An object is fetched when it is
 * missing from the cache, older than `maxAgeMs`, or `force` is set. Returns what it did; prints nothing.
 */
export async function refreshDescribeCache(options: RefreshDescribeOptions): Promise<DescribeRefresh> {
  const { session } = options;
  const now = options.now ?? new Date();
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_DESCRIBE_MAX_AGE_MS;
  // Without an identity URL the org is unknown; the connection's name keeps its data apart from others'.
  const orgId = session.orgId ?? `connection-${session.connectionName.replace(/[^\w.-]/g, '_')}`;
  const orgDir = path.join(options.cacheDir, orgId);
  const index = readCacheIndex(orgDir);
  const known = new Map<string, SObjectDescribe | null>();
  const fetched: Record<string, unknown>[] = [];
  const reused: string[] = [];
  const missing: string[] = [];

  const ensure = async (name: string): Promise<SObjectDescribe | undefined> => {
    const key = name.toLowerCase();
    if (known.has(key)) return known.get(key) ?? undefined;
    if (known.size >= MAX_OBJECTS) return undefined;
    const cached = options.force || isStale(index, name, now, maxAgeMs) ? undefined : readCachedObject(orgDir, name);
    if (cached) {
      known.set(key, cached);
      reused.push(cached.name);
      return cached;
    }
    try {
      const body = await orgGet<Record<string, unknown>>(session, `${dataPath(session)}/sobjects/${encodeURIComponent(name)}/describe`, options);
      fetched.push(body);
      known.set(key, body as unknown as SObjectDescribe);
      return body as unknown as SObjectDescribe;
    } catch (error) {
      if (errorCodeOf(error) !== 'NOT_FOUND') throw error;
      known.set(key, null);
      missing.push(name);
      return undefined;
    }
  };

  const root = await ensure(options.object);
  for (const fieldPath of options.fieldPaths ?? []) {
    const segments = fieldPath.split('.');
    let object = root;
    for (const segment of segments.slice(0, -1)) {
      const reference = object?.fields.find((f) => f.relationshipName?.toLowerCase() === segment.toLowerCase());
      // A polymorphic lookup (Owner, What) could be any of several objects; without TYPEOF none is implied.
      if (!reference || reference.referenceTo?.length !== 1) break;
      object = await ensure(reference.referenceTo[0]);
    }
  }

  if (fetched.length > 0 || missing.length > 0) {
    await writeDescribes(orgDir, { orgId, connection: session.connectionName, apiVersion: session.apiVersion, fetchedAt: now }, fetched, missing);
  }
  const objects = [...known.values()].filter((o): o is SObjectDescribe => o !== null);
  return {
    orgId,
    orgDir,
    fetched: fetched.map((body) => String(body.name)),
    reused,
    missing,
    ...(objects.length > 0 || missing.length > 0 ? { describe: describeSourceOf(objects, missing) } : {}),
  };
}
