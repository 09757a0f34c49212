import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyExampleWorkspace } from '../../helpers/examples';

/** The org id the describe fixture is cached under. */
export const DESCRIBE_ORG_ID = '00D000000000001AAA';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface TestDirs {
  root: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  remove(): void;
}

/**
 * A throw-away copy of the example workspace plus the suite's own fixtures (under sfjob-test/), so tests
 * can edit and save files without touching the repository.
 */
export function prepareTestDirs(): TestDirs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-vscode-'));
  const workspace = path.join(root, 'workspace');
  copyExampleWorkspace(workspace);
  const fixtures = path.join(repoRoot, 'test', 'vscode', 'fixtures');
  for (const folder of ['jobs', 'secret']) fs.cpSync(path.join(fixtures, folder), path.join(workspace, 'sfjob-test', folder), { recursive: true });
  // The describe cache is git-ignored wherever it is, so its fixture lives under another name. It is the
  // cache of the fixture jobs' workspace (the folder of their connections file), for their connection.
  const orgDir = path.join(workspace, 'sfjob-test', 'jobs', '.sfjob', 'describe', DESCRIBE_ORG_ID);
  fs.cpSync(path.join(fixtures, 'describe'), orgDir, { recursive: true });
  const objects = fs.readdirSync(orgDir).map((file) => [file.replace(/\.json$/, ''), { fetchedAt: new Date().toISOString(), apiVersion: '62.0' }]);
  // "Cse" is an object the org said it does not have, so a query on it is an unknown object with a fix.
  const missing = { Cse: { fetchedAt: new Date().toISOString() } };
  fs.writeFileSync(path.join(orgDir, '_cache.json'), JSON.stringify({ orgId: DESCRIBE_ORG_ID, connections: ['acme-prod'], objects: Object.fromEntries(objects), missing }, null, 2));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Settings that keep the window quiet and deterministic for tests.
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off', 'workbench.tips.enabled': false }, null, 2),
  );
  return { root, workspace, userDataDir, extensionsDir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** The workbench URL that opens a folder and passes the test payload, as VS Code's own web test runner does. */
export function workbenchUrl(origin: string, folder: string, payload: [string, string][]): string {
  const query = new URLSearchParams({ folder });
  let url = `${origin}/?${query.toString()}`;
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export function remoteUri(origin: string, absolutePath: string): string {
  return `vscode-remote://${new URL(origin).host}${absolutePath}`;
}
