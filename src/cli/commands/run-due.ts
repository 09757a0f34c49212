import { runDueJobs, type DueJobEvent } from '../../app/run-due';
import type { RunFlags } from '../../app/run';
import { plural } from '../../core/plural';
import type { CliIo } from '../command';
import { displayPath, findInputFiles, JOB_SUFFIX } from '../files';
import { onJobFile } from '../online';
import { printBlocked, runOptions, stoppedByCtrlC, summary, type OutputFormat } from '../run-output';

/**
 * `sfjob run --due`: the due jobs under the given paths run one after the other (src/app/run-due.ts);
 * this prints each one's fate as it comes, then the total or the JSON summary. A due job still running
 * from an earlier invocation is left to finish, and is not a failure: a slow run overlapping the next
 * cron tick is normal.
 */
export async function runDue(inputs: string[], format: OutputFormat, flags: RunFlags, io: CliIo): Promise<number> {
  const now = new Date();
  const files = findInputFiles(inputs, io.cwd)
    .filter((file) => file.endsWith(JOB_SUFFIX))
    .sort();
  const shown = (file: string): string => displayPath(file, io.cwd);
  const print = (event: DueJobEvent): void => {
    const job = shown(event.jobPath);
    if (event.kind === 'blocked') printBlocked(io, job, event.diagnostics);
    else if (event.kind === 'locked') io.stderr(`sfjob run: ${job}: ${event.message}\n`);
    else if (event.kind === 'not-run') io.stderr(`sfjob run: ${job}: ${event.message}\n`);
    else if (format === 'json') return;
    else if (event.kind === 'not-due') io.stdout(`${job}: not due (${event.decision.reason})\n`);
    else if (event.kind === 'starting') io.stdout(`${job}: due (${event.decision.reason}); running\n`);
    else io.stdout(summary(event.run.report, event.run.reportPath, io));
  };
  const result = await stoppedByCtrlC((signal) =>
    onJobFile(shown, () => runDueJobs(files, { ...runOptions(io, format, flags, now, signal), onJob: (event) => {
      if (event.kind === 'ran' && io.isTTY && format === 'text') io.stderr('\r\u001b[K');
      print(event);
    } })),
  );
  if (format === 'json') {
    const relative = <T extends { jobPath: string }>({ jobPath, ...rest }: T) => ({ path: shown(jobPath), ...rest });
    io.stdout(`${JSON.stringify({ checkedAt: result.checkedAt.toISOString(), runs: result.runs, notDue: result.notDue.map(relative), notRun: result.notRun.map(relative) }, null, 2)}\n`);
  } else {
    io.stdout(`${result.runs.length} of ${plural(files.length, 'job')} due and run${result.notRun.length > 0 ? `, ${result.notRun.length} not run` : ''}.\n`);
  }
  return result.failed ? 1 : 0;
}
