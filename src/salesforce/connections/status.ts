import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection, Flow } from '../../core/job/connections-schema';
import { secretEnvVar } from '../secrets/env-store';
import type { SecretKind, SecretStore } from '../secrets/types';
import { expiryStatus, type ExpiryStatus } from './expiry';
import { loginUrlOf, type LoadedConnections } from './load';
import { cliRemedy } from '../../core/remedies';

/** The secrets each flow cannot work without (the security token is optional: trusted IP ranges). */
export const REQUIRED_SECRETS: Record<Flow, readonly SecretKind[]> = {
  password: ['clientSecret', 'password'],
  clientCredentials: ['clientSecret'],
  webServer: ['refreshToken'],
  jwt: [],
  sfCli: [],
};

export interface ConnectionStatus {
  name: string;
  flow: Flow;
  loginUrl: string;
  /** True when everything the flow needs is present (secrets, key file); sfCli is checked at run time. */
  ready: boolean;
  /** What is missing, each with where to put it; never a secret value. */
  missing: string[];
  /** The secret kinds present, with the store each comes from. */
  present: { kind: SecretKind; source: string }[];
  expiry: ExpiryStatus;
}

interface SourceAware {
  sourceOf?(connectionName: string, kind: SecretKind): Promise<string | undefined>;
}

async function presence(secrets: SecretStore & SourceAware, name: string, kind: SecretKind): Promise<string | undefined> {
  if (secrets.sourceOf) return secrets.sourceOf(name, kind);
  return (await secrets.get(name, kind)) !== undefined ? secrets.description : undefined;
}

function missingSetting(connection: Connection): string[] {
  const missing: string[] = [];
  const needs: Partial<Record<Flow, (keyof Connection)[]>> = {
    password: ['clientId', 'username'],
    clientCredentials: ['clientId'],
    webServer: ['clientId'],
    jwt: ['clientId', 'username', 'jwtKeyFile'],
    sfCli: ['sfCliAlias'],
  };
  for (const key of needs[connection.flow] ?? []) if (!connection[key]) missing.push(`"${key}" in sfjob.connections.json`);
  return missing;
}

/**
 * What `sfjob auth --status` and the VS Code connections view show: per connection, its flow, whether
 * the credentials it needs are present (and where from), and where it stands against its expiration.
 */
export async function connectionStatuses(loaded: LoadedConnections, secrets: SecretStore, now: Date): Promise<ConnectionStatus[]> {
  const statuses: ConnectionStatus[] = [];
  for (const [name, connection] of Object.entries(loaded.connections)) {
    const missing = missingSetting(connection);
    const present: ConnectionStatus['present'] = [];
    for (const kind of ['clientSecret', 'password', 'securityToken', 'refreshToken', 'accessToken'] as const) {
      const source = await presence(secrets, name, kind);
      if (source) present.push({ kind, source });
      else if (REQUIRED_SECRETS[connection.flow].includes(kind)) {
        missing.push(kind === 'refreshToken' ? `a sign-in (run ${cliRemedy('authorize', name)})` : `${kind} (${secretEnvVar(name, kind)} or the credentials file)`);
      }
    }
    if (connection.flow === 'jwt' && connection.jwtKeyFile && !fs.existsSync(path.resolve(loaded.root, connection.jwtKeyFile))) {
      missing.push(`the key file ${path.resolve(loaded.root, connection.jwtKeyFile)}`);
    }
    statuses.push({ name, flow: connection.flow, loginUrl: loginUrlOf(connection), ready: missing.length === 0, missing, present, expiry: expiryStatus(name, connection, now) });
  }
  return statuses;
}
