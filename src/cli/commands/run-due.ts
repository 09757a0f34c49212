import { decideDue, jobPaths, type RunReport } from '../../runner';
import type { CliIo } from '../command';
import { plural } from '../../core/plural';
import { displayPath, findInputFiles, JOB_SUFFIX } from '../files';
import { loadJob, runLoadedJob, summary, type RunFlags } from './run';

interface NotDue {
  path: string;
  reason: string;
  lastRun?: string;
  scheduledAt?: string;
}

interface NotRun {
  path: string;
  reason: string;
}

/**
 * `sfjob run --due`: every job under the given paths whose schedule says a run is due since its last
 * successful run is run, one after the other (they may share an org's API allowance, and a terminal
 * shows one progress line at a time). The time is taken once, so every job is judged against the same
 * moment. A due job still running from an earlier invocation is left to finish, and is not a failure:
 * a slow run overlapping the next cron tick is normal.
 */
export async function runDueJobs(inputs: string[], flags: RunFlags, io: CliIo): Promise<number> {
  const now = new Date();
  const files = findInputFiles(inputs, io.cwd)
    .filter((file) => file.endsWith(JOB_SUFFIX))
    .sort();
  const runs: RunReport[] = [];
  const notDue: NotDue[] = [];
  const notRun: NotRun[] = [];
  let code = 0;
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    const loaded = loadJob(file, shown, now);
    if (!loaded.job) {
      await runLoadedJob(loaded, shown, flags, io, now);
      notRun.push({ path: shown, reason: 'the job has errors' });
      code = 1;
      continue;
    }
    const decision = await decideDue(loaded.job, jobPaths(loaded.workspaceRoot, loaded.jobPath), now);
    if (!decision.due) {
      notDue.push({ path: shown, reason: decision.reason, ...(decision.lastRun ? { lastRun: decision.lastRun } : {}), ...(decision.scheduledAt ? { scheduledAt: decision.scheduledAt } : {}) });
      if (flags.format === 'text') io.stdout(`${shown}: not due (${decision.reason})\n`);
      continue;
    }
    if (flags.format === 'text') io.stdout(`${shown}: due (${decision.reason}); running\n`);
    let outcome;
    try {
      outcome = await runLoadedJob(loaded, shown, flags, io, now);
    } catch (error) {
      // One job that cannot reach its org (no credentials, a revoked token) must not keep the others from running.
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr(`sfjob run: ${shown}: ${reason}\n`);
      notRun.push({ path: shown, reason });
      code = 1;
      continue;
    }
    if (outcome.locked) {
      notRun.push({ path: shown, reason: 'an earlier run of the job is still going' });
      continue;
    }
    if (outcome.report) {
      runs.push(outcome.report);
      if (flags.format === 'text') io.stdout(summary(outcome.report, outcome.reportPath ?? '', io));
    }
    if (outcome.code !== 0) code = 1;
  }
  if (flags.format === 'json') io.stdout(`${JSON.stringify({ checkedAt: now.toISOString(), runs, notDue, notRun }, null, 2)}\n`);
  else io.stdout(`${runs.length} of ${plural(files.length, 'job')} due and run${notRun.length > 0 ? `, ${notRun.length} not run` : ''}.\n`);
  return code;
}
