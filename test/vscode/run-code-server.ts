/**
 * Runs the in-host suite (test/vscode/suite) in a real VS Code: code-server's workbench in Debian's
 * Chromium, driven by playwright-core. Exits with the suite's code and always stops the server and browser.
 *
 *   tsx test/vscode/run-code-server.ts            the extension from this folder (extensionDevelopmentPath)
 *   tsx test/vscode/run-code-server.ts --vsix F   the packaged extension F, installed with --install-extension
 *   --keep                                         keep the temporary workspace for a look afterwards
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/browser';
import { type CodeServer, installExtension, startCodeServer } from './harness/code-server';
import { SUITE_MARKER } from './suite/log';
import { prepareTestDirs, remoteUri, repoRoot, workbenchUrl } from './harness/workspace';

const suitePath = path.join(repoRoot, 'out', 'test', 'vscode', 'suite');

function formatLogArgs(args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  return list.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { vsix: { type: 'string' }, keep: { type: 'boolean' }, verbose: { type: 'boolean' } } });
  if (!fs.existsSync(path.join(suitePath, 'index.js'))) {
    throw new Error('the suite is not built: run "npm run test:vscode" (or node scripts/code-server/build-suite.js) first.');
  }
  const dirs = prepareTestDirs();
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    if (values.vsix) await installExtension(path.resolve(values.vsix), dirs);
    server = await startCodeServer(dirs, (line) => {
      if (values.verbose) process.stdout.write(`[code-server] ${line}\n`);
    });
    browser = await launchChromium();
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      page.on('close', () => resolve(1));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = formatLogArgs(args);
      if (type === 'error') process.stderr.write(`${text}\n`);
      else process.stdout.write(`${text}\n`);
    });
    // The extension host's console reaches the page's console; the suite marks its own lines.
    page.on('console', (message) => {
      const text = message.text();
      const marker = text.indexOf(SUITE_MARKER);
      if (marker >= 0) process.stdout.write(`${text.slice(marker + SUITE_MARKER.length + 1)}\n`);
      else if (values.verbose) process.stdout.write(`[console.${message.type()}] ${text}\n`);
    });
    // The workbench runs a suite only for a development extension. Under --vsix that is an empty one,
    // so the installed copy of sfjob is the one under test.
    const developmentPath = values.vsix ? path.join(repoRoot, 'test', 'vscode', 'host-extension') : repoRoot;
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', remoteUri(server.origin, developmentPath)],
      ['extensionTestsPath', remoteUri(server.origin, suitePath)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(server.origin, dirs.workspace, payload));
    return await exitCode;
  } finally {
    await browser?.close();
    await server?.stop();
    if (values.keep) process.stdout.write(`[test:vscode] workspace kept in ${dirs.root}\n`);
    else dirs.remove();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[test:vscode] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
