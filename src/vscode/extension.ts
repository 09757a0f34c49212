import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from './command-ids';
import { ExpressionLenses, QueryLenses } from './codelens';
import { registerCommands } from './commands';
import type { SfjobContext } from './context';
import { JobDiagnostics, validateConnectionsFiles, watchForChanges } from './diagnostics/controller';
import { JobCodeActions } from './language/code-actions';
import { JobCompletions } from './language/completion';
import { CONNECTIONS_FILE_NAME, isJobFile } from './job-files';
import { JobHovers } from './language/hover';
import { EditorPrompts, editorWordedChannel, type ShownNotice } from './prompts';
import { connectionStatusItem, type ConnectionStatusSnapshot } from './status-bar';
import { putSfjobOnTerminalPath } from './terminal/path';
import { WorkspaceData } from './workspace-data';

/** What the extension hands to other extensions and to its own in-editor tests. */
export interface SfjobApi {
  /** How long activate() took, in milliseconds. */
  readonly activationMs: number;
  /** Whether the job validator (and the SOQL parser) has loaded: after the first check or the preload. */
  jobValidatorLoaded(): boolean;
  /** Whether activate() itself loaded the validator; false unless a job was already open. */
  readonly jobValidatorLoadedByActivation: boolean;
  readonly onDidValidate: vscode.Event<vscode.Uri>;
  /** The file the sfjob output channel writes to. */
  readonly outputLog: vscode.Uri;
  /**
   * Replies to the next input boxes and quick picks the commands show, in order; the returned list
   * records what each was asking. For tests, which cannot type into VS Code's quick input.
   */
  answerNextPrompts(answers: readonly (string | undefined)[]): { asked: string[] };
  /** Chooses the buttons of the next notifications that have buttons, in order (undefined dismisses one). For tests. */
  chooseNextButtons(choices: readonly (string | undefined)[]): void;
  /** Every notification the commands showed in this window, oldest first, with its buttons. */
  notifications(): readonly ShownNotice[];
  /** The connection status bar item as shown now, and the expiry notifications this window showed. */
  connectionStatus(): ConnectionStatusSnapshot;
  /** Fires each time the connection status bar item changes what it shows. */
  readonly onDidUpdateConnectionStatus: vscode.Event<ConnectionStatusSnapshot>;
}

const JOB_FILES: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.sfjob.json' },
  { scheme: 'untitled', pattern: '**/*.sfjob.json' },
];
const CHECKED_FILES: vscode.DocumentSelector = [...(JOB_FILES as vscode.DocumentFilter[]), { scheme: 'file', pattern: '**/sfjob.connections.json' }];

/** Whether a workspace folder, or a folder right below one, holds a job or the connections file. */
function hasJobsNearTheTop(): boolean {
  const isSfjobFile = (name: string) => isJobFile(name) || name === CONNECTIONS_FILE_NAME;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder.uri.fsPath, { withFileTypes: true });
    } catch {
      continue;
    }
    if (entries.some((entry) => entry.isFile() && isSfjobFile(entry.name))) return true;
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      try {
        if (fs.readdirSync(path.join(folder.uri.fsPath, entry.name)).some(isSfjobFile)) return true;
      } catch {
        // An unreadable folder holds no job we could check anyway.
      }
    }
  }
  return false;
}

/** How long after activation the job validator starts loading in the background. */
const VALIDATOR_PRELOAD_DELAY_MS = 1000;

/**
 * Builds the context and registers everything; each disposable goes to context.subscriptions so VS Code
 * releases it on deactivation. Nothing heavy loads here: the validators load on the first check.
 */
export function activate(extension: vscode.ExtensionContext): SfjobApi {
  const started = performance.now();
  const output = editorWordedChannel(vscode.window.createOutputChannel('sfjob', { log: true }));
  const data = new WorkspaceData();
  const debounceMs = () => vscode.workspace.getConfiguration('sfjob').get<number>('validation.debounceMs', 300);
  const diagnostics = new JobDiagnostics(data, output, debounceMs);
  const prompts = new EditorPrompts();
  const ctx: SfjobContext = { extension, output, diagnostics, data, prompts };

  const statusItem = connectionStatusItem(data, extension.globalState, extension.secrets, prompts);
  const implemented = new Set<string>(Object.values(COMMANDS).map((c) => c.id));
  extension.subscriptions.push(
    output,
    diagnostics,
    ...registerCommands(ctx),
    ...watchForChanges(diagnostics, data),
    vscode.languages.registerCodeActionsProvider(CHECKED_FILES, new JobCodeActions(diagnostics), JobCodeActions.metadata),
    vscode.languages.registerCompletionItemProvider(JOB_FILES, new JobCompletions(diagnostics, data), '"', ' ', ',', '.'),
    vscode.languages.registerHoverProvider(JOB_FILES, new JobHovers(diagnostics, data)),
    vscode.languages.registerCodeLensProvider(JOB_FILES, new QueryLenses(implemented)),
    vscode.languages.registerCodeLensProvider(JOB_FILES, new ExpressionLenses()),
    ...statusItem.disposables,
  );
  putSfjobOnTerminalPath(extension);
  // In Restricted Mode only the open text is checked; once the workspace is trusted, every open job is
  // checked again with its connections, describe data, sample and rule files.
  extension.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.info('workspace trusted: checking open jobs again with the files beside them');
      diagnostics.revalidateOpenDocuments();
      void validateConnectionsFiles(diagnostics);
    }),
  );
  if (!vscode.workspace.isTrusted) output.info('Restricted Mode: only the open text of job files is checked; commands that read other files, run processes or reach an org wait for trust');
  for (const document of vscode.workspace.textDocuments) void diagnostics.validate(document);
  if (vscode.workspace.isTrusted) void validateConnectionsFiles(diagnostics);
  // The validator loads in the background once the window has had time to settle, so opening the first
  // job does not wait for it; activation itself stays cheap. Only a workspace with jobs pays for it: the
  // extension also activates for any JSON file.
  const preload = setTimeout(() => {
    if (hasJobsNearTheTop()) {
      diagnostics.preloadJobValidator();
      return;
    }
    // A full search is slow (it runs the workspace search), so it is only the fallback for deep trees.
    void vscode.workspace.findFiles('**/*.sfjob.json', '**/node_modules/**', 1).then((jobs) => {
      if (jobs.length > 0) diagnostics.preloadJobValidator();
    });
  }, VALIDATOR_PRELOAD_DELAY_MS);
  extension.subscriptions.push({ dispose: () => clearTimeout(preload) });

  const activationMs = performance.now() - started;
  const jobValidatorLoadedByActivation = diagnostics.jobValidatorLoaded;
  output.info(`activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    jobValidatorLoadedByActivation,
    jobValidatorLoaded: () => diagnostics.jobValidatorLoaded,
    onDidValidate: diagnostics.onDidValidate,
    // VS Code names a log output channel's file after the channel, in the extension's log folder.
    outputLog: vscode.Uri.joinPath(extension.logUri, 'sfjob.log'),
    answerNextPrompts: (answers) => prompts.answerNextPrompts(answers),
    chooseNextButtons: (choices) => prompts.chooseNextButtons(choices),
    notifications: () => prompts.shown(),
    connectionStatus: statusItem.state,
    onDidUpdateConnectionStatus: statusItem.onDidUpdate,
  };
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
