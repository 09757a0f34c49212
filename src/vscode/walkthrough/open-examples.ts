import { applyEdits, modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import { CONNECTIONS_FILE_NAME, isJobFile } from '../job-files';
import { isShippedExample } from './example-files';
import { OPEN_AFTER_RELOAD_KEY } from './reload-key';

/** The job the first hour works on: a feedback job on the local org, with a sample and a CSV output. */
export const FIRST_EXAMPLE_JOB = 'case-feedback.sfjob.json';

/** The folder the examples are copied into, inside the folder a person chose. */
export const EXAMPLES_FOLDER_NAME = 'sfjob-examples';


/** What "sfjob: Open Examples" returns to its caller (the in-editor tests read it). */
export interface OpenExamplesResult {
  /** The folder that holds the examples. */
  folder: string;
  /** The example job opened in the editor. */
  job: string;
  /** Files copied from the extension; empty when the workspace already had the examples. */
  copied: string[];
  /** Whether the window is reopening on the examples' folder (no folder was open). */
  reopening: boolean;
}

export interface OpenExamplesOptions {
  /** Copy the examples into `sfjob-examples/` of this folder, whatever the workspace holds already. */
  parent?: vscode.Uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the example job. From the walkthrough (no text editor active) it opens beside it, so the
 * walkthrough's next buttons and the job stay on screen together.
 */
async function showJob(job: vscode.Uri): Promise<void> {
  const besideAPage = vscode.window.activeTextEditor === undefined && vscode.window.tabGroups.activeTabGroup.activeTab !== undefined;
  await vscode.window.showTextDocument(job, { preview: false, ...(besideAPage ? { viewColumn: vscode.ViewColumn.Beside } : {}) });
}

/** A folder of the workspace that already holds the examples: the folder itself, its examples/ or sfjob-examples/. */
async function examplesInWorkspace(): Promise<vscode.Uri | undefined> {
  for (const workspaceFolder of vscode.workspace.workspaceFolders ?? []) {
    for (const candidate of [workspaceFolder.uri, vscode.Uri.joinPath(workspaceFolder.uri, 'examples'), vscode.Uri.joinPath(workspaceFolder.uri, EXAMPLES_FOLDER_NAME)]) {
      if ((await exists(vscode.Uri.joinPath(candidate, FIRST_EXAMPLE_JOB))) && (await exists(vscode.Uri.joinPath(candidate, CONNECTIONS_FILE_NAME)))) return candidate;
    }
  }
  return undefined;
}

/** Every file under `root`, as paths relative to it with forward slashes. */
async function filesUnder(root: vscode.Uri, relative = ''): Promise<string[]> {
  const entries = await vscode.workspace.fs.readDirectory(relative ? vscode.Uri.joinPath(root, relative) : root);
  const files: string[] = [];
  for (const [name, type] of entries) {
    const path = relative ? `${relative}/${name}` : name;
    if (!isShippedExample(path)) continue;
    if (type & vscode.FileType.Directory) files.push(...(await filesUnder(root, path)));
    else if (type & vscode.FileType.File) files.push(path);
  }
  return files;
}

/**
 * The shipped files point `$schema` at the repository's schemas folder, which a copy does not have; the
 * extension associates its schemas with these file names anyway, so the copy leaves the key out rather
 * than carry a reference that would not load.
 */
function withoutSchemaReference(path: string, bytes: Uint8Array): Uint8Array {
  const name = path.split('/').pop() ?? path;
  if (!isJobFile(name) && name !== CONNECTIONS_FILE_NAME) return bytes;
  const text = new TextDecoder().decode(bytes);
  const edits = modify(text, ['$schema'], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  return new TextEncoder().encode(applyEdits(text, edits));
}

/** Copies the examples the extension carries into `target`, never replacing a file already there. */
async function copyExamples(extensionUri: vscode.Uri, target: vscode.Uri): Promise<string[]> {
  const source = vscode.Uri.joinPath(extensionUri, 'examples');
  const copied: string[] = [];
  for (const path of await filesUnder(source)) {
    const destination = vscode.Uri.joinPath(target, path);
    if (await exists(destination)) continue;
    await vscode.workspace.fs.writeFile(destination, withoutSchemaReference(path, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(source, path))));
    copied.push(path);
  }
  return copied;
}

/**
 * "sfjob: Open Examples": opens the example feedback job. A workspace that already holds the examples
 * (this repository, or an earlier copy) opens them where they are. Otherwise the examples the extension
 * carries are copied into `sfjob-examples/` of the first workspace folder, or, in a window with no folder,
 * of a folder the person chooses, which the window then reopens on. `options.parent` names the folder
 * to copy into instead.
 */
export async function openExamplesCommand(extension: vscode.ExtensionContext, output: vscode.LogOutputChannel, options: OpenExamplesOptions = {}): Promise<OpenExamplesResult | undefined> {
  const present = options.parent ? undefined : await examplesInWorkspace();
  if (present) {
    const job = vscode.Uri.joinPath(present, FIRST_EXAMPLE_JOB);
    await showJob(job);
    output.info(`Open Examples: opened ${vscode.workspace.asRelativePath(job)}`);
    return { folder: present.fsPath, job: job.fsPath, copied: [], reopening: false };
  }
  const workspaceFolder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  let parent = options.parent ?? workspaceFolder?.uri;
  if (!parent) {
    const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title: 'sfjob: Open Examples', openLabel: `Copy the examples here (into ${EXAMPLES_FOLDER_NAME})` });
    parent = chosen?.[0];
    if (!parent) return undefined;
  }
  // An empty workspace folder takes the examples at its top, where the connections file belongs.
  const folder = !options.parent && workspaceFolder && parent === workspaceFolder.uri && (await vscode.workspace.fs.readDirectory(parent)).length === 0 ? parent : vscode.Uri.joinPath(parent, EXAMPLES_FOLDER_NAME);
  let copied: string[];
  try {
    copied = await copyExamples(extension.extensionUri, folder);
  } catch (error) {
    const message = `sfjob: the examples could not be copied into ${folder.fsPath}: ${(error as Error).message}`;
    output.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  const job = vscode.Uri.joinPath(folder, FIRST_EXAMPLE_JOB);
  output.info(`Open Examples: copied ${copied.length} files into ${folder.fsPath}`);
  const inWorkspace = vscode.workspace.getWorkspaceFolder(folder) !== undefined;
  if (!inWorkspace) {
    // The window reopens on the new folder, which restarts the extension; the job opens after that.
    await extension.globalState.update(OPEN_AFTER_RELOAD_KEY, job.toString());
    void vscode.commands.executeCommand('vscode.openFolder', folder);
    return { folder: folder.fsPath, job: job.fsPath, copied, reopening: true };
  }
  await showJob(job);
  void vscode.window.showInformationMessage(`sfjob: the examples are in ${vscode.workspace.asRelativePath(folder)}. Next: start the local org and authorize its connection.`);
  return { folder: folder.fsPath, job: job.fsPath, copied, reopening: false };
}

/** After the window reopened on a fresh copy of the examples, opens the example job once. */
export async function openPendingExample(extension: vscode.ExtensionContext): Promise<void> {
  const pending = extension.globalState.get<string>(OPEN_AFTER_RELOAD_KEY);
  if (!pending) return;
  const job = vscode.Uri.parse(pending);
  if (!vscode.workspace.getWorkspaceFolder(job)) return;
  await extension.globalState.update(OPEN_AFTER_RELOAD_KEY, undefined);
  if (await exists(job)) await vscode.window.showTextDocument(job, { preview: false });
}
