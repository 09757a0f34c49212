import type * as vscode from 'vscode';
import type { JobDiagnostics } from './diagnostics/controller';
import type { EditorPrompts } from './prompts';
import type { WorkspaceData } from './workspace-data';

/** Everything a command handler or provider may need, built once in activate and passed down. */
export interface SfjobContext {
  extension: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  diagnostics: JobDiagnostics;
  data: WorkspaceData;
  /** Input boxes, quick picks and notifications, worded for the editor and observable by tests. */
  prompts: EditorPrompts;
}
