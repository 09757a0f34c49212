import type { FeedbackType } from '../core/job/schema';
import type { CostSummary } from '../core/run/cost';
import type { RunCounters, RunEvent, SkipReason } from '../core/run/types';

/** The run report (.sfjob/runs/<job>/<runId>.json): everything the contract lists, for people and tools. */

export interface RunWindow {
  /** The lower bound queried (inclusive), ISO; absent for a run from the beginning. */
  since?: string;
  /** The upper bound queried (exclusive), ISO. */
  until?: string;
  /** Whose clock the upper bound came from: the org's (its answers' Date header), or this machine's when the org gave none. */
  clock?: 'org' | 'local';
}

export interface StateSummary {
  watermark?: string;
  seenIds: number;
}

export interface RetrievalCounts {
  retries: number;
  /** Windows queried again after a lost session or query locator. */
  restarts: number;
  /** Windows split in half after QUERY_TIMEOUT. */
  splits: number;
  /** Present when the run could use Bulk API 2.0: the rows counted in the window, and whether it did. */
  bulk?: { rows: number | null; threshold: number; used: boolean; jobId?: string };
}

export type RunStatus = 'succeeded' | 'failed' | 'stopped';

export interface RunReport {
  runId: string;
  job: string;
  jobFile: string;
  jobName: string;
  project: string;
  feedbackType: FeedbackType;
  status: RunStatus;
  error?: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** `files`: every file of a run written in parts (csv over 100,000 rows), `path` being the first. */
  output?: { path: string; format: 'jsonl' | 'csv'; documents: number; bytes: number; files?: string[] };
  retrieved: number;
  pages: number;
  conversations: number;
  /** Documents published (in the output file that was put in place); 0 for a run that failed or was stopped. */
  written: number;
  /** Documents the run had prepared when it ended: more than `written` only when it failed or was stopped before publishing. */
  prepared: number;
  /** Present when the run read records and published no document: the reasons, counted (see notPublishedReasons). */
  zeroOutcome?: { reasons: Record<string, number> };
  filteredOut: number;
  /** replaced: sent again (changed, or repeated in the run); unchanged: identical to the delivered one, not sent (replace). */
  duplicates: { replaced: number; skipped: number; unchanged: number };
  /** Records at the watermark instant that an earlier run (stopped part-way) had delivered, left out. */
  boundaryRepeats: number;
  overLimit: number;
  stoppedAtLimit: boolean;
  skipped: Partial<Record<SkipReason, number>>;
  /** The first skips in detail, to find the records. */
  skipDetails: { reason: SkipReason; naturalId?: string; message: string }[];
  rowsLeftOut: RunCounters['rowsLeftOut'];
  systemLines: number;
  substitutions: number;
  redactions: { total: number; byRule: number[] };
  warnings: { count: number; messages: string[] };
  /** The XM Discover feedback records the published documents consume (see core/run/cost.ts). */
  feedbackRecords?: CostSummary;
  /** Why the source stopped before the end of the window (the API allowance ran out). */
  stoppedEarly?: string;
  apiCalls?: number;
  /** The org's API usage after the run, as Salesforce reported it. */
  apiUsage?: { used: number; max: number };
  retrieval?: RetrievalCounts;
  window?: RunWindow;
  state: { before: StateSummary; after: StateSummary };
}

/** Details kept per kind, so a run with a million bad records still has a small report. */
export const MAX_DETAILS = 100;

/** Collects the events a report shows in detail. */
export class EventLog {
  readonly skips: RunReport['skipDetails'] = [];
  readonly warnings: string[] = [];

  add(event: RunEvent): void {
    if (event.type === 'skip' && this.skips.length < MAX_DETAILS) {
      this.skips.push(event.naturalId === undefined ? { reason: event.reason, message: event.message } : { reason: event.reason, naturalId: event.naturalId, message: event.message });
    } else if (event.type === 'warning' && this.warnings.length < MAX_DETAILS) {
      this.warnings.push(event.naturalId === undefined ? event.message : `${event.naturalId}: ${event.message}`);
    }
  }
}

export function countersPart(counters: RunCounters, log: EventLog): Omit<RunReport, 'runId' | 'job' | 'jobFile' | 'jobName' | 'project' | 'feedbackType' | 'status' | 'startedAt' | 'finishedAt' | 'durationMs' | 'state'> {
  return {
    retrieved: counters.retrieved,
    pages: counters.pages,
    conversations: counters.conversations,
    written: counters.written,
    prepared: counters.written,
    filteredOut: counters.filteredOut,
    duplicates: { replaced: counters.duplicatesReplaced, skipped: counters.duplicatesSkipped, unchanged: counters.duplicatesUnchanged },
    boundaryRepeats: counters.boundaryRepeats,
    overLimit: counters.overLimit,
    stoppedAtLimit: counters.stoppedAtLimit,
    skipped: { ...counters.skipped },
    skipDetails: log.skips,
    rowsLeftOut: { ...counters.rowsLeftOut },
    systemLines: counters.systemLines,
    substitutions: counters.substitutions,
    redactions: { total: counters.redactions, byRule: [...counters.redactionsByRule] },
    warnings: { count: counters.warnings, messages: log.warnings },
  };
}

/**
 * Why records read did not become published documents, as label → count (zero counts left out), in
 * the words the CLI summary and the editor use.
 */
export function notPublishedReasons(counters: RunCounters): Record<string, number> {
  const reasons: [string, number][] = [
    ['filtered out', counters.filteredOut],
    ['duplicates skipped', counters.duplicatesSkipped],
    ['unchanged since delivered', counters.duplicatesUnchanged],
    ['already delivered at the watermark', counters.boundaryRepeats],
    ['over the record limit', counters.overLimit],
    ...Object.entries(counters.skipped).map(([reason, count]): [string, number] => [`skipped (${reason})`, count ?? 0]),
  ];
  return Object.fromEntries(reasons.filter(([, count]) => count > 0));
}

/** "5 filtered out, 3 unchanged since delivered", or "no reason counted" when none applies. */
export function reasonsText(reasons: Record<string, number>): string {
  const parts = Object.entries(reasons).map(([label, count]) => `${count} ${label}`);
  return parts.length > 0 ? parts.join(', ') : 'no reason counted';
}
