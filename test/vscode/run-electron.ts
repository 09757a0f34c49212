/**
 * Runs the same in-host suite in desktop VS Code through @vscode/test-electron, for machines that have
 * VS Code or can download it. SFJOB_VSCODE_EXECUTABLE points at an installed VS Code; without it
 * test-electron downloads one (which needs access to Microsoft's update service).
 *
 *   node scripts/code-server/build-suite.js && tsx test/vscode/run-electron.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareTestDirs, repoRoot } from './harness/workspace';

async function main(): Promise<number> {
  const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) throw new Error('the suite is not built: run "node scripts/code-server/build-suite.js" first.');
  const dirs = prepareTestDirs();
  try {
    return await runTests({
      vscodeExecutablePath: process.env.SFJOB_VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [dirs.workspace, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    dirs.remove();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[test:vscode:electron] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
