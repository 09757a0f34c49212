import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { previewJobFile, type PreviewOutcome } from '../../app/preview';
import { planJob, previewNotices, previewSummary } from '../../runner';
import { connectionDeps } from '../connections/commands';
import { editorSecretStore } from '../connections/handlers';
import type { SfjobContext } from '../context';
import { plural } from '../../core/plural';
import { isJobFile } from '../job-files';
import { jobDocumentFor } from '../run/job-target';
import { previewHtml } from './html';

/** The preview shows this many documents: enough to judge the mapping, few enough to read. */
export const PREVIEW_DOCUMENTS = 50;

export const PREVIEW_VIEW_TYPE = 'sfjob.preview';

/** What "sfjob: Preview Job" returns to its caller (the in-editor tests read it). */
export interface PreviewJobResult {
  title: string;
  documents: number;
  html: string;
}

/**
 * The one preview panel of the window and the job it shows. A second Preview reveals it; while it is
 * open it follows the job in the active editor, and shows a job again when that job is saved.
 */
interface OpenPreview {
  panel: vscode.WebviewPanel;
  job: vscode.Uri;
  /** Stops following the editor when the panel closes. */
  following: vscode.Disposable;
}

let open: OpenPreview | undefined;

/** The job the preview panel shows now, if it is open (the in-editor tests read it). */
export function previewedJob(): vscode.Uri | undefined {
  return open?.job;
}

function showPanel(ctx: SfjobContext, job: vscode.Uri, title: string): vscode.WebviewPanel {
  if (open) {
    open.job = job;
    open.panel.title = title;
    if (!open.panel.visible) open.panel.reveal(undefined, true);
    return open.panel;
  }
  // No scripts and no local files: the page is static HTML and reads nothing from disk.
  const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
  const refresh = (document: vscode.TextDocument) => {
    if (!open || !isJobFile(document.uri.path) || document.uri.scheme !== 'file') return;
    void previewJobCommand(ctx, document.uri, { following: true });
  };
  const following = vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && open && editor.document.uri.toString() !== open.job.toString()) refresh(editor.document);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (open && document.uri.toString() === open.job.toString()) refresh(document);
    }),
  );
  open = { panel, job, following };
  panel.onDidDispose(() => {
    following.dispose();
    open = undefined;
  });
  return panel;
}

/**
 * "sfjob: Preview Job": runs the job's pipeline on its sample records (the editor's unsaved text
 * included) and shows the first documents in a webview. Writes nothing.
 */
export async function previewJobCommand(ctx: SfjobContext, uri?: unknown, options: { following?: boolean } = {}): Promise<PreviewJobResult | undefined> {
  const document = await jobDocumentFor(uri, 'Preview Job');
  if (!document) return undefined;
  const shown = vscode.workspace.asRelativePath(document.uri);
  // While the panel follows the editor, a job that cannot be previewed says why in the panel rather
  // than in a notification at every switch; an explicit Preview says it in a notification too.
  const fail = (message: string): undefined => {
    ctx.output.error(`Preview Job: ${message}`);
    // The notification offers the remedy the message names (Fetch Sample for a missing sample).
    if (!options.following) ctx.prompts.notify('error', message);
    if (open) {
      const title = `Preview: ${path.basename(document.uri.fsPath)}`;
      const panel = showPanel(ctx, document.uri, title);
      panel.webview.html = previewHtml({ title, summary: '', problem: message, documents: [], masks: [], notices: [], nonce: randomBytes(16).toString('base64'), cspSource: panel.webview.cspSource });
    }
    return undefined;
  };
  const now = new Date();
  let outcome: PreviewOutcome;
  let masks: string[] = [];
  try {
    outcome = await previewJobFile(document.uri.fsPath, { secrets: editorSecretStore(connectionDeps(ctx)), now, text: document.getText(), files: ctx.data.files, maxDocuments: PREVIEW_DOCUMENTS });
    if (outcome.status === 'previewed') masks = planJob(outcome.job, outcome.loaded.jobPath).redactions.map((rule) => rule.mask);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (outcome.status === 'blocked') return fail(`${shown} has errors; fix them first (see the Problems panel).`);
  if (outcome.status === 'no-sample') return fail(`${shown}: ${outcome.message}`);
  const { loaded, job, result, source } = outcome;
  // The editor previews the sample only; a live preview is the CLI's --live.
  const records = source.kind === 'sample' ? source.records : result.counters.retrieved;
  const from = source.kind === 'sample' ? source.path : source.connection;
  const summary = previewSummary(result, `${plural(records, 'sample record')} from ${from}`);
  const notices = previewNotices(result.events);
  const title = `Preview: ${job.name}`;
  const panel = showPanel(ctx, document.uri, title);
  const html = previewHtml({ title, summary, documents: result.documents, costs: result.feedbackRecords.perDocument, masks, notices: notices.slice(0, 20), nonce: randomBytes(16).toString('base64'), cspSource: panel.webview.cspSource });
  panel.webview.html = html;
  ctx.output.info(`Preview Job: ${path.basename(loaded.jobPath)}: ${summary}`);
  return { title, documents: result.documents.length, html };
}
