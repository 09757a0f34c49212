import type { ResolvedJob } from '../job/resolve';
import { composeInClauseOrder } from '../soql/compose';
import { parseQuery } from '../soql/library';
import { composeWindowQuery, countQuery } from '../soql/window';

/**
 * The window a run queries: `dateField >= since AND dateField < until`.
 *
 * `until` is the run's start minus a small skew, because a record's timestamp is set before its
 * transaction commits: a record stamped a few seconds before the run may not be visible yet, and the
 * next window must still include it. `since` is the saved watermark minus the job's lookback; a first
 * run starts at the schedule's startDate, or pulls everything.
 */

export interface WindowBounds {
  since?: Date;
  until: Date;
}

export const DEFAULT_SKEW_MS = 2 * 60 * 1000;

/** A saved watermark later than the org's own time: a window from it would skip whatever the org stores until then. */
export class WatermarkAheadError extends Error {
  constructor(
    readonly watermark: string,
    readonly orgTime: Date,
  ) {
    super(`the saved watermark ${watermark} is ahead of the org's time ${orgTime.toISOString()} (a state written with a clock running fast, or edited by hand), so a window from it would skip records`);
    this.name = 'WatermarkAheadError';
  }
}

/**
 * `now` is the org's time (the Date header of its answer) where it is known: Salesforce stamps records
 * with its own clock, so a local clock running fast or slow must not move the window's end. `since`
 * (a window chosen with `sfjob run --since`) replaces the watermark and the lookback.
 */
export function planWindow(options: { watermark?: string; schedule: ResolvedJob['schedule']; now: Date; full?: boolean; since?: Date; skewMs?: number }): WindowBounds {
  const until = new Date(options.now.getTime() - (options.skewMs ?? DEFAULT_SKEW_MS));
  const schedule = options.schedule;
  if (options.since) return { since: options.since < until ? options.since : until, until };
  const startDate = schedule.mode === 'incremental' && schedule.startDate ? new Date(schedule.startDate) : undefined;
  if (options.full || options.watermark === undefined) return startDate && startDate < until ? { since: startDate, until } : { until };
  if (Date.parse(options.watermark) > options.now.getTime()) throw new WatermarkAheadError(options.watermark, options.now);
  const lookbackMs = schedule.mode === 'incremental' && schedule.lookback ? durationMs(schedule.lookback) : 0;
  const since = new Date(Date.parse(options.watermark) - lookbackMs);
  return { since: since < until ? since : until, until };
}

/** "90m", "2h", "1d" → milliseconds. */
export function durationMs(text: string): number {
  const match = /^(\d+)([mhd])$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration such as "2h" or "1d"`);
  const unit = match[2] === 'm' ? 60_000 : match[2] === 'h' ? 3_600_000 : 86_400_000;
  return Number(match[1]) * unit;
}

/**
 * The SOQL for one window of a job. Feedback and chat are ordered by the date field, then Id, so a run
 * can resume after the last record it saw. An sms job is ordered by the conversation id, then the entry
 * time, then Id, so each conversation's rows arrive together (see sms.ts).
 */
export function windowQuery(
  job: Pick<ResolvedJob, 'query' | 'dateField' | 'feedbackType' | 'mapping'>,
  window: WindowBounds,
  dateFieldType: 'date' | 'datetime' = 'datetime',
  limit?: number,
): string {
  const composed = composeWindowQuery(job.query, {
    dateField: job.dateField,
    ...(window.since ? { since: window.since } : {}),
    until: window.until,
    dateFieldType,
    ...(limit !== undefined ? { limit } : {}),
  });
  if (job.feedbackType !== 'sms') return composed;
  const parsed = parseQuery(composed);
  const { conversationIdField, entryTimeField } = job.mapping.conversation;
  const order = [conversationIdField, entryTimeField, 'Id'].filter((field, index, all) => all.findIndex((other) => other.toLowerCase() === field.toLowerCase()) === index);
  parsed.orderBy = order.map((field) => ({ field }));
  return composeInClauseOrder(parsed);
}

/**
 * The window's SOQL for Bulk API 2.0: the same rows as windowQuery, without ORDER BY (Salesforce advises
 * against it in bulk queries: it turns off the chunking that makes Bulk worth using).
 */
export function bulkWindowQuery(job: Pick<ResolvedJob, 'query' | 'dateField' | 'feedbackType' | 'mapping'>, window: WindowBounds, dateFieldType: 'date' | 'datetime' = 'datetime'): string {
  const parsed = parseQuery(windowQuery(job, window, dateFieldType));
  delete parsed.orderBy;
  return composeInClauseOrder(parsed);
}

/** `SELECT COUNT() …` over the window: how many rows a run of it would read. */
export function windowCountQuery(job: Pick<ResolvedJob, 'query' | 'dateField'>, window: WindowBounds, dateFieldType: 'date' | 'datetime' = 'datetime'): string {
  return countQuery(job.query, { dateField: job.dateField, ...(window.since ? { since: window.since } : {}), until: window.until, dateFieldType });
}

/** The object a job's query reads (`FROM Case`). */
export function queriedObject(query: string): string {
  return parseQuery(query).sObject ?? '';
}
