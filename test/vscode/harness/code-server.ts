import { type ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';

export const CODE_SERVER_VERSION = '4.100.3';
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const packageDir = path.join(repoRoot, '.cache', 'code-server', 'package');
const entry = path.join(packageDir, 'out', 'node', 'entry.js');
const marker = path.join(repoRoot, '.cache', 'code-server', `provisioned-${CODE_SERVER_VERSION}`);

export interface CodeServer {
  port: number;
  origin: string;
  /** Forwarded lines of the server's own output, for failure reports. */
  output: string[];
  stop(): Promise<void>;
}

export interface CodeServerDirs {
  userDataDir: string;
  extensionsDir: string;
}

/** Tests never download anything: a missing code-server is a setup step the person has to run. */
export function requireProvisioned(): void {
  if (!fs.existsSync(marker) || !fs.existsSync(entry)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not provisioned in .cache/code-server: run "npm run setup:vscode" first (it needs the npm registry, and the chromium and ripgrep apt packages).`);
  }
}

function baseArgs(dirs: CodeServerDirs): string[] {
  return ['--disable-telemetry', '--disable-update-check', '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** Installs a packaged .vsix into the extensions folder, as a user would with --install-extension. */
export async function installExtension(vsixPath: string, dirs: CodeServerDirs): Promise<void> {
  requireProvisioned();
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [entry, ...baseArgs(dirs), '--install-extension', vsixPath], { cwd: packageDir });
  const output = `${stdout}${stderr}`;
  if (!/successfully installed/i.test(output)) throw new Error(`installing ${vsixPath} into code-server failed:\n${output}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts code-server on 127.0.0.1 and resolves once it says it is listening. */
export async function startCodeServer(dirs: CodeServerDirs, log: (line: string) => void): Promise<CodeServer> {
  requireProvisioned();
  const port = await freePort();
  const args = [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...baseArgs(dirs), '--disable-workspace-trust'];
  const child = spawn(process.execPath, args, { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const server: CodeServer = { port, origin: `http://127.0.0.1:${port}`, output, stop: () => stopProcess(child) };
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        output.push(line);
        log(line);
        if (line.includes('HTTP server listening on')) resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`code-server exited with code ${code} before listening:\n${output.join('\n')}`)));
  });
  return server;
}
