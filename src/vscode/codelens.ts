import * as vscode from 'vscode';
import { expressionTargets } from '../core/expression-tester';
import { parseDocument } from '../core/job/parse';
import { LineIndex } from '../core/text';
import { COMMANDS, QUERY_LENSES } from './command-ids';
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

/**
 * "Test expression" above the filter and above each expression of a mapped field (its source or its
 * transform), like the Test button of XM Discover's connector filter.
 */
export class ExpressionLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const text = document.getText();
    return expressionTargets(parseDocument(text, new LineIndex(text)).value).flatMap((target) => {
      const property = valueNodeAt(text, target.path)?.parent;
      if (!property) return [];
      const at = document.positionAt(property.offset);
      const title = target.purpose === 'filter' ? 'Test filter' : `Test expression (${target.label})`;
      return [new vscode.CodeLens(new vscode.Range(at, at), { command: COMMANDS.testExpression.id, title, arguments: [document.uri, target.path] })];
    });
  }
}
