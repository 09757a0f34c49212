import * as vscode from 'vscode';
import { getConnection, loadConnections, type ConnectionStatus } from '../../salesforce';
import { COMMANDS } from '../command-ids';
import type { SfjobContext } from '../context';
import { isLocalOrgUrl, openConnectionsFile } from '../online/org-failure';
import { connectionState, STATE_ICONS } from './connection-state';
import { showConnectionStatus, type ConnectionDeps } from './handlers';

interface StatusItem extends vscode.QuickPickItem {
  status: ConnectionStatus;
}

interface ActionItem extends vscode.QuickPickItem {
  run(): Thenable<unknown>;
}

function describeStatus(status: ConnectionStatus): string {
  const parts = [`${status.flow} flow, ${status.loginUrl}`];
  if (status.missing.length > 0) parts.push(`missing ${status.missing.join('; ')}`);
  if (status.expiry.message) parts.push(status.expiry.message);
  return parts.join(' · ');
}

/** What can be done with one connection, as quick pick items: sign in, test, sign out, start its local org. */
function actionsFor(ctx: SfjobContext, status: ConnectionStatus, local: boolean, connectionsFile: string | undefined): ActionItem[] {
  const run = (id: string) => () => vscode.commands.executeCommand(id, status.name);
  return [
    ...(local ? [{ label: `$(vm-running) ${COMMANDS.startLocalOrg.title}`, detail: 'Start the local org emulator and give this connection its demo credentials', run: run(COMMANDS.startLocalOrg.id) }] : []),
    { label: `$(key) ${COMMANDS.authorizeConnection.title}`, detail: 'Sign in again, entering any missing secret', run: run(COMMANDS.authorizeConnection.id) },
    { label: `$(debug-disconnect) ${COMMANDS.testConnection.title}`, detail: 'Connect and show the user, org and API usage', run: run(COMMANDS.testConnection.id) },
    { label: `$(sign-out) ${COMMANDS.forgetConnectionCredentials.title}`, detail: "Remove its secrets and tokens from VS Code's secret storage", run: run(COMMANDS.forgetConnectionCredentials.id) },
    { label: '$(go-to-file) Open Connections File', run: () => openConnectionsFile(ctx, connectionsFile) },
  ];
}

/** Offers a connection's actions in a quick pick and runs the chosen one; resolves with what it returned. */
export async function offerConnectionActions(ctx: SfjobContext, status: ConnectionStatus, connectionsFile: string | undefined, local: boolean): Promise<unknown> {
  const state = connectionState(status);
  const items = actionsFor(ctx, status, local, connectionsFile);
  const chosen = await ctx.prompts.pickItem(items, { title: `sfjob: connection "${status.name}" (${state})`, placeHolder: describeStatus(status) });
  return chosen?.run();
}

/**
 * "sfjob: Show Connection Status": every connection with its state (signed in, missing sign-in,
 * expiring, expired) in a quick pick; choosing one offers its actions. Given a name (the status bar item
 * passes the active job's), it goes straight to that connection's actions. The details also go to the
 * log. Without a name it resolves with the statuses as soon as the pick is shown, and the pick's
 * follow-up runs after.
 */
export async function showConnectionStatusCommand(ctx: SfjobContext, deps: ConnectionDeps, name?: unknown): Promise<ConnectionStatus[] | undefined> {
  const statuses = await showConnectionStatus(deps);
  if (!statuses) return undefined;
  const root = deps.ui.workspaceRoot();
  let loaded: ReturnType<typeof loadConnections> | undefined;
  try {
    loaded = root ? loadConnections(root) : undefined;
  } catch {
    loaded = undefined;
  }
  const isLocal = (connection: string) => {
    try {
      return loaded ? isLocalOrgUrl(getConnection(loaded, connection).connection.environmentUrl) : false;
    } catch {
      return false;
    }
  };
  const file = loaded?.file;
  const named = typeof name === 'string' ? statuses.find((s) => s.name === name) : undefined;
  if (named) {
    // Asked about one connection (the status bar's click), the command ends once its action has run.
    await offerConnectionActions(ctx, named, file, isLocal(named.name));
    return statuses;
  }
  if (statuses.length === 0) {
    ctx.prompts.notify('warn', `${file ?? 'sfjob.connections.json'} defines no connections yet.`, [{ title: 'Open Connections File', run: () => openConnectionsFile(ctx, file) }]);
    return statuses;
  }
  const items: StatusItem[] = statuses.map((status) => {
    const state = connectionState(status);
    return { label: `${STATE_ICONS[state]} ${status.name}`, description: state, detail: describeStatus(status), status };
  });
  void ctx.prompts.pickItem(items, { title: 'sfjob: Connection Status', placeHolder: 'Choose a connection to see what you can do with it' }).then((picked) => (picked ? offerConnectionActions(ctx, picked.status, file, isLocal(picked.status.name)) : undefined));
  return statuses;
}
