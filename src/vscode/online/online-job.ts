import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/diagnostics';
import { oneBased } from '../../core/location';
import type { ValidationResult } from '../../core/validate-api';
import type { JobWorkspace } from '../../core/workspace';
import { connect, redactSecrets, type AuthorizedConnection } from '../../salesforce';
import { connectionDeps } from '../connections/commands';
import { editorSecretStore } from '../connections/handlers';
import type { SfjobContext } from '../context';
import { jobDocumentFor } from '../run/job-target';
import { COMMANDS } from '../command-ids';
import { openConnectionsFile, reportOrgFailure, showLogAction } from './org-failure';

/** A job an online command works on: the editor's text and checks, and where its org's files live. */
export interface OnlineJob {
  document: vscode.TextDocument;
  jobPath: string;
  /** The job's path as the workspace shows it, for messages. */
  shown: string;
  /** The offline checks of the document's current text. */
  offline: ValidationResult;
  connection: string;
  apiVersion?: string;
  /** Everything around the job, by the same rules as the CLI (src/core/workspace). */
  workspace: JobWorkspace;
  /** The workspace root: the folder of sfjob.connections.json, else the job's folder. */
  workspaceRoot: string;
  /** The workspace's describe cache folder. */
  cacheDir: string;
}

/**
 * The job of a lens's uri or the active editor, with its offline checks. Undefined, with a message,
 * when there is none or when `blocking` problems leave nothing to send to the org.
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
    const why = problems.length > 0 ? problems.map((d) => `${d.code} (line ${oneBased(d.range.start).line})`).join(', ') : 'the job needs a readable "connection" and "query"';
    const message = `${title}: ${shown} cannot be sent to the org until this is fixed: ${why}. See the Problems panel.`;
    ctx.output.error(message);
    // A connection the connections file does not name (or no connections file at all) is fixed in that file.
    const connectionsFix = problems.some((d) => d.code === 'unknown-connection') ? [{ title: 'Open Connections File', run: () => openConnectionsFile(ctx, jobPath) }] : [];
    ctx.prompts.notify('error', message, [...connectionsFix, { title: 'Show Problems', run: () => vscode.commands.executeCommand('workbench.actions.view.problems') }]);
    return undefined;
  }
  const workspace = ctx.data.workspaceFor(jobPath, document.getText());
  return { document, jobPath, shown, offline, connection: job.connection, ...(job.apiVersion ? { apiVersion: job.apiVersion } : {}), workspace, workspaceRoot: workspace.root, cacheDir: workspace.describeCacheDir };
}

/** Logs a failure and shows it: the output channel keeps the whole story, the notification the gist. */
export function fail(ctx: SfjobContext, message: string): void {
  ctx.output.error(message);
  ctx.prompts.notify('error', message, [showLogAction(ctx)]);
}

/**
 * Signs in to the job's connection (with the editor's secret storage, then the environment) and does
 * `work` under a cancellable progress notification. A failure is logged and shown with every secret
 * of the session masked and the buttons that fix it (the command runs again after the fix), and gives
 * undefined.
 */
export async function withOrgSession<T>(ctx: SfjobContext, job: OnlineJob, title: string, progressTitle: string, work: (session: AuthorizedConnection, signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  let secrets: string[] = [];
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `sfjob: ${progressTitle}`, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        progress.report({ message: `signing in to "${job.connection}"…` });
        const session = await connect(job.connection, {
          workspaceRoot: job.workspaceRoot,
          secrets: editorSecretStore(connectionDeps(ctx)),
          env: process.env,
          ...(job.apiVersion ? { apiVersion: job.apiVersion } : {}),
          onWarning: (message) => {
            ctx.output.warn(message);
            ctx.prompts.notify('warn', message);
          },
        });
        secrets = session.secretValues();
        progress.report({ message: `asking the org of "${job.connection}"…` });
        return await work(session, controller.signal);
      } finally {
        subscription.dispose();
      }
    });
  } catch (error) {
    const message = redactSecrets(`${job.shown}: ${error instanceof Error ? error.message : String(error)}`, secrets);
    const command = Object.values(COMMANDS).find((c) => c.title === title);
    reportOrgFailure(ctx, { title, message, error, connection: job.connection, jobPath: job.jobPath, ...(command ? { retry: () => vscode.commands.executeCommand(command.id, job.document.uri) } : {}) });
    return undefined;
  }
}
