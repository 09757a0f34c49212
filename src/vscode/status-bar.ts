import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { COMMANDS } from './command-ids';
import { dayOf, expiryNotice } from './connection-expiry';
import { connectionState, STATE_ICONS, type ConnectionState } from './connections/connection-state';
import { isJobFile } from './job-files';
import type { EditorPrompts } from './prompts';
import type { WorkspaceData } from './workspace-data';

/** globalState key: per connection name, the UTC day its expiry was last notified. */
const NOTIFIED_KEY = 'sfjob.expiryNotifiedOn';

export interface ConnectionStatusSnapshot {
  text: string;
  tooltip: string;
  visible: boolean;
  /** The expiry notifications shown in this window. */
  notified: string[];
  /** The active job's connection and where it stands; absent while unknown (not checked yet, or not checkable). */
  connection?: string;
  state?: ConnectionState;
  /** The command a click runs, with its arguments. */
  command?: { command: string; arguments: unknown[] };
}

export interface ConnectionStatusView {
  readonly disposables: vscode.Disposable[];
  /** What the item shows now (for tests). */
  state(): ConnectionStatusSnapshot;
  /** Fires each time the item changes what it shows (for tests, which wait for a state). */
  readonly onDidUpdate: vscode.Event<ConnectionStatusSnapshot>;
}

const BACKGROUNDS: Partial<Record<ConnectionState, string>> = {
  'missing sign-in': 'statusBarItem.warningBackground',
  expiring: 'statusBarItem.warningBackground',
  expired: 'statusBarItem.errorBackground',
};

/**
 * A status bar item naming the connection of the job in the active editor and where it stands: signed
 * in, missing sign-in, expiring or expired. Clicking it offers that connection's actions (authorize,
 * test, sign out, start the local org). When the credential expires soon (from `notifyDaysBefore` days
 * before `expiration.date`) or has expired, a notification says so at most once a day per connection.
 * The secrets are looked up after the item is drawn, so opening a job never waits for them.
 */
export function connectionStatusItem(data: WorkspaceData, memory: vscode.Memento, secrets: vscode.SecretStorage, prompts: EditorPrompts): ConnectionStatusView {
  const item = vscode.window.createStatusBarItem('sfjob.connection', vscode.StatusBarAlignment.Left, 50);
  item.name = 'sfjob connection';
  const notified: string[] = [];
  let visible = false;
  let shown: { connection?: string; state?: ConnectionState } = {};
  let generation = 0;
  const updated = new vscode.EventEmitter<ConnectionStatusSnapshot>();

  const paint = (name: string, state: ConnectionState, detail: string) => {
    item.text = `${STATE_ICONS[state]} ${name}: ${state}`;
    item.tooltip = `sfjob: connection "${name}" is ${state === 'signed in' ? 'signed in' : state === 'missing sign-in' ? 'missing its sign-in' : state}. ${detail}Click for its actions.`.replace(/\s+/g, ' ');
    const background = BACKGROUNDS[state];
    item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    shown = { connection: name, state };
  };

  const update = () => {
    const run = ++generation;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isJobFile(document.uri.path)) {
      item.hide();
      visible = false;
      shown = {};
      updated.fire(snapshot());
      return;
    }
    const connection = (parseJsonc(document.getText()) as { connection?: unknown } | undefined)?.connection;
    const named = typeof connection === 'string' && connection ? connection : undefined;
    item.text = `$(plug) ${named ?? 'no connection'}`;
    item.tooltip = named ? `sfjob: this job uses the connection "${named}" from sfjob.connections.json` : 'sfjob: set "connection" to a name from sfjob.connections.json';
    item.backgroundColor = undefined;
    item.command = named ? { title: 'Connection actions', command: COMMANDS.showConnectionStatus.id, arguments: [named] } : { title: 'Connection status', command: COMMANDS.showConnectionStatus.id, arguments: [] };
    shown = named ? { connection: named } : {};
    item.show();
    visible = true;
    if (!named || document.uri.scheme !== 'file') {
      updated.fire(snapshot());
      return;
    }
    const expiry = showExpiry(named, data.connectionSettings(document.uri.fsPath, named));
    updated.fire(snapshot());
    // In Restricted Mode nothing beside the job is read, so the sign-in is not checked.
    if (data.restricted) return;
    void import('./connections/active-status.js')
      .then(({ statusOfConnection }) => statusOfConnection(secrets, process.env, document.uri.fsPath, named))
      .then((status) => {
        if (run !== generation || !status) return;
        const state = connectionState(status);
        const detail = [...(status.missing.length > 0 ? [`Missing: ${status.missing.join('; ')}.`] : []), ...(expiry ? [expiry] : [])].join(' ');
        paint(named, state, detail ? `${detail} ` : '');
        updated.fire(snapshot());
      })
      .catch(() => undefined);
  };

  /** Notifies of an expiry at most once a day; returns the expiry message, if any. */
  const showExpiry = (name: string, settings: unknown): string | undefined => {
    const now = new Date();
    const last = memory.get<Record<string, string>>(NOTIFIED_KEY, {});
    const notice = expiryNotice(name, settings, now, last[name]);
    const { state, message } = notice.status;
    if ((state !== 'warn' && state !== 'expired') || !message) return undefined;
    paint(name, state === 'expired' ? 'expired' : 'expiring', `${message} `);
    if (!notice.notify) return message;
    void memory.update(NOTIFIED_KEY, { ...last, [name]: dayOf(now) });
    notified.push(message);
    prompts.notify(state === 'expired' ? 'error' : 'warn', message, [{ title: COMMANDS.authorizeConnection.title, run: () => vscode.commands.executeCommand(COMMANDS.authorizeConnection.id, name) }]);
    return message;
  };

  function snapshot(): ConnectionStatusSnapshot {
    return {
      text: item.text,
      tooltip: typeof item.tooltip === 'string' ? item.tooltip : '',
      visible,
      notified: [...notified],
      ...shown,
      ...(item.command && typeof item.command === 'object' ? { command: { command: item.command.command, arguments: item.command.arguments ?? [] } } : {}),
    };
  }

  update();
  return {
    disposables: [
      item,
      updated,
      vscode.window.onDidChangeActiveTextEditor(update),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) update();
      }),
      // A sign-in, a sign-out or the local org's credentials change what the item says.
      secrets.onDidChange((e) => {
        if (e.key.startsWith('sfjob.connection.')) update();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.uri.path.endsWith('sfjob.connections.json')) update();
      }),
    ],
    state: snapshot,
    onDidUpdate: updated.event,
  };
}
