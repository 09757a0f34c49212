import * as vscode from 'vscode';
import { codeDocsUrl, type Diagnostic, type DiagnosticCode, type Range, type Severity } from '../../core/diagnostics';
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
 * link works offline and matches the version that reported it. The public page is the fallback only
 * when the extension's folder cannot be found (never in an installed extension).
 */
export function codeDocsUri(code: DiagnosticCode): vscode.Uri {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) return vscode.Uri.parse(codeDocsUrl(code));
  return vscode.Uri.joinPath(extension.extensionUri, 'docs', 'diagnostics.md').with({ fragment: code });
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
  converted.code = { value: diagnostic.code, target: codeDocsUri(diagnostic.code) };
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
