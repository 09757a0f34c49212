import * as vscode from 'vscode';
import { setPropertyEdit } from './code-actions';
import { jsonStringContent, valueNodeAt } from './job-location';

/** Sets the job's dateField: inside the string when there is one, else as a new property. */
export async function setDateField(document: vscode.TextDocument, value: string): Promise<boolean> {
  const node = valueNodeAt(document.getText(), ['dateField']);
  if (node?.type !== 'string') return vscode.workspace.applyEdit(setPropertyEdit(document, ['dateField'], value));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(node.offset + 1), document.positionAt(node.offset + node.length - 1)), jsonStringContent(value));
  return vscode.workspace.applyEdit(edit);
}
