import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection } from '../../../src/core/job/connections-schema';
import type { EmulatorHandle } from '../../../src/emulator/index';
import { createCliSecretStore } from '../../../src/salesforce/connect';
import type { LayeredSecretStore } from '../../../src/salesforce/secrets/layered-store';
import { announceTestSecret } from '../../helpers/secret-channels';

/** The emulator as the "local" connection, through the client credentials flow. */
export function localConnection(emulator: EmulatorHandle): Connection {
  return { environmentUrl: emulator.url, clientId: emulator.clientId, flow: 'clientCredentials' } as Connection;
}

/** A workspace whose "local" connection reaches the emulator, its client secret in the environment. */
export function emulatorWorkspace(emulator: EmulatorHandle): TestWorkspace {
  return new TestWorkspace({ local: localConnection(emulator) }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
}

/**
 * A throwaway workspace (with sfjob.connections.json) and a separate home folder (with the credentials
 * file), so nothing a test writes lands in the repository, and every file can be scanned for secrets.
 */
export class TestWorkspace {
  readonly base = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-auth-it-'));
  readonly root = path.join(this.base, 'workspace');
  readonly home = path.join(this.base, 'home');
  readonly credentialsFile = path.join(this.home, '.config', 'sfjob', 'credentials.json');
  env: NodeJS.ProcessEnv;

  constructor(connections: Record<string, Connection>, env: Record<string, string> = {}) {
    fs.mkdirSync(this.root, { recursive: true });
    fs.mkdirSync(this.home, { recursive: true });
    this.env = { PATH: process.env.PATH, HOME: this.home, SFJOB_CREDENTIALS_FILE: this.credentialsFile, ...env };
    for (const [name, value] of Object.entries(env)) if (/SECRET|PASSWORD|TOKEN/.test(name)) announceTestSecret(value);
    this.writeConnections(connections);
  }

  writeConnections(connections: Record<string, Connection>): void {
    fs.writeFileSync(path.join(this.root, 'sfjob.connections.json'), JSON.stringify({ connections }, null, 2));
  }

  secrets(): LayeredSecretStore {
    return createCliSecretStore(this.env, { workspaceRoot: this.root, homeDir: this.home });
  }

  saved(): Record<string, Record<string, string>> {
    if (!fs.existsSync(this.credentialsFile)) return {};
    return (JSON.parse(fs.readFileSync(this.credentialsFile, 'utf8')) as { connections: Record<string, Record<string, string>> }).connections;
  }

  /** Every file under the workspace and home, with its text, except the credentials file (the one place secrets belong). */
  filesOutsideTheCredentialsFile(): { file: string; text: string }[] {
    const found: { file: string; text: string }[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (full !== this.credentialsFile) found.push({ file: full, text: fs.readFileSync(full, 'utf8') });
      }
    };
    walk(this.base);
    return found;
  }

  remove(): void {
    fs.rmSync(this.base, { recursive: true, force: true });
  }
}
