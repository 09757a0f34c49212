import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The module object itself, whose functions the runner's imports read at each call. */
const fs = createRequire(__filename)('node:fs/promises') as typeof import('node:fs/promises');

/**
 * `sfjob run` in a process of its own that kills itself (SIGKILL, no chance to clean up) at a chosen
 * point, for the fault matrix's "kill leftovers" row: `publish` just before the finished output is put
 * in place (its temporary file and the staged state exist), `report` just before the report's
 * temporary file is renamed into place (output and state already published).
 */
async function runAndDie(workspaceRoot: string, jobFile: string, killAt: string): Promise<void> {
  const original = { link: fs.link, rename: fs.rename };
  const die = (): never => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable');
  };
  (fs as { link: typeof fs.link }).link = async (from, to) => (killAt === 'publish' ? die() : original.link(from, to));
  (fs as { rename: typeof fs.rename }).rename = async (from, to) =>
    killAt === 'report' && String(to).includes(`${path.sep}.sfjob${path.sep}runs${path.sep}`) ? die() : original.rename(from, to);
  const { main } = await import('../../src/cli/main');
  const code = await main(['run', jobFile], {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: workspaceRoot,
    env: process.env,
    isTTY: false,
    version: '0.0.0-test',
  });
  process.stderr.write(`the run ended with code ${code} instead of being killed\n`);
  process.exit(3);
}

const [workspaceRoot, jobFile, killAt] = process.argv.slice(2);
void runAndDie(workspaceRoot, jobFile, killAt);
