import type { ResolvedJob } from '../core/job/resolve';
import type { SfRecord } from '../core/run/types';
import { bulkWindowQuery, planWindow, queriedObject, windowCountQuery, windowQuery, type WindowBounds } from '../core/run/window';
import { countRows, retrieveBulk } from '../salesforce/retrieve/bulk';
import type { RetryPolicy } from '../salesforce/retrieve/backoff';
import { orgTime } from '../salesforce/retrieve/http';
import { retrieveRecords, type QuerySession, type RetrieveEvent } from '../salesforce/retrieve/pages';
import type { RetrievalCounts } from './report';
import type { RunSource } from './run-job';
import type { JobState } from '../store';

export interface LiveSourceOptions {
  session: QuerySession;
  job: ResolvedJob;
  /** The run's start: the window ends a little before it. */
  now: Date;
  /** Ignore the watermark and pull from the beginning (or the schedule's startDate). */
  full?: boolean;
  /** Read the window from this instant (`sfjob run --since`), keeping the state: the duplicates setting handles what comes again. */
  since?: Date;
  /** Take the window's end from this machine's clock instead of asking the org (previews of live data). */
  localClock?: boolean;
  /** The dateField's type, from describe data when known; datetime otherwise. */
  dateFieldType?: 'date' | 'datetime';
  batchSize?: number;
  /** Reads at most this many records (rows, for sms): for previews of live data. */
  limit?: number;
  retry?: Partial<RetryPolicy>;
  /** How long one request may take, answer included (see retrieveRecords). */
  requestTimeoutMs?: number;
  /**
   * Read the window through Bulk API 2.0 when a COUNT() finds more rows than this (the job's
   * `bulkAbove`, or `--bulk-above`). Only feedback and chat jobs without a record limit qualify: sms
   * rows must come in conversation order and a limited run must stop in date order, which Bulk does not
   * give. Absent: always REST pages.
   */
  bulkAbove?: number;
  /** Stop cleanly (state saved) once the org's reported API usage reaches this percentage of its allowance. */
  maxApiUsagePercent?: number;
  /** Rows per Bulk API results page (maxRecords). */
  bulkPageSize?: number;
  /** Pause between Bulk job status polls. */
  bulkPollMs?: { first: number; max: number };
  signal?: AbortSignal;
  onEvent?: (event: RetrieveEvent) => void;
}

/**
 * The records of a live run: the window from the saved state, the job's query composed for it, and
 * the pages read from the org. Pass the result as runJob's `source`.
 */
export function liveSource(options: LiveSourceOptions): (state: JobState) => Promise<RunSource> {
  return async (state) => {
    const { job } = options;
    const counts: RetrievalCounts = { retries: 0, restarts: 0, splits: 0 };
    const onEvent = (event: RetrieveEvent): void => {
      if (event.type === 'retry') counts.retries++;
      else if (event.type === 'restart') counts.restarts++;
      else if (event.type === 'split') counts.splits++;
      options.onEvent?.(event);
    };
    // The org's clock decides the window's end (see orgTime).
    const orgNow = options.localClock ? undefined : await orgTime(options.session, { timeoutMs: options.requestTimeoutMs ?? 120_000, ...(options.signal ? { signal: options.signal } : {}) });
    const clock = orgNow ?? options.now;
    const window = planWindow({
      ...(state.watermark ? { watermark: state.watermark } : {}),
      schedule: job.schedule,
      now: clock,
      full: options.full ?? false,
      ...(options.since ? { since: options.since } : {}),
    });
    const chosenWindow = options.since !== undefined || options.full === true;
    const dateFieldType = options.dateFieldType ?? 'datetime';
    const shared = {
      session: options.session,
      includeDeleted: job.includeDeleted,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.maxApiUsagePercent !== undefined ? { maxApiUsagePercent: options.maxApiUsagePercent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent,
    };
    // A watermark at or past the window's end (a clock set back, a run started with a later clock) leaves
    // nothing to read yet; Salesforce would only refuse the empty window.
    const empty = window.since !== undefined && window.since.getTime() >= window.until.getTime();
    const boundary = !chosenWindow && job.feedbackType !== 'sms' && state.watermark !== undefined && window.since?.getTime() === Date.parse(state.watermark) ? window.since.toISOString() : undefined;
    const bulkRows = empty ? undefined : await rowsIfBulkMayBeUsed(options, window, dateFieldType);
    const useBulk = bulkRows !== undefined && options.bulkAbove !== undefined && bulkRows > options.bulkAbove;
    const bulk = useBulk
      ? retrieveBulk({
          ...shared,
          query: bulkWindowQuery(job, window, dateFieldType),
          objectName: queriedObject(job.query),
          ...(options.bulkPageSize ? { pageSize: options.bulkPageSize } : {}),
          ...(options.bulkPollMs ? { pollMs: options.bulkPollMs } : {}),
        })
      : undefined;
    const retrieval = bulk
      ? bulk
      : retrieveRecords({
          ...shared,
          queryFor: (bounds) => windowQuery(job, bounds, dateFieldType, options.limit),
          window,
          order: job.feedbackType === 'sms' ? 'conversation' : 'date',
          dateField: job.dateField,
          ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        });
    const countCalls = bulkRows === undefined ? 0 : 1;
    return {
      pages: empty ? noPages() : retrieval.pages,
      window: { ...(window.since ? { since: window.since.toISOString() } : {}), until: window.until.toISOString(), clock: orgNow ? 'org' : 'local' },
      ...(orgNow ? { orgTime: orgNow } : {}),
      ...(chosenWindow ? { chosenWindow } : {}),
      ...(boundary ? { boundary } : {}),
      apiCalls: () => retrieval.apiCalls() + countCalls,
      apiUsage: retrieval.apiUsage,
      retrieval: () => {
        if (bulkRows === undefined || options.bulkAbove === undefined) return { ...counts };
        const jobId = bulk?.jobId();
        return { ...counts, bulk: { rows: Number.isFinite(bulkRows) ? bulkRows : null, threshold: options.bulkAbove, used: useBulk, ...(jobId ? { jobId } : {}) } };
      },
      stoppedEarly: retrieval.stoppedEarly,
      ...(useBulk ? { unordered: true } : {}),
    };
  };
}

async function* noPages(): AsyncGenerator<SfRecord[]> {}

/** The rows in the window, counted only when Bulk API 2.0 could be chosen for it. */
async function rowsIfBulkMayBeUsed(options: LiveSourceOptions, window: WindowBounds, dateFieldType: 'date' | 'datetime'): Promise<number | undefined> {
  const { job } = options;
  if (options.bulkAbove === undefined || options.limit !== undefined || job.feedbackType === 'sms' || job.recordLimit !== 'All') return undefined;
  return countRows(options.session, windowCountQuery(job, window, dateFieldType), {
    includeDeleted: job.includeDeleted,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
