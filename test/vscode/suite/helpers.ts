import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { SfjobApi } from '../../../src/vscode/extension';

export const EXTENSION_ID = 'sfjob.sfjob';

export async function sfjobApi(): Promise<SfjobApi> {
  const extension = vscode.extensions.getExtension<SfjobApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this window`);
  return extension.activate();
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the example workspace open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export const fixtureUri = (...segments: string[]) => workspaceUri('sfjob-test', ...segments);

/**
 * Runs `start` and resolves with the document's diagnostics once `start` has finished and a check of the
 * document (during or after it) left diagnostics that `accept` takes.
 */
export async function diagnosticsWhen(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, start?: () => Thenable<unknown> | void): Promise<vscode.Diagnostic[]> {
  const api = await sfjobApi();
  return new Promise<vscode.Diagnostic[]>((resolve, reject) => {
    let started = start === undefined;
    let accepted: vscode.Diagnostic[] | undefined;
    const settle = () => {
      if (!started || !accepted) return;
      subscription.dispose();
      resolve(accepted);
    };
    const subscription = api.onDidValidate((validated) => {
      if (validated.toString() !== uri.toString()) return;
      const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sfjob');
      accepted = accept(diagnostics) ? diagnostics : undefined;
      settle();
    });
    Promise.resolve(start?.()).then(
      () => {
        started = true;
        settle();
      },
      (error: unknown) => {
        subscription.dispose();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function codesOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
}

export function withCode(diagnostics: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic | undefined {
  return diagnostics.find((d) => typeof d.code === 'object' && d.code.value === code);
}

/** Opens a job in an editor and resolves once its first check has finished. */
export async function openChecked(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean = () => true): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  let document: vscode.TextDocument | undefined;
  const diagnostics = await diagnosticsWhen(uri, accept, async () => {
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });
  return { document: document ?? (await vscode.workspace.openTextDocument(uri)), diagnostics };
}

/**
 * Resolves with all of a document's diagnostics once VS Code's own JSON service has reported on it (any
 * diagnostic whose source is not sfjob): syntax mistakes are that service's to report in the editor.
 */
export function jsonServiceReported(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const all = vscode.languages.getDiagnostics(uri);
      if (!all.some((d) => d.source !== 'sfjob')) return false;
      subscription.dispose();
      resolve(all);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function readText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
}

/**
 * A private copy of a fixture job (and its sample) under a new name, so a test can edit it freely.
 * Returns the copy's job uri.
 */
export async function copyJob(fixture: string, copyName: string): Promise<vscode.Uri> {
  const job = fixtureUri('jobs', `${copyName}.sfjob.json`);
  await writeText(job, await readText(fixtureUri('jobs', `${fixture}.sfjob.json`)));
  try {
    await writeText(fixtureUri('jobs', `${copyName}.sample.json`), await readText(fixtureUri('jobs', `${fixture}.sample.json`)));
  } catch {
    // The fixture has no sample.
  }
  return job;
}

/** The text a vscode range covers. */
export function textAt(document: vscode.TextDocument, range: vscode.Range): string {
  return document.getText(range);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The output channel's log file, once it holds `expected` (the log is written asynchronously). */
export async function outputLogWith(expected: RegExp): Promise<string> {
  const log = (await sfjobApi()).outputLog;
  let text = '';
  for (let attempt = 0; attempt < 50; attempt++) {
    text = fs.existsSync(log.fsPath) ? fs.readFileSync(log.fsPath, 'utf8') : '';
    if (expected.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the output channel (${log.fsPath}) never said ${expected}; it holds:\n${text}`);
}
