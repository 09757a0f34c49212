import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadJobForRun, loadSampleRecords } from '../../app/load-job';
import { planJob, previewJob, previewNotices, previewSummary } from '../../runner';
import type { SfjobContext } from '../context';
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

/** One panel per job, shown again (with fresh content) when the job is previewed again. */
const panels = new Map<string, vscode.WebviewPanel>();

function panelFor(key: string, title: string): vscode.WebviewPanel {
  const existing = panels.get(key);
  if (existing) {
    existing.title = title;
    existing.reveal(vscode.ViewColumn.Beside, true);
    return existing;
  }
  // No scripts and no local files: the page is static HTML and reads nothing from disk.
  const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
  panels.set(key, panel);
  panel.onDidDispose(() => panels.delete(key));
  return panel;
}

/**
 * "sfjob: Preview Job": runs the job's pipeline on its sample records (the editor's unsaved text
 * included) and shows the first documents in a webview. Writes nothing.
 */
export async function previewJobCommand(ctx: SfjobContext, uri?: unknown): Promise<PreviewJobResult | undefined> {
  const document = await jobDocumentFor(uri, 'Preview Job');
  if (!document) return undefined;
  const shown = vscode.workspace.asRelativePath(document.uri);
  const fail = (message: string): undefined => {
    ctx.output.error(`Preview Job: ${message}`);
    // The notification offers the remedy the message names (Fetch Sample for a missing sample).
    ctx.prompts.notify('error', message);
    return undefined;
  };
  const now = new Date();
  const loaded = loadJobForRun(document.uri.fsPath, now, { text: document.getText(), files: ctx.data.files });
  if (!loaded.job) return fail(`${shown} has errors; fix them first (see the Problems panel).`);
  const job = loaded.job;
  const sample = loadSampleRecords(loaded, job);
  if (!sample.ok) return fail(`${shown}: ${sample.message}`);
  let result;
  let masks: string[];
  try {
    masks = planJob(job, loaded.jobPath).redactions.map((rule) => rule.mask);
    result = await previewJob({ jobPath: loaded.jobPath, job, records: sample.records, now, maxDocuments: PREVIEW_DOCUMENTS });
  } catch (error) {
    return fail((error as Error).message);
  }
  const summary = previewSummary(result, `${sample.records.length} sample records from ${sample.path}`);
  const notices = previewNotices(result.events);
  const title = `Preview: ${job.name}`;
  const panel = panelFor(document.uri.toString(), title);
  const html = previewHtml({ title, summary, documents: result.documents, costs: result.feedbackRecords.perDocument, masks, notices: notices.slice(0, 20), nonce: randomBytes(16).toString('base64'), cspSource: panel.webview.cspSource });
  panel.webview.html = html;
  ctx.output.info(`Preview Job: ${path.basename(loaded.jobPath)}: ${summary}`);
  return { title, documents: result.documents.length, html };
}
