import * as vscode from 'vscode';
import { isJobFile } from '../job-files';

/**
 * The job a run or preview command works on: the uri it was given (from a lens or the explorer), else
 * the active editor's job, else the job visible beside a page that is not a text editor. Undefined, with a message, when there is none.
 */
function onlyJobTab(): vscode.Uri | undefined {
  const jobs = new Map<string, vscode.Uri>();
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    if (tab.input instanceof vscode.TabInputText && isJobFile(tab.input.uri.path)) jobs.set(tab.input.uri.toString(), tab.input.uri);
  }
  return jobs.size === 1 ? [...jobs.values()][0] : undefined;
}

/**
 * The job a command given no uri means: the active editor's, else (run from a page that is not a text
 * editor: the walkthrough, the preview) the job shown beside it, else the one job open in a tab.
 */
export function jobInView(uri?: unknown): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri) return uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active) return active;
  return vscode.window.visibleTextEditors.find((editor) => isJobFile(editor.document.uri.path))?.document.uri ?? onlyJobTab();
}

export async function jobDocumentFor(uri: unknown, commandTitle: string): Promise<vscode.TextDocument | undefined> {
  const target = jobInView(uri);
  if (!target || !isJobFile(target.path)) {
    void vscode.window.showInformationMessage(`sfjob: open a job file (*.sfjob.json) to use ${commandTitle}.`);
    return undefined;
  }
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage(`sfjob: ${commandTitle} needs the job saved in a folder (its rule files, sample and output are found beside it).`);
    return undefined;
  }
  return vscode.workspace.openTextDocument(target);
}
