import * as fs from 'node:fs/promises';
import type { ResolvedJob } from '../core/job/resolve';
import { isDue, nextRuns } from '../core/schedule';
import { readStateSummary, reportPath, scheduleFirstSeen, type JobPaths } from '../store';

/**
 * Whether a job's schedule says a run is due, for `sfjob run --due` driven by cron or a CI schedule.
 *
 * The last run is the start of the last run that succeeded (the state's run id, whose report holds its
 * start): a failed or stopped run saved nothing, so the next invocation tries again. A job that never
 * ran is due once a scheduled time has passed since its schedule was first seen here, which is written
 * to `.sfjob/schedule/<job>.json` on that first look (the contract's "first run at or after the moment the
 * schedule is set up"); with `pullOnCreate` it is due at once.
 */

export interface DueDecision {
  due: boolean;
  /** Why, in words for the summary line. */
  reason: string;
  /** When the last successful run started, ISO. */
  lastRun?: string;
  /** The scheduled time the decision rests on: the one that passed (due) or the next one (not due). */
  scheduledAt?: string;
}

export async function decideDue(job: ResolvedJob, paths: JobPaths, now: Date): Promise<DueDecision> {
  const schedule = job.schedule;
  if (schedule.mode !== 'incremental') return { due: false, reason: 'its schedule mode is "once": it runs only when asked' };
  const lastRun = await lastSuccessfulRunStart(paths);
  if (lastRun) {
    const [next] = nextRuns(schedule, new Date(lastRun.getTime() + 1), 1);
    const last = { lastRun: lastRun.toISOString(), ...(next ? { scheduledAt: next.toISOString() } : {}) };
    if (!next) return { due: false, reason: 'its schedule produces no run times (sfjob next-runs says why)', ...last };
    return isDue(schedule, lastRun, now)
      ? { due: true, reason: `a run was scheduled at ${next.toISOString()}, after the last run at ${lastRun.toISOString()}`, ...last }
      : { due: false, reason: `the next run is at ${next.toISOString()}`, ...last };
  }
  if (schedule.pullOnCreate) return { due: true, reason: 'it has never run and its schedule pulls on creation' };
  const firstSeen = await scheduleFirstSeen(paths, now);
  const [first] = nextRuns(schedule, firstSeen, 1);
  if (!first) return { due: false, reason: 'its schedule produces no run times (sfjob next-runs says why)' };
  return isDue(schedule, undefined, now, { createdAt: firstSeen })
    ? { due: true, reason: `its first run was scheduled at ${first.toISOString()}`, scheduledAt: first.toISOString() }
    : { due: false, reason: `it has not run yet; its first run is at ${first.toISOString()}`, scheduledAt: first.toISOString() };
}

/** The start of the run that saved the state, from its report, else from its sortable run id. */
async function lastSuccessfulRunStart(paths: JobPaths): Promise<Date | undefined> {
  const { lastRunId } = await readStateSummary(paths.state);
  if (lastRunId === undefined) return undefined;
  try {
    const report = JSON.parse(await fs.readFile(reportPath(paths, lastRunId), 'utf8')) as { startedAt?: unknown };
    const started = typeof report.startedAt === 'string' ? new Date(report.startedAt) : undefined;
    if (started && !Number.isNaN(started.getTime())) return started;
  } catch {
    // A report removed by hand: the run id carries the start too.
  }
  return startOfRunId(lastRunId);
}

/** `20261125T080000123Z-9f2c1a` → 2026-11-25T08:00:00.123Z. */
export function startOfRunId(runId: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(runId);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, ms] = match;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${ms}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
