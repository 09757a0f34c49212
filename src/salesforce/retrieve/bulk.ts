import type { SObjectDescribe } from '../../core/describe';
import type { SfRecord } from '../../core/run/types';
import { DEFAULT_RETRY_POLICY, pause, withRetries, type RetryPolicy } from './backoff';
import { parseCsv, recordShaper } from './bulk-csv';
import { classifyQueryError, errorCodeOf, RetrieveError } from './errors';
import { getJson, parseJson, sendRequest, usageGuardReason, type ApiUsage, type RequestOptions } from './http';
import { describe as describeError, StopRetrieval, type QuerySession, type RetrieveEvent, type Retrieval } from './pages';

/**
 * Reads a window through Bulk API 2.0: one query job, polled until it completes, its CSV results read
 * page by page with `maxRecords` and the `Sforce-Locator` header (jsforce's bulk2 helper fails on
 * results of more than one page), each page turned into REST-shaped records.
 *
 * Salesforce advises against ORDER BY in bulk queries (it turns off chunking, the reason to use Bulk),
 * so the rows come in no particular order: the caller must not rely on order (see liveSource). A job
 * keeps its results whatever happens to the session, so a 401 only needs a new token and the same
 * request again; transient failures are retried as for REST pages; the daily allowance running out
 * ends the retrieval cleanly; a job that fails on Salesforce's side fails the run with its message.
 */

export interface BulkRetrieveOptions {
  session: QuerySession;
  /** The window's SOQL, without ORDER BY. */
  query: string;
  /** The queried object, for describe data (names and types of the CSV columns). */
  objectName: string;
  includeDeleted?: boolean;
  /** Rows per results page (maxRecords). Default 2000. */
  pageSize?: number;
  /** Pause between status polls: the first, then doubling up to the last. */
  pollMs?: { first: number; max: number };
  retry?: Partial<RetryPolicy>;
  requestTimeoutMs?: number;
  /** Stop cleanly once the org's reported API usage reaches this percentage of its daily allowance. */
  maxApiUsagePercent?: number;
  signal?: AbortSignal;
  onEvent?: (event: RetrieveEvent) => void;
}

export interface BulkRetrieval extends Retrieval {
  /** The query job's id, once created. */
  jobId(): string | undefined;
}

interface JobInfo {
  id: string;
  state: string;
  errorMessage?: string;
}


export function retrieveBulk(options: BulkRetrieveOptions): BulkRetrieval {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const emit = options.onEvent ?? (() => undefined);
  const base = `/services/data/v${options.session.apiVersion}`;
  const pageSize = options.pageSize ?? 2000;
  const poll = options.pollMs ?? { first: 500, max: 10_000 };
  const timeoutMs = options.requestTimeoutMs ?? 120_000;
  const describes = new Map<string, Promise<SObjectDescribe | undefined>>();
  let calls = 0;
  let usage: ApiUsage | undefined;
  let stopReason: string | undefined;
  let jobId: string | undefined;

  /** One request with retries; a lost session gets a new token and the same request again. */
  async function call(url: string, request: Omit<RequestOptions, 'timeoutMs'> = {}) {
    const guard = usageGuardReason(usage, options.maxApiUsagePercent);
    if (guard) {
      stopReason = guard.replace('carries on from them', 'reads the window again');
      emit({ type: 'stopped', reason: stopReason });
      throw new StopRetrieval();
    }
    for (let reauthorized = 0; ; reauthorized++) {
      try {
        return await withRetries(
          () => {
            calls++;
            return sendRequest(options.session, url, { ...request, timeoutMs, ...(options.signal ? { signal: options.signal } : {}), onUsage: (reported) => (usage = reported) });
          },
          policy,
          {
            isTransient: (error) => classifyQueryError(error) === 'retry',
            ...(options.signal ? { signal: options.signal } : {}),
            onRetry: (retry, delayMs, error) => emit({ type: 'retry', retry, delayMs, reason: describeError(error) }),
          },
        );
      } catch (error) {
        const handling = classifyQueryError(error);
        if (handling === 'reauthorize' && reauthorized < 3 && !options.signal?.aborted) {
          await options.session.reauthorize();
          emit({ type: 'restart', reason: describeError(error) });
          continue;
        }
        if (handling === 'stop') {
          stopReason = `Salesforce refused further API calls (${describeError(error)}); the records read so far were kept, and the next run reads the window again`;
          emit({ type: 'stopped', reason: stopReason });
          throw new StopRetrieval();
        }
        if (options.signal?.aborted) throw error;
        throw new RetrieveError(`Salesforce Bulk API 2.0 query failed: ${describeError(error)}`, errorCodeOf(error));
      }
    }
  }

  /**
   * The describe data that types the CSV columns. It goes through `call` like every request, so a
   * failure stops or fails the run instead of quietly turning numbers into text.
   */
  function describe(objectName: string): Promise<SObjectDescribe | undefined> {
    const key = objectName.toLowerCase();
    let found = describes.get(key);
    if (!found) {
      found = call(`${base}/sobjects/${encodeURIComponent(objectName)}/describe`).then((answer) => parseJson<SObjectDescribe>(answer));
      describes.set(key, found);
    }
    return found;
  }

  /** The queried object's describe must be had; a parent's (a polymorphic lookup's odd target) may fail, leaving its columns text. */
  function describeForColumns(objectName: string): Promise<SObjectDescribe | undefined> {
    const found = describe(objectName);
    if (objectName.toLowerCase() === options.objectName.toLowerCase()) return found;
    return found.catch((error: unknown) => {
      if (error instanceof StopRetrieval) throw error;
      return undefined;
    });
  }

  async function waitForCompletion(id: string): Promise<void> {
    let delay = poll.first;
    for (;;) {
      const info = parseJson<JobInfo>(await call(`${base}/jobs/query/${id}`));
      if (info.state === 'JobComplete') return;
      if (info.state === 'Failed' || info.state === 'Aborted') {
        throw new RetrieveError(`the Bulk API 2.0 query job ${id} ${info.state === 'Failed' ? 'failed' : 'was aborted'}${info.errorMessage ? `: ${info.errorMessage}` : ''}`, undefined);
      }
      await pause(delay, options.signal);
      delay = Math.min(poll.max, delay * 2);
    }
  }

  async function* pages(): AsyncGenerator<SfRecord[]> {
    try {
      const created = parseJson<JobInfo>(
        await call(`${base}/jobs/query`, {
          method: 'POST',
          json: { operation: options.includeDeleted ? 'queryAll' : 'query', query: options.query, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' },
        }),
      );
      jobId = created.id;
      await waitForCompletion(created.id);
      let shape: ((cells: readonly string[]) => SfRecord) | undefined;
      let locator: string | undefined;
      do {
        const query = `maxRecords=${pageSize}${locator ? `&locator=${encodeURIComponent(locator)}` : ''}`;
        const answer = await call(`${base}/jobs/query/${created.id}/results?${query}`, { accept: 'text/csv' });
        const [header, ...rows] = parseCsv(answer.text);
        if (header && !shape) shape = await recordShaper(options.objectName, header, describeForColumns, options.session.apiVersion);
        if (shape && rows.length > 0) yield rows.map(shape);
        const next = answer.headers.get('sforce-locator');
        locator = next && next !== 'null' ? next : undefined;
      } while (locator);
      // The results stay on Salesforce's side for days otherwise; failing to delete them is harmless.
      calls++;
      await sendRequest(options.session, `${base}/jobs/query/${created.id}`, { method: 'DELETE', timeoutMs }).catch(() => undefined);
    } catch (error) {
      if (error instanceof StopRetrieval) return;
      throw error;
    }
  }

  return { pages: pages(), apiCalls: () => calls, stoppedEarly: () => stopReason, apiUsage: () => usage, jobId: () => jobId };
}

/**
 * How many rows a COUNT() query finds, to choose between REST pages and Bulk API 2.0. A count that
 * times out (QUERY_TIMEOUT) says the window is large: Infinity, so Bulk is chosen.
 */
export async function countRows(session: QuerySession, soql: string, options: { includeDeleted?: boolean; retry?: Partial<RetryPolicy>; signal?: AbortSignal; onUsage?: (usage: ApiUsage) => void } = {}): Promise<number> {
  const url = `/services/data/v${session.apiVersion}/${options.includeDeleted ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  for (let reauthorized = 0; ; reauthorized++) {
    try {
      const answer = await withRetries(
        () => getJson<{ totalSize?: number }>(session, url, { timeoutMs: 120_000, ...(options.signal ? { signal: options.signal } : {}), ...(options.onUsage ? { onUsage: options.onUsage } : {}) }),
        policy,
        { isTransient: (error) => classifyQueryError(error) === 'retry', ...(options.signal ? { signal: options.signal } : {}) },
      );
      return typeof answer.totalSize === 'number' ? answer.totalSize : 0;
    } catch (error) {
      const handling = classifyQueryError(error);
      if (handling === 'split') return Number.POSITIVE_INFINITY;
      if (handling === 'reauthorize' && reauthorized < 3) {
        await session.reauthorize();
        continue;
      }
      throw new RetrieveError(`Salesforce could not count the window's rows: ${describeError(error)}`, errorCodeOf(error));
    }
  }
}
