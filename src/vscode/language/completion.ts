import * as vscode from 'vscode';
import type { DescribeSource } from '../../core/describe';
import type { ValidationResult } from '../../core/validate-api';
import type { JobDiagnostics } from '../diagnostics/controller';
import type { WorkspaceData } from '../workspace-data';
import { isDateFieldPath, isFieldSourcePath, isQueryPath, locateString, queryIndexAt, queryText } from './job-location';
import { sampleFieldNames } from './sample-fields';
import { SOQL_KEYWORDS, followsFrom, wordBefore } from './soql-words';

function contentRange(document: vscode.TextDocument, node: { offset: number; length: number }): vscode.Range {
  return new vscode.Range(document.positionAt(node.offset + 1), document.positionAt(node.offset + node.length - 1));
}

function item(label: string, kind: vscode.CompletionItemKind, range: vscode.Range, detail?: string): vscode.CompletionItem {
  const completion = new vscode.CompletionItem(label, kind);
  completion.range = range;
  completion.detail = detail;
  // Sorted ahead of the JSON schema's own suggestions for the same string.
  completion.sortText = `0${label}`;
  return completion;
}

/** Selected fields in the case of the Data Sample, which is the case mappings must use. */
function selectedFieldsInSampleCase(document: vscode.TextDocument, result: ValidationResult, data: WorkspaceData): string[] {
  const sample = sampleFieldNames(document, result, data);
  const byLower = new Map(sample.map((name) => [name.toLowerCase(), name]));
  const fields = (result.query?.fields ?? []).map((f) => f.alias ?? f.path);
  return [...new Set(fields.map((f) => byLower.get(f.toLowerCase()) ?? f))];
}

function queryCompletions(document: vscode.TextDocument, offset: number, result: ValidationResult | undefined, describe: DescribeSource | undefined): vscode.CompletionItem[] {
  const query = queryText(document.getText());
  if (!query) return [];
  const index = queryIndexAt(query, offset);
  if (index === undefined) return [];
  const { start } = wordBefore(query.text, index);
  const range = new vscode.Range(document.positionAt(query.toDocumentOffset(start)), document.positionAt(offset));
  if (followsFrom(query.text, start)) {
    return (describe?.objectNames() ?? []).map((name) => item(name, vscode.CompletionItemKind.Class, range, describe?.object(name)?.label));
  }
  const items = SOQL_KEYWORDS.map((keyword) => item(keyword, vscode.CompletionItemKind.Keyword, range));
  const object = result?.query?.object ? describe?.object(result.query.object) : undefined;
  for (const field of object?.fields ?? []) items.push(item(field.name, vscode.CompletionItemKind.Field, range, `${field.label} (${field.type})`));
  return items;
}

/** Completions inside a job: dateField candidates, mapping sources, and SOQL inside the query string. */
export class JobCompletions implements vscode.CompletionItemProvider {
  constructor(
    private readonly diagnostics: JobDiagnostics,
    private readonly data: WorkspaceData,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const offset = document.offsetAt(position);
    const located = locateString(document.getText(), offset);
    if (!located?.stringNode) return [];
    const result = await this.diagnostics.resultFor(document);
    if (!result) return [];
    const range = contentRange(document, located.stringNode);
    if (isDateFieldPath(located.path)) {
      return (result.query?.dateFieldCandidates ?? []).map((name) => item(name, vscode.CompletionItemKind.Field, range, 'date field in the SELECT list'));
    }
    if (isFieldSourcePath(located.path)) {
      return selectedFieldsInSampleCase(document, result, this.data).map((name) => item(name, vscode.CompletionItemKind.Field, range, 'selected field'));
    }
    if (isQueryPath(located.path)) return queryCompletions(document, offset, result, this.data.describe(document.uri.fsPath, document.getText()));
    return [];
  }
}
