import * as vscode from 'vscode';
import { CODE_DOCS_FILE, type Diagnostic, type DiagnosticCode, type Range, type Severity } from '../../core/diagnostics';
import { editorText } from '../../core/remedies';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The extension's own id (publisher.name in package.json), used to find the docs it ships. */
const EXTENSION_ID = 'sfjob.sfjob';

/**
 * Where a code is explained: its section of docs/diagnostics.md inside the installed extension, so the
 * link works offline and matches the version that reported it. Without the extension's folder (never
 * in an installed extension) the code is shown without a link rather than with one that goes nowhere.
 */
export function codeDocsUri(code: DiagnosticCode): vscode.Uri | undefined {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) return undefined;
  return vscode.Uri.joinPath(extension.extensionUri, ...CODE_DOCS_FILE.split('/')).with({ fragment: code });
}

export function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * The one place a core diagnostic becomes a VS Code diagnostic. Both use 0-based positions, so the range
 * is copied as it is; the code links to its section of the diagnostics reference bundled with the extension.
 * The message names the editor's commands where the checks name the CLI's (src/core/remedies.ts).
 */
export function toVscodeDiagnostic(diagnostic: Diagnostic, document: vscode.Uri): vscode.Diagnostic {
  const converted = new vscode.Diagnostic(toVscodeRange(diagnostic.range), editorText(diagnostic.message), SEVERITY[diagnostic.severity]);
  converted.source = 'sfjob';
  const docs = codeDocsUri(diagnostic.code);
  converted.code = docs ? { value: diagnostic.code, target: docs } : diagnostic.code;
  if (diagnostic.related?.length) {
    converted.relatedInformation = diagnostic.related.map((related) => {
      const uri = related.path ? vscode.Uri.joinPath(document, '..', related.path) : document;
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toVscodeRange(related.range)), related.message);
    });
  }
  return converted;
}

/** The code of a diagnostic this extension produced, or undefined for anyone else's. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== 'sfjob') return undefined;
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}
