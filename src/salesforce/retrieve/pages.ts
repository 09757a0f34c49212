import { normalizeDate, readField } from '../../core/run/fields';
import type { SfRecord } from '../../core/run/types';
import type { WindowBounds } from '../../core/run/window';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './backoff';
import { classifyQueryError, errorCodeOf, RetrieveError } from './errors';
import { getJson, usageGuardReason, type ApiUsage, type HttpSession } from './http';

/**
 * Reads a window's records page by page through the REST query resource, following `nextRecordsUrl`
 * itself (jsforce's autoFetch keeps every record in memory and stops silently at maxFetch), with the
 * session's token (see http.ts for why not through jsforce's request).
 *
 * - 5xx, 429, timeouts and dropped connections are retried with exponential backoff and jitter (at
 *   least as long as Retry-After asks).
 * - An ended session (401) gets a new token and the window is queried again; so does a lost query
 *   locator. The new query resumes after the last record already handed on: for date-ordered queries
 *   from that record's timestamp, skipping the ids already seen at it; for sms (ordered by
 *   conversation) by skipping as many rows as were handed on.
 * - QUERY_TIMEOUT splits the window in half, and each half is read in turn (again if needed).
 * - The org's daily API allowance running out ends the retrieval cleanly: what was read is kept, and
 *   `stoppedEarly` says why, so the run saves its work and the next run carries on.
 * - Anything else (MALFORMED_QUERY, INVALID_FIELD, …) fails at once with Salesforce's code and message.
 */

export interface QuerySession extends HttpSession {
  apiVersion: string;
  /** Gets a new access token; the Connection keeps working with it. */
  reauthorize(): Promise<void>;
}

export type RetrieveEvent =
  | { type: 'retry'; retry: number; delayMs: number; reason: string }
  | { type: 'restart'; reason: string; resumeFrom?: string }
  | { type: 'split'; window: WindowBounds; at: string }
  | { type: 'stopped'; reason: string };

export interface RetrieveOptions {
  session: QuerySession;
  /** The SOQL for a window (see windowQuery in src/core/run/window.ts). */
  queryFor(window: WindowBounds): string;
  window: WindowBounds;
  /** How the query orders rows: by the date field (then Id), or by conversation (sms). */
  order: 'date' | 'conversation';
  dateField: string;
  /** Use queryAll (deleted and archived rows too). */
  includeDeleted?: boolean;
  /** Sforce-Query-Options batchSize, 200–2000; Salesforce may send other sizes. */
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
  /** Times one window may be queried again after a lost session or locator. Default 3. */
  maxRestarts?: number;
  /** The narrowest window QUERY_TIMEOUT may split down to. Default one minute. */
  minWindowMs?: number;
  /** How long one request may take, answer included. Default two minutes. */
  requestTimeoutMs?: number;
  /** Stop cleanly once the org's reported API usage reaches this percentage of its daily allowance. */
  maxApiUsagePercent?: number;
  signal?: AbortSignal;
  onEvent?: (event: RetrieveEvent) => void;
}

export interface Retrieval {
  pages: AsyncIterable<SfRecord[]>;
  /** API requests made so far (retries included). */
  apiCalls(): number;
  /** Why the retrieval ended before the end of the window, when it did. */
  stoppedEarly(): string | undefined;
  /** The org's API usage as last reported by Salesforce. */
  apiUsage(): ApiUsage | undefined;
}

interface QueryResponse {
  done?: boolean;
  nextRecordsUrl?: string;
  records?: SfRecord[];
}

/** Progress through one window, enough to resume after a restart without handing a record on twice. */
interface Progress {
  rows: number;
  lastDate?: string;
  idsAtLastDate: Set<string>;
}

interface WindowTask {
  bounds: WindowBounds;
  progress: Progress;
}

export class StopRetrieval extends Error {}

export function retrieveRecords(options: RetrieveOptions): Retrieval {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const maxRestarts = options.maxRestarts ?? 3;
  const minWindowMs = options.minWindowMs ?? 60_000;
  const emit = options.onEvent ?? (() => undefined);
  const resource = options.includeDeleted ? 'queryAll' : 'query';
  const headers: Record<string, string> = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : {};
  const requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
  let calls = 0;
  let stopReason: string | undefined;
  let usage: ApiUsage | undefined;

  // Every request listens to this signal: the caller's, and the end of reading (a consumer that stops
  // early must not leave a read-ahead request running).
  const stopReading = new AbortController();
  const forwardAbort = (): void => stopReading.abort(options.signal?.reason);
  if (options.signal?.aborted) forwardAbort();
  else options.signal?.addEventListener('abort', forwardAbort, { once: true });

  function request(url: string): Promise<QueryResponse> {
    const guard = usageGuardReason(usage, options.maxApiUsagePercent);
    if (guard) {
      stopReason = guard;
      emit({ type: 'stopped', reason: guard });
      throw new StopRetrieval();
    }
    return withRetries(
      () => {
        calls++;
        return getJson<QueryResponse>(options.session, url, {
          headers,
          timeoutMs: requestTimeoutMs,
          signal: stopReading.signal,
          onUsage: (reported) => (usage = reported),
        });
      },
      policy,
      {
        isTransient: (error) => classifyQueryError(error) === 'retry',
        signal: stopReading.signal,
        onRetry: (retry, delayMs, error) => emit({ type: 'retry', retry, delayMs, reason: describe(error) }),
      },
    );
  }

  /**
   * Starts the request for the next page while the current one is still being handed on, so the
   * server's work and the consumer's overlap. Its failure waits until the current page has been
   * handed on, and is then handled as if the request had only just been made (the progress is the
   * same). When the usage guard would refuse the request, nothing is started early: the refusal then
   * comes in its usual place, after the current page.
   */
  function readAhead(url: string): Promise<QueryResponse> | undefined {
    if (usageGuardReason(usage, options.maxApiUsagePercent)) return undefined;
    const answer = request(url);
    // Marked handled now, because it may fail while the consumer still holds the current page.
    answer.catch(() => undefined);
    return answer;
  }

  async function* readWindow(task: WindowTask, queue: WindowTask[]): AsyncGenerator<SfRecord[]> {
    let restarts = 0;
    for (;;) {
      const { progress } = task;
      const resumeAt = options.order === 'date' ? progress.lastDate : undefined;
      const bounds: WindowBounds = resumeAt ? { since: new Date(resumeAt), until: task.bounds.until } : task.bounds;
      // Rows to pass over before handing any on: sms restarts count rows, date restarts skip by id.
      let rowsToSkip = options.order === 'conversation' ? progress.rows : 0;
      let url: string | undefined = `/services/data/v${options.session.apiVersion}/${resource}?q=${encodeURIComponent(options.queryFor(bounds))}`;
      let next: Promise<QueryResponse> | undefined;
      try {
        while (url) {
          const early = next;
          next = undefined;
          const body: QueryResponse = await (early ?? request(url));
          const fresh: SfRecord[] = [];
          for (const record of body.records ?? []) {
            if (rowsToSkip > 0) {
              rowsToSkip--;
              continue;
            }
            if (options.order === 'date' && alreadyHandedOn(record, progress, options.dateField)) continue;
            note(record, progress, options.dateField);
            fresh.push(record);
          }
          url = body.done === false && body.nextRecordsUrl ? body.nextRecordsUrl : undefined;
          if (fresh.length > 0) {
            if (url) next = readAhead(url);
            yield fresh;
          }
        }
        return;
      } catch (error) {
        if (error instanceof StopRetrieval) throw error;
        const handling = classifyQueryError(error);
        if (handling === 'stop') {
          stopReason = `Salesforce refused further API calls (${describe(error)}); the records read so far were kept, and the next run carries on from them`;
          emit({ type: 'stopped', reason: stopReason });
          throw new StopRetrieval();
        }
        if (handling === 'reauthorize' || handling === 'restart') {
          if (++restarts > maxRestarts) throw failure(error, `the window was queried ${maxRestarts + 1} times and lost its session or query locator each time`);
          if (handling === 'reauthorize') await options.session.reauthorize();
          emit({ type: 'restart', reason: describe(error), ...(progress.lastDate ? { resumeFrom: progress.lastDate } : {}) });
          continue;
        }
        if (handling === 'split') {
          queue.unshift(...splitWindow(task, bounds, error));
          return;
        }
        throw failure(error);
      } finally {
        // Still set only when the consumer stopped while holding a page: end the request and wait for
        // it to settle, so no request outlives the retrieval.
        if (next) {
          stopReading.abort(new StopRetrieval('the consumer stopped reading'));
          await next.catch(() => undefined);
        }
      }
    }
  }

  function splitWindow(task: WindowTask, bounds: WindowBounds, error: unknown): WindowTask[] {
    if (options.order === 'conversation' && task.progress.rows > 0) {
      throw failure(error, 'the query timed out part-way through an sms window, which cannot be split without splitting conversations');
    }
    const since = bounds.since ?? new Date(0);
    const span = bounds.until.getTime() - since.getTime();
    if (span <= minWindowMs) {
      throw failure(error, `the query times out even for a window of ${Math.round(span / 1000)} seconds; make the query more selective (an indexed field in WHERE) or ask Salesforce support about a custom index`);
    }
    const middle = new Date(since.getTime() + Math.floor(span / 2));
    emit({ type: 'split', window: bounds, at: middle.toISOString() });
    // The first half keeps the progress, so records already handed on at its start are still skipped.
    return [
      { bounds: { since, until: middle }, progress: task.progress },
      { bounds: { since: middle, until: bounds.until }, progress: { rows: 0, idsAtLastDate: new Set() } },
    ];
  }

  function failure(error: unknown, context?: string): RetrieveError {
    const code = errorCodeOf(error);
    const base = `Salesforce query failed: ${describe(error)}`;
    return new RetrieveError(context ? `${base} (${context})` : base, code);
  }

  async function* pages(): AsyncGenerator<SfRecord[]> {
    const queue: WindowTask[] = [{ bounds: options.window, progress: { rows: 0, idsAtLastDate: new Set() } }];
    try {
      while (queue.length > 0) {
        const task = queue.shift() as WindowTask;
        yield* readWindow(task, queue);
      }
    } catch (error) {
      if (error instanceof StopRetrieval) return;
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', forwardAbort);
    }
  }

  return { pages: pages(), apiCalls: () => calls, stoppedEarly: () => stopReason, apiUsage: () => usage };
}

function alreadyHandedOn(record: SfRecord, progress: Progress, dateField: string): boolean {
  if (progress.lastDate === undefined) return false;
  const date = normalizeDate(readField(record, dateField));
  if (date === undefined) return false;
  if (date < progress.lastDate) return true;
  return date === progress.lastDate && progress.idsAtLastDate.has(String(record['Id']));
}

function note(record: SfRecord, progress: Progress, dateField: string): void {
  progress.rows++;
  const date = normalizeDate(readField(record, dateField));
  if (date === undefined) return;
  if (date !== progress.lastDate) {
    progress.lastDate = date;
    progress.idsAtLastDate = new Set();
  }
  progress.idsAtLastDate.add(String(record['Id']));
}

export function describe(error: unknown): string {
  const code = errorCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return code && !message.startsWith(code) ? `${code}: ${message}${cause}` : `${message}${cause}`;
}
