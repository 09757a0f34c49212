import type { ResolvedJob } from '../core/job/resolve';
import type { RunEvent } from '../core/run/types';
import { connect } from '../salesforce/connect';
import { redactSecrets } from '../salesforce/secrets/redact';
import type { SecretStore } from '../salesforce/secrets/types';
import { retrievalNote } from './describe-run';
import { liveSource } from './live-source';
import { JobLockedError } from '../store';
import { runJob, type RunOutcome } from './run-job';

export interface LiveRunOptions {
  jobPath: string;
  job: ResolvedJob;
  workspaceRoot: string;
  /** Where the connection's secrets come from: the CLI's environment and file, or the editor's storage. */
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  now: Date;
  /** Ignore the watermark and pull from the beginning. */
  full?: boolean;
  /** Read again from this instant, keeping the state (`sfjob run --since`). */
  since?: Date;
  /** The dateField's type from cached describe data: a date field's window takes date literals. */
  dateFieldType?: 'date' | 'datetime';
  /** Read the window through Bulk API 2.0 above this many rows (see liveSource); overrides the job's bulkAbove. */
  bulkAbove?: number;
  /** Stop cleanly once the org reports this percentage of its daily API allowance used. */
  maxApiUsagePercent?: number;
  signal?: AbortSignal;
  /** Retries, restarts, splits and early stops while reading, as sentences with every secret masked. */
  onRetrieval?: (note: string) => void;
  onEvent?: (event: RunEvent) => void;
  /** Non-fatal news about the connection (an expiry coming up). */
  onWarning?: (message: string) => void;
}

/**
 * Signs in with the job's connection and runs the job against the org. Every message that leaves here
 * (the report's error, retrieval notes, a thrown error) has the session's secrets masked.
 * Throws JobLockedError when another run holds the job's lock.
 */
export async function runLiveJob(options: LiveRunOptions): Promise<RunOutcome> {
  const { job } = options;
  const session = await connect(job.connection, {
    workspaceRoot: options.workspaceRoot,
    secrets: options.secrets,
    env: options.env,
    ...(job.apiVersion ? { apiVersion: job.apiVersion } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  const hide = (text: string): string => redactSecrets(text, session.secretValues());
  const bulkAbove = options.bulkAbove ?? job.bulkAbove;
  try {
    return await runJob({
      jobPath: options.jobPath,
      job,
      source: liveSource({
        session,
        job,
        now: options.now,
        full: options.full ?? false,
        ...(options.since ? { since: options.since } : {}),
        ...(options.dateFieldType ? { dateFieldType: options.dateFieldType } : {}),
        ...(bulkAbove !== undefined ? { bulkAbove } : {}),
        ...(options.maxApiUsagePercent !== undefined ? { maxApiUsagePercent: options.maxApiUsagePercent } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onEvent: (event) => options.onRetrieval?.(hide(retrievalNote(event))),
      }),
      now: options.now,
      workspaceRoot: options.workspaceRoot,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      redact: hide,
    });
  } catch (error) {
    if (error instanceof JobLockedError) throw error;
    throw new Error(hide(error instanceof Error ? error.message : String(error)));
  }
}
