import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/diagnostics';
import type { ValidationResult } from '../../core/validate-api';
import { isConnectionsFile, isJobFile } from '../job-files';
import type { WorkspaceData } from '../workspace-data';
import { toVscodeDiagnostic } from './convert';
import { withoutJsonServiceDuplicates } from './json-service';

type JobValidator = typeof import('../../app/validate-job');
type ConnectionsValidator = typeof import('../../core/connections/validate');

interface Checked {
  version: number;
  result: ValidationResult;
}

/**
 * Live diagnostics for job files and the connections file. Validation is debounced while typing, runs
 * again when a file a job depends on changes, and is cleared when a document closes or is deleted.
 * The validators (and the SOQL parser behind them) load on the first check, not at activation.
 */
export class JobDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('sfjob');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly checked = new Map<string, Checked>();
  /** For each checked job, the absolute paths of the files its checks read (sample, rule files). */
  private readonly dependencies = new Map<string, Set<string>>();
  private jobValidator?: Promise<JobValidator>;
  private connectionsValidator?: Promise<ConnectionsValidator>;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were replaced. */
  readonly onDidValidate = this.changed.event;

  constructor(
    private readonly data: WorkspaceData,
    private readonly output: vscode.LogOutputChannel,
    private readonly debounceMs: () => number,
  ) {}

  /**
   * Loads the job validator now, so the first job a person opens is checked without the wait for it
   * (building the SOQL parser takes about half a second). Called once the window has settled.
   */
  preloadJobValidator(): void {
    this.jobValidator ??= import('../../app/validate-job.js');
  }

  /** Whether the job validator (and with it the SOQL parser) has been loaded yet. */
  get jobValidatorLoaded(): boolean {
    return this.jobValidator !== undefined;
  }

  static isManaged(document: vscode.TextDocument): boolean {
    return document.uri.scheme !== 'output' && (isJobFile(document.uri.path) || isConnectionsFile(document.uri.path));
  }

  /** Validates after a quiet period; each new change restarts the wait. */
  schedule(document: vscode.TextDocument): void {
    if (!JobDiagnostics.isManaged(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.validate(document);
      }, this.debounceMs()),
    );
  }

  /** Re-checks every open job and connections file, after something they all depend on changed (connections, describe cache). */
  revalidateOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  /** Re-checks the open jobs that read `filePath` (their sample or a rule file). */
  revalidateDependents(filePath: string): void {
    for (const document of vscode.workspace.textDocuments) {
      if (this.dependencies.get(document.uri.toString())?.has(filePath)) this.schedule(document);
    }
  }

  async validate(document: vscode.TextDocument): Promise<ValidationResult | undefined> {
    if (!JobDiagnostics.isManaged(document) || document.isClosed) return undefined;
    try {
      const text = document.getText();
      const version = document.version;
      const path = document.uri.fsPath;
      let result: ValidationResult;
      let filesRead: string[] = [];
      if (isConnectionsFile(document.uri.path)) {
        this.connectionsValidator ??= import('../../core/connections/validate.js');
        result = { diagnostics: (await this.connectionsValidator).validateConnectionsFile(text, new Date()) };
      } else {
        this.jobValidator ??= import('../../app/validate-job.js');
        const check = (await this.jobValidator).checkJobText(path, text, this.data.files, { now: new Date(), restricted: this.data.restricted });
        result = check.result;
        filesRead = check.filesRead;
      }
      if (document.isClosed) return undefined;
      this.checked.set(document.uri.toString(), { version, result });
      this.dependencies.set(document.uri.toString(), new Set(filesRead));
      this.collection.set(document.uri, withoutJsonServiceDuplicates(document, result.diagnostics).map((d) => toVscodeDiagnostic(d, document.uri)));
      this.changed.fire(document.uri);
      return result;
    } catch (error) {
      // A failure inside a check must not take the editor down; it is logged where a person can find it.
      this.output.error(`Checking ${document.uri.fsPath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
  }

  /** The result for the document's current text, validating now when the last check is stale. */
  async resultFor(document: vscode.TextDocument): Promise<ValidationResult | undefined> {
    const known = this.checked.get(document.uri.toString());
    if (known && known.version === document.version) return known.result;
    return this.validate(document);
  }

  /** The core diagnostic behind one shown in the editor, with its fixes and data: the one with its code, range and message. */
  coreDiagnostic(document: vscode.TextDocument, shown: vscode.Diagnostic): Diagnostic | undefined {
    const known = this.checked.get(document.uri.toString());
    const code = typeof shown.code === 'object' ? String(shown.code.value) : String(shown.code);
    return known?.result.diagnostics.find(
      (d) =>
        d.code === code &&
        d.message === shown.message &&
        d.range.start.line === shown.range.start.line &&
        d.range.start.character === shown.range.start.character &&
        d.range.end.line === shown.range.end.line &&
        d.range.end.character === shown.range.end.character,
    );
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.checked.delete(key);
    this.dependencies.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.changed.dispose();
    this.collection.dispose();
  }
}

function openTabUris(): vscode.Uri[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri] : [])));
}

/** Wires the controller to editor and file events; every subscription is returned for its owner to dispose. */
export function watchForChanges(diagnostics: JobDiagnostics, data: WorkspaceData): vscode.Disposable[] {
  const disposables: vscode.Disposable[] = [
    vscode.workspace.onDidOpenTextDocument((d) => void diagnostics.validate(d)),
    // Showing a job again checks it again, picking up changes made while it was in the background.
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) void diagnostics.validate(editor.document);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      if (JobDiagnostics.isManaged(e.document)) diagnostics.schedule(e.document);
      // An unsaved edit to the connections file, a sample or a rule file changes what open jobs' checks see.
      if (isConnectionsFile(e.document.uri.path)) diagnostics.revalidateOpenDocuments();
      else if (!isJobFile(e.document.uri.path) && e.document.uri.scheme === 'file') diagnostics.revalidateDependents(e.document.uri.fsPath);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // The connections file keeps its diagnostics while it exists: it applies to every job.
      if (isJobFile(d.uri.path)) diagnostics.forget(d.uri);
    }),
    // VS Code keeps a document alive for a while after its last tab closes, so the close event can come
    // minutes late; the problems of a job go away with its last tab instead.
    vscode.window.tabGroups.onDidChangeTabs((event) => {
      const stillOpen = new Set(openTabUris().map((u) => u.toString()));
      for (const tab of event.closed) {
        const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
        if (uri && isJobFile(uri.path) && !stillOpen.has(uri.toString())) diagnostics.forget(uri);
      }
    }),
  ];
  // Samples and rule files can have any name, so every file event is matched against what open jobs read.
  const fileWatcher = vscode.workspace.createFileSystemWatcher('**/*');
  const connectionsWatcher = vscode.workspace.createFileSystemWatcher('**/sfjob.connections.json');
  const describeWatcher = vscode.workspace.createFileSystemWatcher('**/.sfjob/describe/**');
  const jobWatcher = vscode.workspace.createFileSystemWatcher('**/*.sfjob.json', true, true, false);
  const fileChanged = (uri: vscode.Uri) => diagnostics.revalidateDependents(uri.fsPath);
  disposables.push(fileWatcher, fileWatcher.onDidChange(fileChanged), fileWatcher.onDidCreate(fileChanged), fileWatcher.onDidDelete(fileChanged));
  const connectionsChanged = () => diagnostics.revalidateOpenDocuments();
  disposables.push(connectionsWatcher, connectionsWatcher.onDidChange(connectionsChanged), connectionsWatcher.onDidCreate(connectionsChanged));
  disposables.push(
    connectionsWatcher.onDidDelete((uri) => {
      diagnostics.forget(uri);
      diagnostics.revalidateOpenDocuments();
    }),
  );
  const describeChanged = () => {
    data.forgetDescribe();
    diagnostics.revalidateOpenDocuments();
  };
  disposables.push(describeWatcher, describeWatcher.onDidChange(describeChanged), describeWatcher.onDidCreate(describeChanged), describeWatcher.onDidDelete(describeChanged));
  disposables.push(jobWatcher, jobWatcher.onDidDelete((uri) => diagnostics.forget(uri)));
  return disposables;
}

/** The connections files of the workspace are checked when the window opens, open or not. */
export async function validateConnectionsFiles(diagnostics: JobDiagnostics): Promise<void> {
  const files = await vscode.workspace.findFiles('**/sfjob.connections.json', '**/node_modules/**', 20);
  for (const uri of files) await diagnostics.validate(await vscode.workspace.openTextDocument(uri));
}
