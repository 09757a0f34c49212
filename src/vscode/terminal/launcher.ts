import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The `sfjob` command of VS Code's integrated terminals: a folder holding a launcher script that runs
 * the CLI bundled with the extension. The launcher runs it with the runtime the extension host runs on
 * (process.execPath, with ELECTRON_RUN_AS_NODE=1 so VS Code's own binary behaves as Node.js) rather
 * than the `node` of the terminal's PATH: a terminal may have no Node.js at all, or one older than
 * sfjob needs, while the extension host's runtime is always there and is the one the bundle was built for.
 */
export interface LauncherFile {
  name: string;
  text: string;
}

/** A path inside single quotes, as sh reads it back unchanged whatever it holds. */
function shQuoted(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

export function launcherFiles(runtime: string, cli: string, platform: NodeJS.Platform = process.platform): LauncherFile[] {
  if (platform === 'win32') {
    // setlocal keeps ELECTRON_RUN_AS_NODE out of the terminal's own environment.
    return [{ name: 'sfjob.cmd', text: `@echo off\r\nsetlocal\r\nset ELECTRON_RUN_AS_NODE=1\r\n"${runtime}" "${cli}" %*\r\n` }];
  }
  return [{ name: 'sfjob', text: `#!/bin/sh\n# The sfjob CLI bundled with the VS Code extension, on the runtime of VS Code's extension host.\nELECTRON_RUN_AS_NODE=1 exec ${shQuoted(runtime)} ${shQuoted(cli)} "$@"\n` }];
}

/**
 * Writes the launcher into `folder` (only what changed: activation stays cheap) and returns the folder,
 * for the terminals' PATH.
 */
export function writeLauncher(folder: string, runtime: string, cli: string, platform: NodeJS.Platform = process.platform): string {
  fs.mkdirSync(folder, { recursive: true });
  for (const file of launcherFiles(runtime, cli, platform)) {
    const target = path.join(folder, file.name);
    let current: string | undefined;
    try {
      current = fs.readFileSync(target, 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== file.text) fs.writeFileSync(target, file.text, { mode: 0o755 });
    if (platform !== 'win32') fs.chmodSync(target, 0o755);
  }
  return folder;
}
