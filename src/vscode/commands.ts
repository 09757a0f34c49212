import type { JSONPath } from 'jsonc-parser';
import * as vscode from 'vscode';
import { COMMANDS, type CommandInfo, type CommandName, secretStorageKey } from './command-ids';
import type { SfjobContext } from './context';
import { isJobFile } from './job-files';
import { setDateField } from './language/date-field-edit';
import { removePropertyEdit } from './language/code-actions';
import { valueNodeAt } from './language/job-location';
import { type FeedbackType, TEMPLATES, jobFileName, jobTemplate } from './templates';

type Handler = (...args: never[]) => unknown;

interface NewJobOptions {
  feedbackType?: FeedbackType;
  name?: string;
  /** The folder to write into; default the first workspace folder. */
  folder?: vscode.Uri;
}

async function newJob(ctx: SfjobContext, options: NewJobOptions = {}): Promise<vscode.Uri | undefined> {
  const feedbackType =
    options.feedbackType ??
    (await vscode.window.showQuickPick(TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, feedbackType: t.feedbackType })), { title: 'sfjob: New Job', placeHolder: 'What does the job load?' }))?.feedbackType;
  if (!feedbackType) return undefined;
  const name = options.name ?? (await vscode.window.showInputBox({ title: 'sfjob: New Job', prompt: "The job's name", value: `${feedbackType} job`, validateInput: (v) => (v.trim() ? undefined : 'A job needs a name.') }));
  if (!name) return undefined;
  const folder = options.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    void vscode.window.showErrorMessage('sfjob: New Job needs an open folder to write the job into: open a folder first (File > Open Folder).');
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder, jobFileName(name));
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showErrorMessage(`sfjob: ${target.fsPath} already exists: choose another name.`);
    return undefined;
  } catch {
    // The file does not exist yet, which is what we want.
  }
  const connection = ctx.data.connectionNames(target.fsPath)?.[0] ?? 'my-connection';
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(jobTemplate(feedbackType, name.trim(), connection)));
  await vscode.window.showTextDocument(target);
  return target;
}

function activeJobEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && isJobFile(editor.document.uri.path) ? editor : undefined;
}

/** Shows the query's date field candidates and sets the chosen one; `{ apply }` sets it without asking. */
async function showDateFieldCandidates(ctx: SfjobContext, options: { apply?: string } = {}): Promise<string[] | undefined> {
  const editor = activeJobEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('sfjob: open a job file (*.sfjob.json) to see its date field candidates.');
    return undefined;
  }
  const result = await ctx.diagnostics.resultFor(editor.document);
  const candidates = result?.query?.dateFieldCandidates ?? [];
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('sfjob: the query selects no date or datetime field: add one (for example CreatedDate) to the SELECT list.');
    return candidates;
  }
  const chosen = options.apply ?? (await vscode.window.showQuickPick(candidates, { title: 'sfjob: Date Field Candidates', placeHolder: `dateField is "${result?.job?.dateField ?? ''}"` }));
  if (chosen) await setDateField(editor.document, chosen);
  return candidates;
}

async function openJobSchema(ctx: SfjobContext): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(ctx.extension.extensionUri, 'schemas', 'sfjob.schema.json');
  await vscode.window.showTextDocument(uri, { preview: true });
  return uri;
}

/** Stores a secret found in a file in SecretStorage, then deletes it from the file (the user saves). */
async function moveSecretToStorage(ctx: SfjobContext, uri: vscode.Uri, path: JSONPath, connection: string, kind: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const node = valueNodeAt(document.getText(), path);
  if (node?.type !== 'string' || typeof node.value !== 'string') {
    void vscode.window.showErrorMessage(`sfjob: the secret at ${path.join('.')} in ${uri.fsPath} is no longer there; nothing was moved.`);
    return false;
  }
  await ctx.extension.secrets.store(secretStorageKey(connection, kind), node.value);
  const applied = await vscode.workspace.applyEdit(removePropertyEdit(document, path));
  void vscode.window.showInformationMessage(`sfjob: ${kind} of connection "${connection}" is now in VS Code's secret storage and was removed from the file. Save the file; if it was ever committed, revoke and replace the secret.`);
  return applied;
}

type LazyHandlers = Record<string, (ctx: SfjobContext) => (...args: never[]) => unknown>;

/**
 * A command whose module loads when it first runs, not at activation: `load` is a dynamic import that
 * esbuild keeps lazy inside the bundle. The connection commands reach jsforce and the Salesforce layer;
 * Run and Preview reach the runner (and, for a run, jsforce); the online checks reach jsforce.
 */
function lazyCommand<H extends LazyHandlers>(load: () => Promise<H>, name: keyof H): (ctx: SfjobContext) => Handler {
  return (ctx) =>
    async (...args: unknown[]) => {
      const handler = (await load())[name](ctx) as (...handlerArgs: unknown[]) => unknown;
      return handler(...args);
    };
}

const connectionHandlers = async () => (await import('./connections/commands.js')).CONNECTION_COMMAND_HANDLERS;
const runHandlers = async () => (await import('./run/commands.js')).RUN_COMMAND_HANDLERS;
const onlineHandlers = async () => (await import('./online/commands.js')).ONLINE_COMMAND_HANDLERS;

/** Every command, by name; extension.ts registers them in one loop and a unit test checks them against package.json. */
export const COMMAND_HANDLERS: Record<CommandName, (ctx: SfjobContext) => Handler> = {
  newJob: (ctx) => (options?: NewJobOptions) => newJob(ctx, options),
  showDateFieldCandidates: (ctx) => (options?: { apply?: string }) => showDateFieldCandidates(ctx, options),
  openJobSchema: (ctx) => () => openJobSchema(ctx),
  moveSecretToStorage: (ctx) => (uri: vscode.Uri, path: JSONPath, connection: string, kind: string) => moveSecretToStorage(ctx, uri, path, connection, kind),
  authorizeConnection: lazyCommand(connectionHandlers, 'authorizeConnection'),
  testConnection: lazyCommand(connectionHandlers, 'testConnection'),
  showConnectionStatus: lazyCommand(connectionHandlers, 'showConnectionStatus'),
  forgetConnectionCredentials: lazyCommand(connectionHandlers, 'forgetConnectionCredentials'),
  runJob: lazyCommand(runHandlers, 'runJob'),
  previewJob: lazyCommand(runHandlers, 'previewJob'),
  validateQuery: lazyCommand(onlineHandlers, 'validateQuery'),
  refreshOrgMetadata: lazyCommand(onlineHandlers, 'refreshOrgMetadata'),
  fetchSample: lazyCommand(onlineHandlers, 'fetchSample'),
  startLocalOrg: lazyCommand(connectionHandlers, 'startLocalOrg'),
  openRunOutput: lazyCommand(runHandlers, 'openRunOutput'),
  openRunReport: lazyCommand(runHandlers, 'openRunReport'),
  showLog: (ctx) => () => ctx.output.show(true),
  testExpression: (ctx) => async (uri?: vscode.Uri, path?: (string | number)[], values?: Record<string, string>) =>
    (await import('./expression/test-expression.js')).testExpressionCommand(ctx, uri, path, values),
};

/** What a command that needs trust says in Restricted Mode instead of running. */
export function restrictedMessage(title: string): string {
  return `sfjob: ${title} is not available in Restricted Mode: it reads files beside the job, runs processes or signs in to an org. Trust this workspace (Manage Workspace Trust) to use it; the offline checks of open files run either way.`;
}

export function registerCommands(ctx: SfjobContext): vscode.Disposable[] {
  return (Object.keys(COMMANDS) as CommandName[]).map((name) => {
    const info: CommandInfo = COMMANDS[name];
    const handler = COMMAND_HANDLERS[name](ctx);
    if (!info.needsTrust) return vscode.commands.registerCommand(info.id, handler);
    // Trust is checked at each call, so a workspace trusted after activation gets the command at once.
    return vscode.commands.registerCommand(info.id, (...args: never[]) => {
      if (vscode.workspace.isTrusted) return handler(...args);
      ctx.output.warn(restrictedMessage(info.title));
      void vscode.window.showWarningMessage(restrictedMessage(info.title));
      return undefined;
    });
  });
}
