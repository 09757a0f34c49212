import { envNameOf } from '../../core/job/connections-schema';
import { SecretStoreError, type SecretKind, type SecretStore } from './types';

const SUFFIXES: Record<SecretKind, string> = {
  clientSecret: 'CLIENT_SECRET',
  password: 'PASSWORD',
  securityToken: 'SECURITY_TOKEN',
  refreshToken: 'REFRESH_TOKEN',
  accessToken: 'ACCESS_TOKEN',
  instanceUrl: 'INSTANCE_URL',
};

/** The environment variable holding a connection's secret: SFJOB_<NAME>_CLIENT_SECRET and so on. */
export function secretEnvVar(connectionName: string, kind: SecretKind): string {
  return `SFJOB_${envNameOf(connectionName)}_${SUFFIXES[kind]}`;
}

/** Secrets from environment variables, the way CI passes them. Read-only: tokens are never written back. */
export class EnvSecretStore implements SecretStore {
  readonly description = 'environment variables';
  readonly writable = false;

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  async get(connectionName: string, kind: SecretKind): Promise<string | undefined> {
    const value = this.env[secretEnvVar(connectionName, kind)];
    return value === undefined || value === '' ? undefined : value;
  }

  async set(connectionName: string, kind: SecretKind, _value: string): Promise<void> {
    throw new SecretStoreError(`Cannot save ${kind} of "${connectionName}" into environment variables; use the credentials file or VS Code's secret storage.`);
  }

  async delete(connectionName: string, kind: SecretKind): Promise<void> {
    throw new SecretStoreError(`Cannot remove ${kind} of "${connectionName}" from environment variables; unset ${secretEnvVar(connectionName, kind)} yourself.`);
  }
}
