import type * as vscode from 'vscode';
import { readSample, type SampleRecords } from '../../core/lint/sample';
import type { ValidationResult } from '../../core/validate-api';
import type { JobWorkspace } from '../../core/workspace';

type Workspaces = { workspaceFor(path: string, text?: string): JobWorkspace };

/** The Data Sample the checks accepted, read through the job's workspace, or undefined without one. */
export function sampleRecords(document: vscode.TextDocument, result: ValidationResult | undefined, data: Workspaces): SampleRecords | undefined {
  if (!result?.samplePath) return undefined;
  // Read through the job's workspace, so completion and hovers see exactly the sample the checks accepted.
  const opened = data.workspaceFor(document.uri.fsPath, document.getText()).openFile(result.samplePath, 'sample');
  if (!opened.ok) return undefined;
  const read = readSample(result.samplePath, opened.text);
  return read.ok ? read.sample : undefined;
}

/** Record keys of the Data Sample (a records array or a query response), in the case Salesforce returns. */
export function sampleFieldNames(document: vscode.TextDocument, result: ValidationResult | undefined, data: Workspaces): string[] {
  return [...(sampleRecords(document, result, data)?.keys ?? [])];
}
