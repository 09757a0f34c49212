import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/diagnostics';

/**
 * VS Code's JSON service checks every JSON and JSON-with-comments document with the same parser sfjob
 * uses, and reports each syntax mistake at the same characters. Showing sfjob's json-syntax beside it
 * would report every mistake twice, so the editor leaves plain parse errors to the JSON service while
 * its validation is on, and keeps the ones it cannot see (a file with no value, nesting too deep).
 * The CLI, which has no JSON service, reports them all.
 */
export function withoutJsonServiceDuplicates(document: vscode.TextDocument, diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
  if (!jsonServiceValidates(document)) return diagnostics;
  return diagnostics.filter((d) => !(d.code === 'json-syntax' && typeof d.data?.jsonParseError === 'string'));
}

function jsonServiceValidates(document: vscode.TextDocument): boolean {
  if (document.languageId !== 'json' && document.languageId !== 'jsonc') return false;
  return vscode.workspace.getConfiguration('json', document.uri).get<boolean>('validate.enable', true) !== false;
}
