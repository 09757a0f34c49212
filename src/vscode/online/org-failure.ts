import * as vscode from 'vscode';
import { COMMANDS } from '../command-ids';
import type { SfjobContext } from '../context';
import { CONNECTIONS_FILE_NAME } from '../job-files';
import type { NoticeAction, ShownNotice } from '../prompts';
import { fixesFor, isLocalOrgUrl, type OrgFix } from './org-fixes';

export { isLocalOrgUrl } from './org-fixes';

const FIX_TITLES: Record<OrgFix, string> = {
  authorize: COMMANDS.authorizeConnection.title,
  'start-local-org': COMMANDS.startLocalOrg.title,
  'open-connections': 'Open Connections File',
};

export const SHOW_LOG = 'Show Log';

/** Opens the connections file that applies to a folder, or creates one at the workspace root when there is none. */
export async function openConnectionsFile(ctx: SfjobContext, jobPath: string | undefined): Promise<vscode.Uri | undefined> {
  const existing = jobPath ? ctx.data.workspaceFor(jobPath).connectionsFile : undefined;
  if (existing) {
    const uri = vscode.Uri.file(existing);
    await vscode.window.showTextDocument(uri);
    return uri;
  }
  const folder = (jobPath && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(jobPath))?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return undefined;
  const uri = vscode.Uri.joinPath(folder, CONNECTIONS_FILE_NAME);
  const template = `{\n  "connections": {\n    // The local org emulator: "sfjob: Start Local Org" starts it and supplies its credentials.\n    "local": {\n      "environmentUrl": "http://127.0.0.1:4510",\n      "flow": "password",\n      "clientId": "sfjob-local-app",\n      "username": "integration@sfjob.local"\n    }\n  }\n}\n`;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(template));
  await vscode.window.showTextDocument(uri);
  return uri;
}

export interface OrgFailure {
  /** The command's title, for the message ("Validate Query"). */
  title: string;
  /** What went wrong, already free of secrets. */
  message: string;
  error?: unknown;
  connection?: string;
  /** The job the command worked on: its connections file is the one to open. */
  jobPath?: string;
  /** Whether the connection is a local org, when the caller knows it without a job. */
  local?: boolean;
  /** Runs the command again once a fix succeeded; its result is the notification's follow-up. */
  retry?: () => Thenable<unknown>;
}

/** The buttons that fix a failure to reach the org; a fix that succeeds runs the command again. */
export function fixActions(ctx: SfjobContext, failure: OrgFailure): NoticeAction[] {
  const settings = failure.connection && failure.jobPath ? (ctx.data.connectionSettings(failure.jobPath, failure.connection) as { environmentUrl?: unknown } | undefined) : undefined;
  const fixes = fixesFor(failure.error, failure.message, failure.local ?? isLocalOrgUrl(settings?.environmentUrl));
  const thenRetry = async (succeeded: boolean) => (succeeded && failure.retry ? failure.retry() : undefined);
  return fixes.map((fix) => ({
    title: FIX_TITLES[fix],
    run: async () => {
      if (fix === 'authorize') return thenRetry(Boolean(await vscode.commands.executeCommand(COMMANDS.authorizeConnection.id, failure.connection)));
      if (fix === 'start-local-org') return thenRetry(Boolean(await vscode.commands.executeCommand(COMMANDS.startLocalOrg.id, failure.connection)));
      await openConnectionsFile(ctx, failure.jobPath);
      return undefined;
    },
  }));
}

/**
 * Logs a failure to reach the org and shows it with the buttons that fix it. When a fix succeeds
 * (the connection is authorized, the local org runs), the command runs again by itself.
 */
export function reportOrgFailure(ctx: SfjobContext, failure: OrgFailure): ShownNotice {
  ctx.output.error(`${failure.title}: ${failure.message}`);
  return ctx.prompts.notify('error', `${failure.title}: ${failure.message}`, [...fixActions(ctx, failure), showLogAction(ctx)]);
}

export function showLogAction(ctx: SfjobContext): NoticeAction {
  return { title: SHOW_LOG, run: () => ctx.output.show(true) };
}
