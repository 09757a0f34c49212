import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { suiteLog } from './log';

/**
 * The entry the extension host calls through extensionTestsPath, under code-server and under
 * @vscode/test-electron alike. Rejecting makes the host exit with code 1.
 */
export async function run(): Promise<void> {
  // The spec reporter writes through Base.consoleLog; routing it through suiteLog marks each line so the
  // launcher can tell the report from the workbench's own console noise.
  Mocha.reporters.Base.consoleLog = suiteLog;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.SFJOB_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  for (const name of fs.readdirSync(__dirname).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(path.join(__dirname, name));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} in-host test(s) failed.`);
}
