import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as vscode from 'vscode';
import { EMULATOR_DEFAULTS } from '../../emulator/server/options';
import { loadConnections, SECRET_KINDS } from '../../salesforce';
import type { SfjobContext } from '../context';
import { isJobFile } from '../job-files';
import { isLocalOrgUrl, openConnectionsFile, showLogAction } from '../online/org-failure';
import { VsCodeSecretStore } from './secret-storage';

/** What "sfjob: Start Local Org" returns to its caller (the in-editor tests read it). */
export interface LocalOrgStarted {
  connection: string;
  url: string;
  /** False when an org was already listening there (started earlier, or by `sfjob emulator` in a terminal). */
  started: boolean;
}

interface Credentials {
  url: string;
  clientSecret: string;
  password: string;
}

/** The emulator child of a window, stopped when the extension is deactivated. */
interface RunningOrg {
  child: ChildProcess;
  credentials: Credentials;
}

const running = new WeakMap<vscode.ExtensionContext, RunningOrg>();

function activeJobPath(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === 'file' && isJobFile(uri.path) ? uri.fsPath : undefined;
}

/** The connections file's folder to read: the active job's, else the first workspace folder. */
function lookupRoot(): string | undefined {
  const job = activeJobPath();
  return job ? path.dirname(job) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/**
 * Starts `sfjob emulator` (the CLI the extension carries) as a child of the extension host, on the
 * port the connection's environmentUrl names, and resolves with the credentials it prints. A child
 * rather than the emulator in process keeps the extension's own bundle small and the org's work off
 * the extension host's thread.
 */
async function startChild(extension: vscode.ExtensionContext, port: number): Promise<RunningOrg> {
  const cli = path.join(extension.extensionPath, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`the bundled CLI ${cli} is missing; build the extension first (npm run build)`);
  // ELECTRON_RUN_AS_NODE makes VS Code's own executable behave as Node; plain Node ignores it.
  const child = spawn(process.execPath, [cli, 'emulator', '--port', String(port), '--json'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = readline.createInterface({ input: child.stdout! });
  try {
    const credentials = await new Promise<Credentials>((resolve, reject) => {
      lines.once('line', (line) => {
        try {
          const printed = JSON.parse(line) as Credentials;
          resolve({ url: printed.url, clientSecret: printed.clientSecret, password: printed.password });
        } catch {
          reject(new Error('the local org printed something other than its address'));
        }
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(stderr.replace(/^sfjob emulator: (error: )?/m, '').trim() || `the local org stopped at once (exit code ${String(code)})`)));
    });
    return { child, credentials };
  } finally {
    lines.close();
  }
}

/** Whether an org emulator already answers at the URL (its control page exists only there). */
async function emulatorAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/__emulator`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function chooseConnection(ctx: SfjobContext, name: string | undefined): Promise<{ name: string; url: string } | undefined> {
  const root = lookupRoot();
  let local: { name: string; url: string }[] = [];
  try {
    const loaded = root ? loadConnections(root) : undefined;
    local = Object.entries(loaded?.connections ?? {})
      .filter(([, connection]) => isLocalOrgUrl(connection.environmentUrl))
      .map(([connectionName, connection]) => ({ name: connectionName, url: String(connection.environmentUrl).replace(/\/$/, '') }));
  } catch (error) {
    ctx.prompts.notify('error', `Start Local Org: ${(error as Error).message}`, [{ title: 'Open Connections File', run: () => openConnectionsFile(ctx, activeJobPath()) }]);
    return undefined;
  }
  const named = name ? local.find((c) => c.name === name) : undefined;
  if (named) return named;
  if (local.length === 0 || name) {
    const why = name ? `connection "${name}" does not point at a local org (an http://127.0.0.1:PORT environmentUrl)` : 'no connection points at a local org (an http://127.0.0.1:PORT environmentUrl)';
    ctx.prompts.notify('error', `Start Local Org: ${why}. Add one to sfjob.connections.json, as the examples' "local" connection does.`, [{ title: 'Open Connections File', run: () => openConnectionsFile(ctx, activeJobPath()) }]);
    return undefined;
  }
  if (local.length === 1) return local[0];
  const picked = await ctx.prompts.pickOne(
    local.map((c) => c.name),
    { title: 'sfjob: Start Local Org', placeHolder: 'For which connection?' },
  );
  return local.find((c) => c.name === picked);
}

/**
 * "sfjob: Start Local Org": starts the local org emulator on the port a local connection names and
 * gives that connection the emulator's public demo credentials through VS Code's secret storage (never
 * a file). An org already listening there is used as it is. The org stops with the window.
 */
export async function startLocalOrgCommand(ctx: SfjobContext, name?: unknown): Promise<LocalOrgStarted | undefined> {
  const target = await chooseConnection(ctx, typeof name === 'string' ? name : undefined);
  if (!target) return undefined;
  const port = Number(new URL(target.url).port || 80);
  let credentials: Credentials;
  let started = false;
  const mine = running.get(ctx.extension);
  if (mine && mine.child.exitCode === null && mine.credentials.url === target.url) {
    credentials = mine.credentials;
  } else {
    try {
      const org = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `sfjob: starting the local org on port ${port}…` }, () => startChild(ctx.extension, port));
      mine?.child.kill();
      running.set(ctx.extension, org);
      ctx.extension.subscriptions.push({ dispose: () => org.child.kill() });
      org.child.once('exit', () => {
        if (running.get(ctx.extension) === org) running.delete(ctx.extension);
      });
      credentials = org.credentials;
      started = true;
    } catch (error) {
      const message = (error as Error).message;
      if (/already in use/.test(message) && (await emulatorAnswers(target.url))) {
        // An emulator started elsewhere (a terminal's `sfjob emulator`) has the same public demo credentials.
        credentials = { url: target.url, clientSecret: EMULATOR_DEFAULTS.clientSecret, password: EMULATOR_DEFAULTS.password };
      } else {
        ctx.output.error(`Start Local Org: ${message}`);
        ctx.prompts.notify('error', `Start Local Org: ${message}`, [{ title: 'Open Connections File', run: () => openConnectionsFile(ctx, activeJobPath()) }, showLogAction(ctx)]);
        return undefined;
      }
    }
  }
  const store = new VsCodeSecretStore(ctx.extension.secrets);
  // Tokens of an earlier org are worthless against this one; its secrets replace whatever was stored.
  for (const kind of SECRET_KINDS) await store.delete(target.name, kind);
  await store.set(target.name, 'clientSecret', credentials.clientSecret);
  await store.set(target.name, 'password', credentials.password);
  const how = started ? 'started' : 'already running';
  ctx.output.info(`Start Local Org: the local org at ${target.url} is ${how}; connection "${target.name}" has its demo credentials in VS Code's secret storage.`);
  ctx.prompts.notify('info', `The local org at ${target.url} is ${how}, and connection "${target.name}" can use it. It stops when the window closes.`, [showLogAction(ctx)]);
  return { connection: target.name, url: target.url, started };
}
