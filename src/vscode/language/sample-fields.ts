import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { ValidationResult } from '../../core/validate-api';

/** Record keys of the Data Sample (a records array or a query response), in the case Salesforce returns. */
export function sampleFieldNames(document: vscode.TextDocument, result: ValidationResult | undefined, data: { readText(path: string): string | undefined }): string[] {
  if (!result?.samplePath) return [];
  const text = data.readText(path.resolve(path.dirname(document.uri.fsPath), result.samplePath));
  if (!text) return [];
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
