import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { isJobFile } from './job-files';

/** A status bar item naming the connection of the job in the active editor. */
export function connectionStatusItem(): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem('sfjob.connection', vscode.StatusBarAlignment.Left, 50);
  item.name = 'sfjob connection';
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isJobFile(document.uri.path)) {
      item.hide();
      return;
    }
    const connection = (parseJsonc(document.getText()) as { connection?: unknown } | undefined)?.connection;
    item.text = `$(plug) ${typeof connection === 'string' && connection ? connection : 'no connection'}`;
    item.tooltip = typeof connection === 'string' ? `sfjob: this job uses the connection "${connection}" from sfjob.connections.json` : 'sfjob: set "connection" to a name from sfjob.connections.json';
    item.show();
  };
  update();
  return [
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) update();
    }),
  ];
}
