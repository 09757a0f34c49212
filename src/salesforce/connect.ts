import * as os from 'node:os';
import { DEFAULT_API_VERSION } from '../core/job/resolve';
import { assertNotExpired } from './connections/expiry';
import { getConnection, loadConnections, loginUrlOf, type NamedConnection } from './connections/load';
import { CredentialsFileStore, defaultCredentialsFile } from './secrets/credentials-file';
import { EnvSecretStore } from './secrets/env-store';
import { LayeredSecretStore } from './secrets/layered-store';
import type { SecretStore } from './secrets/types';
import type { AuthorizedConnection, InteractiveSignIn } from './session/types';

export interface ConnectOptions {
  /** Where to look for sfjob.connections.json: the job's folder or the workspace root (the search walks up). */
  workspaceRoot: string;
  secrets: SecretStore;
  /** The environment (PATH for the Salesforce CLI); default process.env. */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** The job's apiVersion; otherwise the connection's, otherwise the tool's default. */
  apiVersion?: string;
  /** Present when a person can sign in through the browser (webServer without a saved refresh token). */
  interactive?: InteractiveSignIn;
  /** How long one token request may take (a black-holed login host must not hang a run); default 60 s. */
  timeoutMs?: number;
  /** Non-fatal news for the person: an expiry coming up, a rotated token that could not be saved. */
  onWarning?: (message: string) => void;
}

/** The CLI's secrets: environment variables first (CI), then the user's credentials file. */
export function createCliSecretStore(env: NodeJS.ProcessEnv, options: { workspaceRoot?: string; homeDir?: string } = {}): LayeredSecretStore {
  const file = defaultCredentialsFile(env, options.homeDir ?? os.homedir());
  // Only a path someone chose can land in a repository by mistake; the default under ~/.config is kept even
  // when the workspace is the home folder itself.
  const guardRoot = env.SFJOB_CREDENTIALS_FILE ? options.workspaceRoot : undefined;
  return new LayeredSecretStore([new EnvSecretStore(env), new CredentialsFileStore(file, { workspaceRoot: guardRoot })]);
}

function resolveNamed(connectionName: string, options: ConnectOptions): NamedConnection {
  const named = getConnection(loadConnections(options.workspaceRoot), connectionName);
  const status = assertNotExpired(connectionName, named.connection, (options.now ?? (() => new Date()))());
  if (status.state === 'warn' && status.message) options.onWarning?.(status.message);
  return named;
}

async function open(named: NamedConnection, options: ConnectOptions, forceSignIn: boolean): Promise<AuthorizedConnection> {
  // jsforce (≈1.7 MB) is reached only through this dynamic import, so commands that never talk to the org
  // (validate, schema) never load it; esbuild keeps the module lazy in the bundle.
  const { openSession } = await import('./session/open.js');
  return openSession(
    {
      connectionName: named.name,
      connection: named.connection,
      root: named.root,
      loginUrl: loginUrlOf(named.connection),
      secrets: options.secrets,
      env: options.env ?? process.env,
      now: options.now ?? (() => new Date()),
      seen: new Set(),
      timeoutMs: options.timeoutMs,
      apiVersion: options.apiVersion ?? named.connection.apiVersion ?? DEFAULT_API_VERSION,
      interactive: options.interactive,
      onWarning: options.onWarning,
    },
    { forceSignIn },
  );
}

/**
 * An authorized jsforce Connection for a named connection, for the runner, validate-query and sample.
 * Fails before any request when the credential is past its declared expiration; uses the saved refresh
 * token (webServer) or the flow's own grant, and renews the session by itself when it expires.
 */
export async function connect(connectionName: string, options: ConnectOptions): Promise<AuthorizedConnection> {
  return open(resolveNamed(connectionName, options), options, false);
}

/**
 * Signs in again even when a session could be renewed: for webServer that means the browser and a new
 * refresh token. What the sign-in produced is saved in the (writable) secret store.
 */
export async function authorize(connectionName: string, options: ConnectOptions): Promise<AuthorizedConnection> {
  return open(resolveNamed(connectionName, options), options, true);
}
