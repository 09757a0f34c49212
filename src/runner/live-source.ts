import type { ResolvedJob } from '../core/job/resolve';
import { planWindow, windowQuery } from '../core/run/window';
import type { RetryPolicy } from '../salesforce/retrieve/backoff';
import { retrieveRecords, type QuerySession, type RetrieveEvent } from '../salesforce/retrieve/pages';
import type { RetrievalCounts } from './report';
import type { RunSource } from './run-job';
import type { JobState } from './state';

export interface LiveSourceOptions {
  session: QuerySession;
  job: ResolvedJob;
  /** The run's start: the window ends a little before it. */
  now: Date;
  /** Ignore the watermark and pull from the beginning (or the schedule's startDate). */
  full?: boolean;
  /** The dateField's type, from describe data when known; datetime otherwise. */
  dateFieldType?: 'date' | 'datetime';
  batchSize?: number;
  /** Reads at most this many records (rows, for sms): for previews of live data. */
  limit?: number;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  onEvent?: (event: RetrieveEvent) => void;
}

/**
 * The records of a live run: the window from the saved state, the job's query composed for it, and
 * the pages read from the org. Pass the result as runJob's `source`.
 */
export function liveSource(options: LiveSourceOptions): (state: JobState) => RunSource {
  return (state) => {
    const { job } = options;
    const counts: RetrievalCounts = { retries: 0, restarts: 0, splits: 0 };
    const onEvent = (event: RetrieveEvent): void => {
      if (event.type === 'retry') counts.retries++;
      else if (event.type === 'restart') counts.restarts++;
      else if (event.type === 'split') counts.splits++;
      options.onEvent?.(event);
    };
    const window = planWindow({ ...(state.watermark ? { watermark: state.watermark } : {}), schedule: job.schedule, now: options.now, full: options.full ?? false });
    const retrieval = retrieveRecords({
      session: options.session,
      queryFor: (bounds) => windowQuery(job, bounds, options.dateFieldType ?? 'datetime', options.limit),
      window,
      order: job.feedbackType === 'sms' ? 'conversation' : 'date',
      dateField: job.dateField,
      includeDeleted: job.includeDeleted,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent,
    });
    return {
      pages: retrieval.pages,
      window: { ...(window.since ? { since: window.since.toISOString() } : {}), until: window.until.toISOString() },
      apiCalls: retrieval.apiCalls,
      apiUsage: retrieval.apiUsage,
      retrieval: () => ({ ...counts }),
      stoppedEarly: retrieval.stoppedEarly,
    };
  };
}
