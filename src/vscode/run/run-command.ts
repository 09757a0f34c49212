import * as vscode from 'vscode';
import type { RunEvent } from '../../core/run/types';
import { openJobForRun, type LoadedJob } from '../../app/load-job';
import { runLoadedJob } from '../../app/run';
import { blocksAction } from '../../core/diagnostics';
import { JobLockedError, runSummaryLines, stageCountLines, type RunReport, type RunStatus } from '../../runner';
import { editorUseCaseOptions, fail, showNotSent, withCancellableProgress } from '../online/online-job';
import type { SfjobContext } from '../context';
import { jobDocumentFor } from './job-target';
import { runNotification } from './notification';
import { COMMANDS } from '../command-ids';
import type { NoticeAction } from '../prompts';
import { fixActions, reportOrgFailure, showLogAction, type OrgFailure } from '../online/org-failure';
import { OPEN_OUTPUT, OPEN_REPORT, openRunFile } from './run-files';
import { plural } from '../../core/plural';

/** What "sfjob: Run Job" returns to its caller (the in-editor tests read it); undefined when no run started. */
export interface RunJobResult {
  status: RunStatus;
  runId: string;
  reportPath: string;
  outputPath?: string;
  report: RunReport;
}

/** Progress updates at most this often: a fast run would otherwise flood the notification. */
const PROGRESS_INTERVAL_MS = 250;

function progressMessage(event: Extract<RunEvent, { type: 'progress' }>, startedAt: number): string {
  const seconds = (performance.now() - startedAt) / 1000;
  const rate = seconds > 0 ? Math.round(event.retrieved / seconds) : 0;
  return `${plural(event.retrieved, 'record')}, ${plural(event.documents, 'document')} (${rate} records/s)`;
}

/**
 * "sfjob: Run Job": runs the job once against its connection's org, exactly as `sfjob run` does, under a
 * cancellable progress notification; logs every stage's counts, skips, the window and the report path
 * to the output channel, and ends with a notification of its counts and buttons to open what it wrote.
 */
export async function runJobCommand(ctx: SfjobContext, uri?: unknown): Promise<RunJobResult | undefined> {
  const document = await jobDocumentFor(uri, 'Run Job');
  if (!document) return undefined;
  // A run reads the job file and its rule files from disk, like the CLI; unsaved edits are saved first
  // so the run does what the editor shows.
  if (document.isDirty && !(await document.save())) {
    ctx.prompts.notify('error', `Run Job: ${vscode.workspace.asRelativePath(document.uri)} could not be saved, so it was not run.`);
    return undefined;
  }
  const now = new Date();
  const shown = vscode.workspace.asRelativePath(document.uri);
  let loaded: LoadedJob;
  try {
    loaded = openJobForRun(document.uri.fsPath, now);
  } catch (error) {
    fail(ctx, `Run Job: ${shown}: ${(error as Error).message}.`);
    return undefined;
  }
  if (!loaded.job) {
    const message = `Run Job: ${shown} has errors; fix them first (see the Problems panel).`;
    ctx.output.error(message);
    ctx.prompts.notify('error', message, [{ title: 'Show Problems', run: () => vscode.commands.executeCommand('workbench.actions.view.problems') }]);
    return undefined;
  }
  const job = loaded.job;
  const output = ctx.output;
  output.info(`Run Job: ${shown} ("${job.name}") on connection "${job.connection}"`);
  try {
    const ran = await withCancellableProgress(
      `sfjob: running "${job.name}"`,
      async (step, signal) => {
        const startedAt = performance.now();
        let lastUpdate = 0;
        return runLoadedJob(loaded, {
          ...editorUseCaseOptions(ctx, step, signal),
          now,
          onRetrieval: (note) => output.warn(`retrieve: ${note}`),
          onEvent: (event) => {
            if (event.type === 'warning') output.warn(`warning${event.naturalId ? ` ${event.naturalId}` : ''}: ${event.message}`);
            if (event.type !== 'progress') return;
            const at = performance.now();
            if (at - lastUpdate < PROGRESS_INTERVAL_MS) return;
            lastUpdate = at;
            step(progressMessage(event, startedAt));
          },
        });
      },
      () => output.warn('Run Job: stopping at the request of the user; the last good output and state are kept.'),
    );
    if (ran.status === 'blocked') {
      showNotSent(ctx, 'Run Job', loaded.jobPath, shown, ran.diagnostics.filter((d) => blocksAction(d, 'run')));
      return undefined;
    }
    const outcome = ran.run;
    const reportShown = vscode.workspace.asRelativePath(outcome.reportPath);
    const [headline, ...details] = runSummaryLines(outcome.report, reportShown);
    (outcome.status === 'succeeded' ? output.info : output.error).call(output, headline);
    for (const line of [...stageCountLines(outcome.report), ...details]) output.info(line);
    const result: RunJobResult = { status: outcome.status, runId: outcome.runId, reportPath: outcome.reportPath, ...(outcome.output ? { outputPath: outcome.output.path } : {}), report: outcome.report };
    showOutcome(ctx, result, { title: 'Run Job', message: outcome.report.error ?? '', connection: job.connection, jobPath: loaded.jobPath, retry: () => vscode.commands.executeCommand(COMMANDS.runJob.id, document.uri) });
    return result;
  } catch (error) {
    const reason = error instanceof JobLockedError ? error.message : `did not run: ${(error as Error).message}`;
    reportOrgFailure(ctx, { title: 'Run Job', message: `${shown} ${reason}`, error, connection: job.connection, jobPath: loaded.jobPath, retry: () => vscode.commands.executeCommand(COMMANDS.runJob.id, document.uri) });
    return undefined;
  }
}

/**
 * Ends a run visibly: its counts, with buttons to the published file, the report and the log; a failed
 * run also gets the buttons that fix why it failed (a sign-in, the local org), after which it runs again.
 */
function showOutcome(ctx: SfjobContext, result: RunJobResult, failure: OrgFailure): void {
  const { kind, message } = runNotification(result.report);
  const open: NoticeAction[] = [
    ...(result.outputPath && result.report.written > 0 ? [{ title: OPEN_OUTPUT, run: () => openRunFile(result.outputPath) }] : []),
    { title: OPEN_REPORT, run: () => openRunFile(result.reportPath) },
    showLogAction(ctx),
  ];
  if (result.status === 'failed') {
    ctx.prompts.notify(kind, message, [...fixActions(ctx, failure), ...open.slice(-2)]);
    return;
  }
  ctx.prompts.notify(kind, message, open);
}
