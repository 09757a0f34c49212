import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { writeLauncher } from './launcher';

/**
 * Puts `sfjob` on the PATH of the integrated terminals this extension's window opens, running the CLI
 * the extension carries (dist/cli.js), so the commands the docs and messages name work there as typed.
 */
export function putSfjobOnTerminalPath(extension: vscode.ExtensionContext): void {
  const cli = path.join(extension.extensionPath, 'dist', 'cli.js');
  // A development host started from the sources before a build has no CLI to offer.
  if (!fs.existsSync(cli)) return;
  try {
    const folder = writeLauncher(path.join(extension.globalStorageUri.fsPath, 'bin'), process.execPath, cli);
    const collection = extension.environmentVariableCollection;
    collection.description = 'Puts the sfjob command on the PATH.';
    collection.prepend('PATH', `${folder}${path.delimiter}`);
  } catch {
    // An unwritable storage folder costs the terminal command only; the editor features do not need it.
  }
}
