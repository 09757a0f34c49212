import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import type { CliIo } from '../../../src/cli/command';
import { main } from '../../../src/cli/main';
import type { EmulatorHandle } from '../../../src/emulator/index';
import { copyExampleWorkspace } from '../../helpers/examples';
import { emulatorWorkspace, localConnection, type TestWorkspace } from '../salesforce/workspace';

export { localConnection };

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI command in process, with its own output captured, as a user in `cwd` would. */
export async function sfjob(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env, isTTY: false, version: '0.0.0-test' };
  const code = await main(args, io);
  return { code, stdout, stderr };
}


/**
 * A throwaway copy of the examples workspace (jobs, samples, rules and the committed describe cache)
 * whose "local" connection reaches the emulator. The broken examples keep their other connections.
 */
export function examplesWorkspace(emulator: EmulatorHandle): TestWorkspace {
  const workspace = emulatorWorkspace(emulator);
  copyExampleWorkspace(workspace.root);
  workspace.writeConnections({ local: localConnection(emulator) });
  const brokenConnections = path.join(workspace.root, 'broken', 'sfjob.connections.json');
  const text = fs.readFileSync(brokenConnections, 'utf8');
  fs.writeFileSync(brokenConnections, applyEdits(text, modify(text, ['connections', 'local'], localConnection(emulator), {})));
  return workspace;
}

export function exampleJobs(folder: string): string[] {
  return fs.readdirSync(folder).filter((f) => f.endsWith('.sfjob.json')).sort();
}

/** The text a 0-based range covers in a file. */
export function textAt(fileText: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = fileText.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((sum, l) => sum + l.length + 1, 0) + p.character;
  return fileText.slice(offset(range.start), offset(range.end));
}

export const DESCRIBE_ORG = path.join('.sfjob', 'describe', '00D5g000004sfJbEAI');
