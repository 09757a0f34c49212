import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/diagnostics';
import { toVscodeDiagnostic } from '../diagnostics/convert';
import { isJobFile } from '../job-files';

/**
 * What the org said about a job's query (`org-error`: MALFORMED_QUERY, INVALID_FIELD, …), in a collection
 * of its own beside the offline checks' collection. The offline checks run on every keystroke; these
 * come only from Validate Query, so they are kept until the job is edited, closed or validated again.
 * Positions go through the same conversion as every other sfjob diagnostic.
 */
export class OrgDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sfjob-org');
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isJobFile(d.uri.path)) this.collection.delete(d.uri);
      }),
    ];
  }

  /** Replaces what the org said about a document; an empty list clears it. */
  set(uri: vscode.Uri, diagnostics: readonly Diagnostic[]): void {
    this.collection.set(
      uri,
      diagnostics.map((d) => toVscodeDiagnostic(d, uri)),
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}

const created = new WeakMap<vscode.ExtensionContext, OrgDiagnostics>();

/**
 * The window's org diagnostics, created with the first online check (not at activation, which loads
 * nothing of the online commands) and released with the extension.
 */
export function orgDiagnosticsOf(extension: vscode.ExtensionContext): OrgDiagnostics {
  let diagnostics = created.get(extension);
  if (!diagnostics) {
    diagnostics = new OrgDiagnostics();
    created.set(extension, diagnostics);
    extension.subscriptions.push(diagnostics);
  }
  return diagnostics;
}
