import type { DescribeSource } from '../../core/describe';
import { validateJob } from '../../core/validate';
import type { ValidationContext } from '../../core/validate-api';
import { readDescribeCache } from '../../store';
import { refreshDescribeCache, type DescribeRefresh } from '../describe/refresh';
import type { OrgRequestOptions, OrgSession } from './request';
import { validateQueryOnline, type OnlineValidation } from './validate-query';

export interface CheckJobOnlineOptions extends OrgRequestOptions {
  session: OrgSession;
  /** The job file's text, as in the editor or on disk. */
  text: string;
  /** The offline context (files beside the job, connection names); its describe is taken from the cache. */
  context: ValidationContext;
  /** The `.sfjob/describe` folder of the job (the job workspace's describeCacheDir). */
  cacheDir: string;
  /**
   * Reads the describe data of the job's org after the refresh: the job workspace passes its own, so the
   * online check sees exactly what the offline checks see. Defaults to the cache of the job's connection.
   */
  readDescribe?: () => DescribeSource | undefined;
  /** Fetch the describe data even when it is fresh (the "Refresh Org Metadata" action, `--refresh`). */
  force?: boolean;
  /** Describe data older than this is fetched again; default seven days. */
  maxAgeMs?: number;
  now?: Date;
}

export interface JobOnlineCheck extends OnlineValidation {
  /** What was fetched into the describe cache; absent when the query names no object to describe. */
  refresh?: DescribeRefresh;
}

/**
 * The whole online check of a job, as `sfjob validate-query` runs it: the describe data of the objects
 * the query reads is refreshed when missing or stale, then the query is checked against the org with
 * the whole cached describe of the job's connection. Returns data; prints nothing.
 */
export async function checkJobOnline(options: CheckJobOnlineOptions): Promise<JobOnlineCheck> {
  const now = options.now ?? new Date();
  const offline = validateJob(options.text, { ...options.context, describe: undefined });
  const object = offline.query?.object;
  const refresh = object
    ? await refreshDescribeCache({
        ...options,
        object,
        fieldPaths: offline.query?.fields.map((f) => f.path),
        now,
      })
    : undefined;
  const connection = offline.job?.connection ?? options.session.connectionName;
  const describe = options.readDescribe ? options.readDescribe() : readDescribeCache(options.cacheDir, { connection });
  const result = await validateQueryOnline({ ...options, describe, now });
  return { ...result, ...(refresh ? { refresh } : {}) };
}
