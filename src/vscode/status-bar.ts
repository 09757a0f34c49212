import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { dayOf, expiryNotice } from './connection-expiry';
import { isJobFile } from './job-files';
import type { WorkspaceData } from './workspace-data';

/** globalState key: per connection name, the UTC day its expiry was last notified. */
const NOTIFIED_KEY = 'sfjob.expiryNotifiedOn';

export interface ConnectionStatusView {
  readonly disposables: vscode.Disposable[];
  /** What the item shows now, and the expiry notifications shown in this window (for tests). */
  state(): { text: string; tooltip: string; visible: boolean; notified: string[] };
}

/**
 * A status bar item naming the connection of the job in the active editor. When the connection's
 * credential expires soon (from `notifyDaysBefore` days before `expiration.date`) or has expired, the
 * item turns into a warning, and a notification says so at most once a day per connection.
 */
export function connectionStatusItem(data: WorkspaceData, memory: vscode.Memento): ConnectionStatusView {
  const item = vscode.window.createStatusBarItem('sfjob.connection', vscode.StatusBarAlignment.Left, 50);
  item.name = 'sfjob connection';
  const notified: string[] = [];
  let visible = false;
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isJobFile(document.uri.path)) {
      item.hide();
      visible = false;
      return;
    }
    const connection = (parseJsonc(document.getText()) as { connection?: unknown } | undefined)?.connection;
    const named = typeof connection === 'string' && connection ? connection : undefined;
    item.text = `$(plug) ${named ?? 'no connection'}`;
    item.tooltip = named ? `sfjob: this job uses the connection "${named}" from sfjob.connections.json` : 'sfjob: set "connection" to a name from sfjob.connections.json';
    item.backgroundColor = undefined;
    if (named && document.uri.scheme === 'file') showExpiry(named, data.connectionSettings(document.uri.fsPath, named));
    item.show();
    visible = true;
  };
  const showExpiry = (name: string, settings: unknown) => {
    const now = new Date();
    const last = memory.get<Record<string, string>>(NOTIFIED_KEY, {});
    const notice = expiryNotice(name, settings, now, last[name]);
    const { state, message } = notice.status;
    if ((state !== 'warn' && state !== 'expired') || !message) return;
    item.text = `$(${state === 'expired' ? 'error' : 'warning'}) ${name}`;
    item.tooltip = `sfjob: ${message}`;
    item.backgroundColor = new vscode.ThemeColor(state === 'expired' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
    if (!notice.notify) return;
    void memory.update(NOTIFIED_KEY, { ...last, [name]: dayOf(now) });
    notified.push(message);
    void (state === 'expired' ? vscode.window.showErrorMessage(`sfjob: ${message}`) : vscode.window.showWarningMessage(`sfjob: ${message}`));
  };
  update();
  return {
    disposables: [
      item,
      vscode.window.onDidChangeActiveTextEditor(update),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) update();
      }),
    ],
    state: () => ({ text: item.text, tooltip: typeof item.tooltip === 'string' ? item.tooltip : '', visible, notified: [...notified] }),
  };
}
