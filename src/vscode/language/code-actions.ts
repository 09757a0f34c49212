import { type JSONPath, modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { Diagnostic, Fix } from '../../core/diagnostics';
import type { ValidationResult } from '../../core/validate-api';
import { COMMANDS } from '../command-ids';
import { codeOf, toVscodeRange } from '../diagnostics/convert';
import type { JobDiagnostics } from '../diagnostics/controller';
import { isConnectionsFile } from '../job-files';
import { jsonStringContent, locateString, queryText } from './job-location';

interface FixInput {
  document: vscode.TextDocument;
  shown: vscode.Diagnostic;
  core?: Diagnostic;
  result?: ValidationResult;
}

type FixBuilder = (input: FixInput) => vscode.CodeAction[];

function quickFix(title: string, shown: vscode.Diagnostic, preferred = false): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [shown];
  action.isPreferred = preferred;
  return action;
}

/** The string literal a diagnostic points at (its range starts at the literal or inside it). */
function stringAt(document: vscode.TextDocument, shown: vscode.Diagnostic) {
  const text = document.getText();
  const start = document.offsetAt(shown.range.start);
  return locateString(text, start + 1) ?? locateString(text, start);
}

/** Removes the property at `path` (key, value and its comma), formatted as the file is. */
export function removePropertyEdit(document: vscode.TextDocument, path: JSONPath): vscode.WorkspaceEdit {
  return setPropertyEdit(document, path, undefined);
}

/** Sets the property at `path`, adding it when missing (undefined removes it), formatted as the file is. */
export function setPropertyEdit(document: vscode.TextDocument, path: JSONPath, value: unknown): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const options = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' } };
  for (const change of modify(document.getText(), path, value, options)) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(change.offset), document.positionAt(change.offset + change.length)), change.content);
  }
  return edit;
}

/** Inserts a field at the end of the query's SELECT list, inside the JSON string. */
function addToSelectEdit(document: vscode.TextDocument, result: ValidationResult | undefined, field: string): vscode.WorkspaceEdit | undefined {
  const fields = result?.query?.fields ?? [];
  const query = queryText(document.getText());
  if (!query || fields.length === 0) return undefined;
  const lastEnd = Math.max(...fields.map((f) => f.end));
  const offset = query.toDocumentOffset(lastEnd);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, document.positionAt(offset), jsonStringContent(`, ${field}`));
  return edit;
}

function stringData(core: Diagnostic | undefined, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = core?.data?.[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

const addDateFieldToSelect: FixBuilder = ({ document, shown, result }) => {
  const dateField = result?.job?.dateField;
  const edit = dateField ? addToSelectEdit(document, result, dateField) : undefined;
  if (!dateField || !edit) return [];
  const action = quickFix(`Add ${dateField} to the SELECT list`, shown);
  action.edit = edit;
  return [action];
};

const fieldNotSelected: FixBuilder = ({ document, shown, core, result }) => {
  const field = stringData(core, 'field', 'name') ?? (stringAt(document, shown)?.stringNode?.value as string | undefined);
  if (!field) return [];
  const edit = addToSelectEdit(document, result, field);
  if (!edit) return [];
  const action = quickFix(`Add ${field} to the SELECT list`, shown, true);
  action.edit = edit;
  return [action];
};

const secretInFile: FixBuilder = ({ document, shown, result }) => {
  const located = stringAt(document, shown);
  if (!located) return [];
  const path = located.path;
  const kind = String(path[path.length - 1]);
  const connection = isConnectionsFile(document.uri.path) && path[0] === 'connections' ? String(path[1]) : result?.job?.connection;
  if (!connection || typeof path[path.length - 1] !== 'string') return [];
  const action = quickFix(`Move ${kind} into VS Code's secret storage (connection "${connection}")`, shown, true);
  action.command = { command: COMMANDS.moveSecretToStorage.id, title: action.title, arguments: [document.uri, path, connection, kind] };
  return [action];
};

/**
 * Quick fixes the editor builds itself, keyed by diagnostic code, for what the core cannot express as a
 * text edit of its own (an edit inside the SELECT list, a move into secret storage). The core's own fixes
 * (field-case, fixed-field, the dateField candidates, …) are offered as they are. A fallback is used only
 * when the core gave the diagnostic no fixes; an extra is offered beside them.
 */
const FALLBACK_BUILDERS: Record<string, FixBuilder> = {
  'field-not-selected': fieldNotSelected,
  'secret-in-file': secretInFile,
};

const EXTRA_BUILDERS: Record<string, FixBuilder> = {
  'date-field-not-selected': addDateFieldToSelect,
};

function fromCoreFix(document: vscode.TextDocument, shown: vscode.Diagnostic, fix: Fix): vscode.CodeAction {
  const action = quickFix(fix.title, shown, fix.preferred ?? false);
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of fix.edits) action.edit.replace(document.uri, toVscodeRange(edit.range), edit.newText);
  return action;
}

export class JobCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: JobDiagnostics) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => codeOf(d) !== undefined);
    if (ours.length === 0) return [];
    const result = await this.diagnostics.resultFor(document);
    const actions: vscode.CodeAction[] = [];
    for (const shown of ours) {
      const core = this.diagnostics.coreDiagnostic(document, shown);
      const code = codeOf(shown) ?? '';
      const input: FixInput = { document, shown, core, result };
      if (core?.fixes?.length) actions.push(...core.fixes.map((fix) => fromCoreFix(document, shown, fix)));
      else actions.push(...(FALLBACK_BUILDERS[code]?.(input) ?? []));
      actions.push(...(EXTRA_BUILDERS[code]?.(input) ?? []));
    }
    return actions;
  }
}
