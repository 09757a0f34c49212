import { blockingDiagnostics, type Diagnostic } from '../core/diagnostics';
import type { RunEvent } from '../core/run/types';
import { liveSource, retrievalNote, runJob, type RunOutcome } from '../runner';
import { openJobForRun, type LoadedJob, type LoadJobOptions } from './load-job';
import { hidingSecrets, openOrgSession, type UseCaseOptions } from './use-case';

/** How a run reads and judges its window: the flags of "sfjob run" and the editor's defaults. */
export interface RunFlags {
  /** Ignore the saved watermark and pull from the beginning (or the schedule's startDate). */
  full?: boolean;
  /** Read again from this instant, keeping the state. */
  since?: Date;
  /** A run that reads records and publishes no document counts as failed. */
  failOnZero?: boolean;
  /** Read the window through Bulk API 2.0 above this many rows; overrides the job's bulkAbove. */
  bulkAbove?: number;
  /** Stop cleanly once the org reports this percentage of its daily API allowance used. */
  maxApiUsagePercent?: number;
}

export interface RunJobOptions extends UseCaseOptions, LoadJobOptions, RunFlags {
  /** Every event of the run as it happens (progress counts, skips, warnings), for a progress line. */
  onEvent?: (event: RunEvent) => void;
  /** Retries, restarts, splits and early stops while reading, as sentences with every secret masked. */
  onRetrieval?: (note: string) => void;
}

export type RunJobOutcome =
  /** The job has problems that stop a run (the code table says which); nothing was sent or written. */
  | { status: 'blocked'; loaded: LoadedJob; diagnostics: Diagnostic[] }
  /**
   * The run happened, well or not: its report is written and already redacted. `failed` is true when
   * the run failed or was stopped, or when failOnZero was asked and it published nothing it read.
   */
  | { status: 'ran'; loaded: LoadedJob; run: RunOutcome; failed: boolean };

/**
 * Runs a job once against its connection's org ("sfjob run", "Run Job"): reads the job through its
 * workspace, refuses a job whose problems block a run, signs in, runs and returns the outcome with
 * every secret of the session masked. Throws JobFileError for a job file that cannot be read and
 * JobLockedError when another run holds the job's lock; anything else thrown is already redacted.
 */
export async function runJobFile(jobPath: string, options: RunJobOptions): Promise<RunJobOutcome> {
  const now = options.now ?? new Date();
  const loaded = openJobForRun(jobPath, now, options);
  return runLoadedJob(loaded, { ...options, now });
}

/** Runs a job already loaded (run-due loads every job first to judge whether it is due). */
export async function runLoadedJob(loaded: LoadedJob, options: Omit<RunJobOptions, 'text' | 'files'>): Promise<RunJobOutcome> {
  const now = options.now ?? new Date();
  const blocking = blockingDiagnostics(loaded.diagnostics, 'run');
  if (!loaded.job || blocking.length > 0) return { status: 'blocked', loaded, diagnostics: loaded.diagnostics };
  const job = loaded.job;
  const session = await openOrgSession(loaded.workspaceRoot, job.connection, options, job.apiVersion);
  return hidingSecrets(session, async (hide) => {
    const bulkAbove = options.bulkAbove ?? job.bulkAbove;
    const run = await runJob({
      jobPath: loaded.jobPath,
      job,
      source: liveSource({
        session,
        job,
        now,
        full: options.full ?? false,
        ...(options.since ? { since: options.since } : {}),
        dateFieldType: loaded.dateFieldType,
        ...(bulkAbove !== undefined ? { bulkAbove } : {}),
        ...(options.maxApiUsagePercent !== undefined ? { maxApiUsagePercent: options.maxApiUsagePercent } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onEvent: (event) => options.onRetrieval?.(hide(retrievalNote(event))),
      }),
      now,
      workspaceRoot: loaded.workspaceRoot,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      redact: hide,
    });
    const zeroFails = options.failOnZero === true && run.report.zeroOutcome !== undefined;
    return { status: 'ran', loaded, run, failed: run.status !== 'succeeded' || zeroFails };
  });
}
