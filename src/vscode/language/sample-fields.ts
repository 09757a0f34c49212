import type * as vscode from 'vscode';
import type { ValidationResult } from '../../core/validate-api';
import type { JobWorkspace } from '../../core/workspace';

/** Record keys of the Data Sample (a records array or a query response), in the case Salesforce returns. */
export function sampleFieldNames(document: vscode.TextDocument, result: ValidationResult | undefined, data: { workspaceFor(path: string, text?: string): JobWorkspace }): string[] {
  if (!result?.samplePath) return [];
  // Read through the job's workspace, so completion sees exactly the sample the checks accepted.
  const opened = data.workspaceFor(document.uri.fsPath, document.getText()).openFile(result.samplePath, 'sample');
  if (!opened.ok) return [];
  const text = opened.text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const records = Array.isArray(parsed) ? parsed : (parsed as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) return [];
  const names = new Set<string>();
  for (const record of records.slice(0, 50)) {
    if (record && typeof record === 'object') for (const key of Object.keys(record)) if (key !== 'attributes') names.add(key);
  }
  return [...names];
}
