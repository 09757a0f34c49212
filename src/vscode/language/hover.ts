import * as vscode from 'vscode';
import { formatPath } from '../../core/job/locate';
import { resolveFieldPath } from '../../core/soql/describe-paths';
import type { JobDiagnostics } from '../diagnostics/controller';
import type { WorkspaceData } from '../workspace-data';
import { isDateFieldPath, isFieldSourcePath, isQueryPath, locateString, queryIndexAt, queryText } from './job-location';
import { wordAround } from './soql-words';

/** How the hover names an expression's type, in the words of docs/expressions.md. */
const TYPE_WORDS: Record<string, string> = { text: 'text', number: 'a number', boolean: 'true/false', date: 'a date', datetime: 'a date-time', unknown: 'a value of unknown type' };

/**
 * Hovers on dateField, a mapping source or a field in the query: the field's type and label, from cached
 * describe data. On a filter or an expression: the type the checker found for it.
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
    if (last === 'filter' || last === 'expression') {
      const type = (await this.diagnostics.resultFor(document))?.expressionTypes?.[formatPath(located.path)];
      if (!type) return undefined;
      const node = located.stringNode;
      return new vscode.Hover(new vscode.MarkdownString(`Gives ${TYPE_WORDS[type] ?? type}`), new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length)));
    }
    const describe = this.data.describe(document.uri.fsPath, text);
    if (!describe) return undefined;
    let name: string | undefined;
    let range: vscode.Range | undefined;
    if (isDateFieldPath(located.path) || isFieldSourcePath(located.path)) {
      name = String(located.stringNode.value);
      range = new vscode.Range(document.positionAt(located.stringNode.offset), document.positionAt(located.stringNode.offset + located.stringNode.length));
    } else if (isQueryPath(located.path)) {
      const query = queryText(text, located.root);
      const index = query ? queryIndexAt(query, offset) : undefined;
      const word = query && index !== undefined ? wordAround(query.text, index) : undefined;
      if (!query || !word) return undefined;
      name = word.word;
      range = new vscode.Range(document.positionAt(query.toDocumentOffset(word.start)), document.positionAt(query.toDocumentOffset(word.end)));
    }
    if (!name) return undefined;
    const result = await this.diagnostics.resultFor(document);
    const objectName = result?.query?.object;
    if (!objectName) return undefined;
    const resolved = resolveFieldPath(describe, objectName, name);
    if (resolved.status !== 'found') return undefined;
    const { field, object } = resolved;
    const markdown = new vscode.MarkdownString();
    markdown.appendMarkdown(`**${field.label}** \`${object.name}.${field.name}\`\n\n`);
    markdown.appendMarkdown(`Type: \`${field.type}\`${field.length ? ` (${field.length})` : ''}${field.filterable ? '' : ' · not filterable'}`);
    return new vscode.Hover(markdown, range);
  }
}
