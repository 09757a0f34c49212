import * as vscode from 'vscode';
import type { DescribeSource } from '../../core/describe';
import { formatPath } from '../../core/job/locate';
import { fieldKnowledge } from '../../core/lint/field-knowledge';
import { resolveFieldPath } from '../../core/soql/describe-paths';
import { soqlWordDoc } from '../../core/soql/word-docs';
import type { ValidationResult } from '../../core/validate-api';
import type { JobDiagnostics } from '../diagnostics/controller';
import type { WorkspaceData } from '../workspace-data';
import { isDateFieldPath, isFieldSourcePath, isQueryPath, locateString, queryIndexAt, queryText } from './job-location';
import { sampleRecords } from './sample-fields';
import { wordAround } from './soql-words';

/** How the hover names an expression's type, in the words of docs/expressions.md. */
const TYPE_WORDS: Record<string, string> = { text: 'text', number: 'a number', boolean: 'true/false', date: 'a date', datetime: 'a date-time', unknown: 'a value of unknown type' };

/** The field's label and type from describe data, when the org's data describes it. */
function describedField(describe: DescribeSource | undefined, objectName: string, name: string): vscode.MarkdownString | undefined {
  const resolved = describe ? resolveFieldPath(describe, objectName, name) : undefined;
  if (resolved?.status !== 'found') return undefined;
  const { field, object } = resolved;
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown(`**${field.label}** \`${object.name}.${field.name}\`\n\n`);
  markdown.appendMarkdown(`Type: \`${field.type}\`${field.length ? ` (${field.length})` : ''}${field.filterable ? '' : ' · not filterable'}`);
  return markdown;
}

/**
 * Without describe data, what the other authorities say: the sample's spelling and the type its values
 * have, or a standard field's known name and type. Nothing when none of them knows the field.
 */
function knownField(document: vscode.TextDocument, result: ValidationResult, data: WorkspaceData, objectName: string, name: string): vscode.MarkdownString | undefined {
  const knowledge = fieldKnowledge({ sample: sampleRecords(document, result, data), object: objectName });
  const spelling = knowledge.spelling(name);
  if (!spelling) return undefined;
  const type = knowledge.type(spelling.name);
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown(`**${spelling.name}** \`${objectName}.${spelling.name}\`\n\n`);
  markdown.appendMarkdown(`${type === 'unknown' ? 'Type not known' : `Holds ${TYPE_WORDS[type] ?? type}`}, as spelled in ${spelling.origin}.`);
  if (spelling.name !== name) markdown.appendMarkdown(`\n\nRecords spell it \`${spelling.name}\`: mappings and expressions must use that case.`);
  return markdown;
}

/**
 * Hovers that add what the JSON schema does not say: on dateField, a mapping source or a field in the
 * query, the field's type and label (describe data, else the sample or the standard fields); on a SOQL
 * keyword or function, what it does in a connector query; on a filter or an expression, the type the
 * checker found for it.
 */
export class JobHovers implements vscode.HoverProvider {
  constructor(
    private readonly diagnostics: JobDiagnostics,
    private readonly data: WorkspaceData,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const text = document.getText();
    const offset = document.offsetAt(position);
    const located = locateString(text, offset);
    if (!located?.stringNode) return undefined;
    const last = located.path[located.path.length - 1];
    const node = located.stringNode;
    const literalRange = new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
    if (last === 'filter' || last === 'expression') {
      const type = (await this.diagnostics.resultFor(document))?.expressionTypes?.[formatPath(located.path)];
      return type ? new vscode.Hover(new vscode.MarkdownString(`Gives ${TYPE_WORDS[type] ?? type}`), literalRange) : undefined;
    }
    let name: string | undefined;
    let range = literalRange;
    let inQuery = false;
    if (isDateFieldPath(located.path) || isFieldSourcePath(located.path)) {
      name = String(node.value);
    } else if (isQueryPath(located.path)) {
      const query = queryText(text, located.root);
      const index = query ? queryIndexAt(query, offset) : undefined;
      const word = query && index !== undefined ? wordAround(query.text, index) : undefined;
      if (!query || !word) return undefined;
      name = word.word;
      inQuery = true;
      range = new vscode.Range(document.positionAt(query.toDocumentOffset(word.start)), document.positionAt(query.toDocumentOffset(word.end)));
    }
    if (!name) return undefined;
    const result = await this.diagnostics.resultFor(document);
    const objectName = result?.query?.object;
    const describe = this.data.describe(document.uri.fsPath, text);
    if (inQuery && objectName && name.toLowerCase() === objectName.toLowerCase()) {
      const object = describe?.object(objectName);
      if (object) return new vscode.Hover(new vscode.MarkdownString(`**${object.label}** \`${object.name}\`: ${object.fields.length} fields described`), range);
    }
    const field = objectName && result ? (describedField(describe, objectName, name) ?? knownField(document, result, this.data, objectName, name)) : undefined;
    if (field) return new vscode.Hover(field, range);
    const doc = inQuery ? soqlWordDoc(name) : undefined;
    return doc ? new vscode.Hover(new vscode.MarkdownString(doc), range) : undefined;
  }
}
