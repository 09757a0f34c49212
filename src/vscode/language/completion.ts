import * as vscode from 'vscode';
import type { DescribeSource } from '../../core/describe';
import { type SoqlCompletionKnowledge, type SoqlSuggestionKind, soqlSuggestions } from '../../core/soql/completion';
import type { ValidationResult } from '../../core/validate-api';
import type { JobDiagnostics } from '../diagnostics/controller';
import type { WorkspaceData } from '../workspace-data';
import { isDateFieldPath, isFieldSourcePath, isQueryPath, locateString, queryIndexAt, queryText } from './job-location';
import { sampleFieldNames } from './sample-fields';
import { wordBefore } from './soql-words';

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

const KINDS: Record<SoqlSuggestionKind, vscode.CompletionItemKind> = {
  keyword: vscode.CompletionItemKind.Keyword,
  field: vscode.CompletionItemKind.Field,
  function: vscode.CompletionItemKind.Function,
  object: vscode.CompletionItemKind.Class,
  operator: vscode.CompletionItemKind.Operator,
  value: vscode.CompletionItemKind.Value,
};

/** The FROM object's fields from describe data, else the sample's record keys, else what the query selects. */
function queryFields(document: vscode.TextDocument, result: ValidationResult | undefined, describe: DescribeSource | undefined, data: WorkspaceData): SoqlCompletionKnowledge['fields'] {
  const object = result?.query?.object ? describe?.object(result.query.object) : undefined;
  if (object) return object.fields.map((field) => ({ name: field.name, detail: `${field.label} (${field.type})` }));
  const sample = sampleFieldNames(document, result, data);
  if (sample.length > 0) return sample.map((name) => ({ name, detail: 'in the Data Sample' }));
  return (result?.query?.fields ?? []).map((f) => ({ name: f.path, detail: 'selected field' }));
}

function queryCompletions(document: vscode.TextDocument, offset: number, result: ValidationResult | undefined, data: WorkspaceData): vscode.CompletionItem[] {
  const query = queryText(document.getText());
  if (!query) return [];
  const index = queryIndexAt(query, offset);
  if (index === undefined) return [];
  const { start } = wordBefore(query.text, index);
  const range = new vscode.Range(document.positionAt(query.toDocumentOffset(start)), document.positionAt(offset));
  const describe = data.describe(document.uri.fsPath, document.getText());
  const knowledge: SoqlCompletionKnowledge = {
    fields: queryFields(document, result, describe, data),
    objects: (describe?.objectNames() ?? []).map((name) => ({ name, detail: describe?.object(name)?.label })),
  };
  // Kept in the order the core gives (what is most likely first), ahead of the JSON schema's suggestions.
  return soqlSuggestions(query.text, index, knowledge).map((suggestion, position) => {
    const completion = item(suggestion.label, KINDS[suggestion.kind], range, suggestion.detail);
    completion.sortText = `0${String(position).padStart(4, '0')}`;
    return completion;
  });
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
    if (isQueryPath(located.path)) return queryCompletions(document, offset, result, this.data);
    return [];
  }
}
