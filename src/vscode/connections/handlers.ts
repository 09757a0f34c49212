import { authStatus } from '../../app/auth-status';
import { signIn } from '../../app/sign-in';
import { REQUIRED_SECRETS, getConnection, loadConnections, EnvSecretStore, LayeredSecretStore, SECRET_KINDS, type ConnectionStatus, type LoadedConnections, type SecretKind, type ConnectionCheck } from '../../salesforce';
import { VsCodeSecretStore, type SecretStorageLike } from './secret-storage';

/**
 * What the connection commands need from the editor. The VS Code adapter (commands.ts) fills it from
 * vscode.window and vscode.env; keeping the handlers free of the vscode module lets them be tested alone.
 */
export interface ConnectionUi {
  /** The folder the connections file is looked up from (the active job's folder or the workspace root). */
  workspaceRoot(): string | undefined;
  pickConnection(names: string[], title: string): Promise<string | undefined>;
  /** Asks for a secret with the input hidden; undefined when the person cancels. */
  askSecret(prompt: string): Promise<string | undefined>;
  openExternal(url: string): Promise<boolean>;
  /** Runs work under a cancellable progress notification. */
  withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  info(message: string): void;
  warn(message: string): void;
  /** Shows a failure; `cause` is given when signing in to a connection failed, so the editor can offer the fix. */
  error(message: string, cause?: { error: unknown; connection: string; command: 'authorize' | 'test' }): void;
  /** The output channel: never given a secret (everything passes through redactSecrets first). */
  log(message: string): void;
}

export interface ConnectionDeps {
  ui: ConnectionUi;
  storage: SecretStorageLike;
  env: NodeJS.ProcessEnv;
}

const SECRET_PROMPTS: Partial<Record<SecretKind, string>> = {
  clientSecret: "the connected app's consumer secret",
  password: "the integration user's password",
  securityToken: "the user's security token (leave empty when the org trusts this IP range)",
};

/** VS Code's secret storage first, then environment variables (set for the editor's process). */
export function editorSecretStore(deps: Pick<ConnectionDeps, 'storage' | 'env'>): LayeredSecretStore {
  return new LayeredSecretStore([new VsCodeSecretStore(deps.storage), new EnvSecretStore(deps.env)]);
}

function load(deps: ConnectionDeps): LoadedConnections | undefined {
  const root = deps.ui.workspaceRoot();
  if (!root) {
    deps.ui.error('sfjob: open a folder with an sfjob.connections.json first.');
    return undefined;
  }
  try {
    return loadConnections(root);
  } catch (error) {
    deps.ui.error(`sfjob: ${(error as Error).message}`, { error, connection: '', command: 'test' });
    return undefined;
  }
}

async function choose(deps: ConnectionDeps, loaded: LoadedConnections, name: string | undefined, title: string): Promise<string | undefined> {
  if (name) return name;
  const names = Object.keys(loaded.connections);
  if (names.length === 0) {
    deps.ui.error(`sfjob: ${loaded.file} defines no connections yet: add one under "connections".`, { error: undefined, connection: '', command: 'test' });
    return undefined;
  }
  return names.length === 1 ? names[0] : deps.ui.pickConnection(names, title);
}

/** Asks for the secrets a flow needs that no store has yet, and keeps them in VS Code's secret storage. */
async function askMissingSecrets(deps: ConnectionDeps, loaded: LoadedConnections, name: string): Promise<boolean> {
  const { connection } = getConnection(loaded, name);
  const store = editorSecretStore(deps);
  const wanted: SecretKind[] = [...REQUIRED_SECRETS[connection.flow].filter((kind) => kind !== 'refreshToken')];
  if (connection.flow === 'webServer' && connection.pkce === false) wanted.push('clientSecret');
  let askedPassword = false;
  for (const kind of wanted) {
    if ((await store.get(name, kind)) !== undefined) continue;
    const value = await deps.ui.askSecret(`Connection "${name}": ${SECRET_PROMPTS[kind] ?? kind}`);
    if (value === undefined) return false;
    if (value !== '') await store.set(name, kind, value);
    askedPassword ||= kind === 'password';
  }
  // The security token is optional (trusted IP ranges need none), so it is asked for only together with
  // a new password: an empty answer must not bring the question back on every authorization.
  if (askedPassword && (await store.get(name, 'securityToken')) === undefined) {
    const token = await deps.ui.askSecret(`Connection "${name}": ${SECRET_PROMPTS.securityToken}`);
    if (token) await store.set(name, 'securityToken', token);
  }
  return true;
}

function describeCheck(name: string, check: ConnectionCheck): string {
  const usage = check.apiUsage ? `, ${check.apiUsage.remaining} of ${check.apiUsage.limit} API requests left today` : '';
  return `sfjob: connection "${name}" works: ${check.username ?? 'unknown user'} in org ${check.orgId ?? 'unknown'} (${check.instanceUrl}, API v${check.apiVersion}${usage}).`;
}

/**
 * "sfjob: Authorize Connection": asks for missing secrets, signs in (the browser for webServer, with a
 * cancellable wait for the callback), saves the tokens in SecretStorage and shows who is signed in.
 */
export async function authorizeConnection(deps: ConnectionDeps, name?: string): Promise<ConnectionCheck | undefined> {
  const loaded = load(deps);
  if (!loaded) return undefined;
  const chosen = await choose(deps, loaded, name, 'sfjob: Authorize Connection');
  if (!chosen) return undefined;
  if (!(await askMissingSecrets(deps, loaded, chosen))) return undefined;
  try {
    const { check } = await deps.ui.withProgress(`sfjob: authorizing "${chosen}"…`, (signal) =>
      signIn(chosen, {
        workspaceRoot: loaded.root,
        secrets: editorSecretStore(deps),
        env: deps.env,
        mode: 'authorize',
        progress: { warning: (message) => deps.ui.warn(`sfjob: ${message}`) },
        signal,
        interactive: {
          signal,
          openBrowser: async (url) => {
            deps.ui.log(`Opening the Salesforce sign-in page for "${chosen}" (PKCE and state protect it).`);
            if (!(await deps.ui.openExternal(url))) throw new Error('the browser could not be opened; copy the address from the output channel instead.');
          },
        },
      }),
    );
    const message = describeCheck(chosen, check);
    deps.ui.info(message);
    deps.ui.log(message);
    return check;
  } catch (error) {
    // The use case masked every secret of the session in what it throws.
    const message = `sfjob: ${(error as Error).message}`;
    deps.ui.error(message, { error, connection: chosen, command: 'authorize' });
    deps.ui.log(message);
    return undefined;
  }
}

/** "sfjob: Test Connection": connects without signing in again and reports identity, org and API usage. */
export async function testConnectionCommand(deps: ConnectionDeps, name?: string): Promise<ConnectionCheck | undefined> {
  const loaded = load(deps);
  if (!loaded) return undefined;
  const chosen = await choose(deps, loaded, name, 'sfjob: Test Connection');
  if (!chosen) return undefined;
  try {
    const { check } = await deps.ui.withProgress(`sfjob: testing "${chosen}"…`, () =>
      signIn(chosen, { workspaceRoot: loaded.root, secrets: editorSecretStore(deps), env: deps.env, mode: 'check', progress: { warning: (m) => deps.ui.warn(`sfjob: ${m}`) } }),
    );
    deps.ui.info(describeCheck(chosen, check));
    return check;
  } catch (error) {
    deps.ui.error(`sfjob: ${(error as Error).message}`, { error, connection: chosen, command: 'test' });
    return undefined;
  }
}

/**
 * "sfjob: Sign Out Connection" (command id sfjob.forgetConnectionCredentials, kept for key bindings):
 * removes every secret and token of the connection from SecretStorage, so nothing in the editor can
 * reach the org with it until it is authorized again.
 */
export async function forgetConnection(deps: ConnectionDeps, name?: string): Promise<boolean> {
  const loaded = load(deps);
  if (!loaded) return false;
  const chosen = await choose(deps, loaded, name, 'sfjob: Sign Out Connection');
  if (!chosen) return false;
  const store = new VsCodeSecretStore(deps.storage);
  for (const kind of SECRET_KINDS) await store.delete(chosen, kind);
  deps.ui.info(`sfjob: signed out of "${chosen}": its saved credentials are removed from VS Code's secret storage. Environment variables, if set, still apply.`);
  return true;
}

/** "sfjob: Show Connection Status": every connection's flow, credentials and expiry, in the output channel. */
export async function showConnectionStatus(deps: ConnectionDeps, now = new Date()): Promise<ConnectionStatus[] | undefined> {
  const loaded = load(deps);
  if (!loaded) return undefined;
  const { connections: statuses } = await authStatus(loaded.root, { secrets: editorSecretStore(deps), now });
  deps.ui.log(`Connections in ${loaded.file}:`);
  for (const status of statuses) {
    const credentials = status.ready ? 'ready' : `missing ${status.missing.join('; ')}`;
    deps.ui.log(`  ${status.name} (${status.flow}, ${status.loginUrl}): ${credentials}${status.expiry.message ? `. ${status.expiry.message}` : ''}`);
    if (status.expiry.state === 'warn') deps.ui.warn(`sfjob: ${status.expiry.message}`);
    if (status.expiry.state === 'expired') deps.ui.error(`sfjob: ${status.expiry.message}`);
  }
  return statuses;
}
