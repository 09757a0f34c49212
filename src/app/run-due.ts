import type { Diagnostic } from '../core/diagnostics';
import { decideDue, JobLockedError, jobPaths, type DueDecision, type RunOutcome, type RunReport } from '../runner';
import { openJobForRun } from './load-job';
import { runLoadedJob, type RunJobOptions } from './run';

/** A job that was looked at and left alone: its schedule says no run is due yet. */
export interface NotDueJob {
  jobPath: string;
  reason: string;
  lastRun?: string;
  scheduledAt?: string;
}

/** A due job that did not run: it has errors, its org could not be reached, or an earlier run holds it. */
export interface NotRunJob {
  jobPath: string;
  reason: string;
}

/** What happens to each job, in order, as it happens: a face prints these while the others wait. */
export type DueJobEvent =
  | { kind: 'blocked'; jobPath: string; diagnostics: Diagnostic[] }
  | { kind: 'not-due'; jobPath: string; decision: DueDecision }
  | { kind: 'starting'; jobPath: string; decision: DueDecision }
  | { kind: 'ran'; jobPath: string; run: RunOutcome; failed: boolean }
  /** An earlier run of the job is still going; that is normal under cron and not a failure. */
  | { kind: 'locked'; jobPath: string; message: string }
  /** The run could not start (no credentials, a revoked token, the batch was stopped); the message is already redacted. */
  | { kind: 'not-run'; jobPath: string; message: string };

export interface RunDueOptions extends Omit<RunJobOptions, 'text' | 'files' | 'since'> {
  onJob?: (event: DueJobEvent) => void;
}

export interface DueRunSummary {
  /** The one moment every job was judged against. */
  checkedAt: Date;
  runs: RunReport[];
  notDue: NotDueJob[];
  notRun: NotRunJob[];
  /** A job had errors, could not reach its org, or its run failed (or published nothing, with failOnZero). */
  failed: boolean;
}

const STOPPED = 'the due runs were stopped before this job started';

/**
 * Runs every job whose schedule says a run is due since its last successful run ("sfjob run --due"),
 * one after the other: they may share an org's API allowance, and a terminal shows one progress line at
 * a time. The time is taken once, so every job is judged against the same moment. One job that cannot
 * reach its org does not keep the others from running; a stop (the signal) ends the batch. Throws
 * JobFileError for a job file that cannot be read.
 */
export async function runDueJobs(jobFiles: readonly string[], options: RunDueOptions): Promise<DueRunSummary> {
  const now = options.now ?? new Date();
  const summary: DueRunSummary = { checkedAt: now, runs: [], notDue: [], notRun: [], failed: false };
  const tell = (event: DueJobEvent): void => options.onJob?.(event);
  for (const jobPath of jobFiles) {
    const loaded = openJobForRun(jobPath, now);
    if (!loaded.job) {
      tell({ kind: 'blocked', jobPath: loaded.jobPath, diagnostics: loaded.diagnostics });
      summary.notRun.push({ jobPath: loaded.jobPath, reason: 'the job has errors' });
      summary.failed = true;
      continue;
    }
    const decision = await decideDue(loaded.job, jobPaths(loaded.workspaceRoot, loaded.jobPath), now);
    if (!decision.due) {
      tell({ kind: 'not-due', jobPath: loaded.jobPath, decision });
      summary.notDue.push({ jobPath: loaded.jobPath, reason: decision.reason, ...(decision.lastRun ? { lastRun: decision.lastRun } : {}), ...(decision.scheduledAt ? { scheduledAt: decision.scheduledAt } : {}) });
      continue;
    }
    if (options.signal?.aborted) {
      tell({ kind: 'not-run', jobPath: loaded.jobPath, message: STOPPED });
      summary.notRun.push({ jobPath: loaded.jobPath, reason: STOPPED });
      summary.failed = true;
      continue;
    }
    tell({ kind: 'starting', jobPath: loaded.jobPath, decision });
    try {
      const outcome = await runLoadedJob(loaded, { ...options, now });
      // Loaded without errors above, so a run is never blocked here; the code table may still say otherwise.
      if (outcome.status === 'blocked') {
        tell({ kind: 'blocked', jobPath: loaded.jobPath, diagnostics: outcome.diagnostics });
        summary.notRun.push({ jobPath: loaded.jobPath, reason: 'the job has errors' });
        summary.failed = true;
        continue;
      }
      tell({ kind: 'ran', jobPath: loaded.jobPath, run: outcome.run, failed: outcome.failed });
      summary.runs.push(outcome.run.report);
      if (outcome.failed) summary.failed = true;
    } catch (error) {
      if (error instanceof JobLockedError) {
        tell({ kind: 'locked', jobPath: loaded.jobPath, message: error.message });
        summary.notRun.push({ jobPath: loaded.jobPath, reason: 'an earlier run of the job is still going' });
        continue;
      }
      const message = error instanceof Error ? error.message : String(error);
      tell({ kind: 'not-run', jobPath: loaded.jobPath, message });
      summary.notRun.push({ jobPath: loaded.jobPath, reason: message });
      summary.failed = true;
    }
  }
  return summary;
}
