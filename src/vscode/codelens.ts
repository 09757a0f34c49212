import * as vscode from 'vscode';
import { QUERY_LENSES } from './command-ids';
import { valueNodeAt } from './language/job-location';

/** Lenses above a job's `query`, one per action whose command is implemented. */
export class QueryLenses implements vscode.CodeLensProvider {
  constructor(private readonly implemented: ReadonlySet<string>) {}

  get available(): { id: string; title: string }[] {
    return QUERY_LENSES.filter((lens) => this.implemented.has(lens.id));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    // Every lens reaches an org or reads files beside the job: none in Restricted Mode.
    if (!vscode.workspace.isTrusted) return [];
    const lenses = this.available;
    if (lenses.length === 0) return [];
    const property = valueNodeAt(document.getText(), ['query'])?.parent;
    if (!property) return [];
    const range = new vscode.Range(document.positionAt(property.offset), document.positionAt(property.offset));
    return lenses.map((lens) => new vscode.CodeLens(range, { command: lens.id, title: lens.title, arguments: [document.uri] }));
  }
}
