import * as path from 'node:path';
import * as vscode from 'vscode';
import { getConnection, loadConnections } from '../../salesforce';
import { COMMANDS } from '../command-ids';
import type { SfjobContext } from '../context';
import { fixActions, isLocalOrgUrl, showLogAction } from '../online/org-failure';
import { startLocalOrgCommand } from './local-org';
import { showConnectionStatusCommand } from './status-pick';
import { authorizeConnection, forgetConnection, testConnectionCommand, type ConnectionDeps, type ConnectionUi } from './handlers';

/** The folder of the active editor's file when it is in the workspace, else the first workspace folder. */
function workspaceRoot(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active)) return path.dirname(active.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** Whether a connection of the workspace's connections file is a local org. */
function isLocalConnection(name: string): boolean {
  const root = workspaceRoot();
  try {
    return root ? isLocalOrgUrl(getConnection(loadConnections(root), name).connection.environmentUrl) : false;
  } catch {
    return false;
  }
}

/**
 * A failed sign-in or connection test, with the buttons that fix it (Start Local Org, Open Connections
 * File, …); once a fix succeeded the command runs again.
 */
function signInFailed(ctx: SfjobContext, message: string, cause: { error: unknown; connection: string; command: 'authorize' | 'test' }): void {
  const command = cause.command === 'authorize' ? COMMANDS.authorizeConnection : COMMANDS.testConnection;
  ctx.output.error(message);
  const fixes = fixActions(ctx, {
    title: command.title,
    message,
    error: cause.error,
    ...(cause.connection ? { connection: cause.connection, local: isLocalConnection(cause.connection), retry: () => vscode.commands.executeCommand(command.id, cause.connection) } : {}),
  });
  ctx.prompts.notify('error', message, [...fixes.filter((fix) => fix.title !== command.title), showLogAction(ctx)]);
}

/** The connection commands' view of the editor, built from vscode.window and vscode.env. */
export function editorConnectionUi(ctx: SfjobContext): ConnectionUi {
  return {
    workspaceRoot,
    pickConnection: async (names, title) => ctx.prompts.pickOne(names, { title, placeHolder: 'Which connection?' }),
    askSecret: async (prompt) => ctx.prompts.askInput({ prompt, password: true, ignoreFocusOut: true, title: 'sfjob: connection secret' }),
    openExternal: async (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
    withProgress: (title, work) =>
      Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            return await work(controller.signal);
          } finally {
            subscription.dispose();
          }
        }),
      ),
    info: (message) => void ctx.prompts.notify('info', message),
    warn: (message) => void ctx.prompts.notify('warn', message),
    error: (message, cause) => void (cause ? signInFailed(ctx, message, cause) : ctx.prompts.notify('error', message)),
    log: (message) => ctx.output.info(message),
  };
}

export function connectionDeps(ctx: SfjobContext): ConnectionDeps {
  return { ui: editorConnectionUi(ctx), storage: ctx.extension.secrets, env: process.env };
}

/** Handlers for the command table (src/vscode/commands.ts), keyed like COMMANDS in command-ids.ts. */
export const CONNECTION_COMMAND_HANDLERS = {
  authorizeConnection: (ctx: SfjobContext) => (name?: string) => authorizeConnection(connectionDeps(ctx), typeof name === 'string' ? name : undefined),
  testConnection: (ctx: SfjobContext) => (name?: string) => testConnectionCommand(connectionDeps(ctx), typeof name === 'string' ? name : undefined),
  forgetConnectionCredentials: (ctx: SfjobContext) => (name?: string) => forgetConnection(connectionDeps(ctx), typeof name === 'string' ? name : undefined),
  showConnectionStatus: (ctx: SfjobContext) => (name?: unknown) => showConnectionStatusCommand(ctx, connectionDeps(ctx), name),
  startLocalOrg: (ctx: SfjobContext) => (name?: unknown) => startLocalOrgCommand(ctx, name),
};
