import * as vscode from 'vscode';
import type { UseCaseOptions } from '../../app/use-case';
import type { Diagnostic } from '../../core/diagnostics';
import { oneBased } from '../../core/location';
import type { ValidationResult } from '../../core/validate-api';
import { connectionDeps } from '../connections/commands';
import { editorSecretStore } from '../connections/handlers';
import type { SfjobContext } from '../context';
import { jobDocumentFor } from '../run/job-target';
import { COMMANDS } from '../command-ids';
import { openConnectionsFile, reportOrgFailure, showLogAction } from './org-failure';

/** A job an online command works on: the editor's document and its offline checks. */
export interface OnlineJob {
  document: vscode.TextDocument;
  jobPath: string;
  /** The job's path as the workspace shows it, for messages. */
  shown: string;
  /** The offline checks of the document's current text. */
  offline: ValidationResult;
  connection: string;
}

/**
 * Says why a job is not sent to the org: the problems that block the action (the code table's), in the
 * notification with the buttons that lead to their fix.
 */
export function showNotSent(ctx: SfjobContext, title: string, jobPath: string, shown: string, problems: readonly Diagnostic[]): void {
  const why = problems.length > 0 ? problems.map((d) => `${d.code} (line ${oneBased(d.range.start).line})`).join(', ') : 'the job needs a readable "connection" and "query"';
  const message = `${title}: ${shown} cannot be sent to the org until this is fixed: ${why}. See the Problems panel.`;
  ctx.output.error(message);
  // A connection the connections file does not name (or no connections file at all) is fixed in that file.
  const connectionsFix = problems.some((d) => d.code === 'unknown-connection') ? [{ title: 'Open Connections File', run: () => openConnectionsFile(ctx, jobPath) }] : [];
  ctx.prompts.notify('error', message, [...connectionsFix, { title: 'Show Problems', run: () => vscode.commands.executeCommand('workbench.actions.view.problems') }]);
}

/**
 * The job of a lens's uri or the active editor, with the Problems panel's checks. Undefined, with a
 * message, when there is none or when `blocking` problems leave nothing to send to the org: said before
 * the command asks anything (the use case refuses such a job too, by the same code table).
 */
export async function openOnlineJob(ctx: SfjobContext, uri: unknown, title: string, blocking: (d: Diagnostic) => boolean): Promise<OnlineJob | undefined> {
  const document = await jobDocumentFor(uri, title);
  if (!document) return undefined;
  const jobPath = document.uri.fsPath;
  const shown = vscode.workspace.asRelativePath(document.uri);
  const offline = await ctx.diagnostics.resultFor(document);
  const job = offline?.job;
  const problems = offline?.diagnostics.filter((d) => d.severity === 'error' && blocking(d)) ?? [];
  if (!offline || !job?.connection || !job.query || problems.length > 0) {
    showNotSent(ctx, title, jobPath, shown, problems);
    return undefined;
  }
  return { document, jobPath, shown, offline, connection: job.connection };
}

/** Logs a failure and shows it: the output channel keeps the whole story, the notification the gist. */
export function fail(ctx: SfjobContext, message: string): void {
  ctx.output.error(message);
  ctx.prompts.notify('error', message, [showLogAction(ctx)]);
}

/**
 * What the editor gives a use case: its secret storage (then the environment), the notification's
 * cancel button as the signal, steps on the notification and warnings in the log and a notification.
 */
export function editorUseCaseOptions(ctx: SfjobContext, step: (message: string) => void, signal: AbortSignal): UseCaseOptions {
  return {
    secrets: editorSecretStore(connectionDeps(ctx)),
    env: process.env,
    signal,
    progress: {
      step,
      warning: (message) => {
        ctx.output.warn(message);
        ctx.prompts.notify('warn', message);
      },
    },
  };
}

/** Runs `work` under a cancellable progress notification; cancelling aborts the signal it is given. */
export async function withCancellableProgress<T>(title: string, work: (step: (message: string) => void, signal: AbortSignal) => Promise<T>, onCancel?: () => void): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => {
      onCancel?.();
      controller.abort();
    });
    try {
      return await work((message) => progress.report({ message }), controller.signal);
    } finally {
      subscription.dispose();
    }
  });
}

/**
 * Runs a use case on the job under a cancellable progress notification, with the editor's secrets. A
 * failure (its text already free of secrets: the use case masked them) is logged and shown with the
 * buttons that fix it (the command runs again after the fix), and gives undefined.
 */
export async function withOrgUseCase<T>(ctx: SfjobContext, job: Pick<OnlineJob, 'document' | 'jobPath' | 'shown' | 'connection'>, title: string, progressTitle: string, work: (options: UseCaseOptions) => Promise<T>, describeError: (error: unknown) => string = (error) => (error instanceof Error ? error.message : String(error))): Promise<T | undefined> {
  try {
    return await withCancellableProgress(`sfjob: ${progressTitle}`, (step, signal) => work(editorUseCaseOptions(ctx, step, signal)));
  } catch (error) {
    const command = Object.values(COMMANDS).find((c) => c.title === title);
    reportOrgFailure(ctx, { title, message: `${job.shown}: ${describeError(error)}`, error, connection: job.connection, jobPath: job.jobPath, ...(command ? { retry: () => vscode.commands.executeCommand(command.id, job.document.uri) } : {}) });
    return undefined;
  }
}
