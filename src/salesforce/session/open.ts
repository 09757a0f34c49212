import { Connection as JsforceConnection } from 'jsforce';
import { translateAuthError, type AuthErrorContext } from '../auth/errors';
import { secretEnvVar } from '../secrets/env-store';
import { redactSecrets } from '../secrets/redact';
import { obtainTokens, signIn, type TokenSource, type Tokens } from './tokens';
import type { AuthorizedConnection, InteractiveSignIn } from './types';
import { cliRemedy } from '../../core/remedies';

export interface OpenSessionInput extends TokenSource {
  apiVersion: string;
  /** Present when a person can sign in (sfjob auth, the VS Code command); absent for runs. */
  interactive?: InteractiveSignIn;
  /** Called when a refresh token rotated but the store could not keep it (environment variables in CI). */
  onWarning?: (message: string) => void;
}

function errorContext(input: OpenSessionInput, action: string): AuthErrorContext {
  return { connectionName: input.connectionName, connection: input.connection, loginUrl: input.loginUrl, action };
}

/** Runs a token request, turning failures into AuthErrors with every known secret masked. */
async function guarded<T>(input: OpenSessionInput, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const translated = translateAuthError(error, errorContext(input, action));
    translated.message = redactSecrets(translated.message, input.seen);
    throw translated;
  }
}

/**
 * Keeps what a grant produced where the next run finds it. A rotated refresh token must be saved or the
 * connection stops working at the next run; access tokens are saved so other tools can reuse the session.
 */
async function persist(input: OpenSessionInput, tokens: Tokens, previousRefreshToken: string | undefined): Promise<void> {
  // The Salesforce CLI keeps its own sessions; copying its token into a second store would only widen exposure.
  if (input.connection.flow === 'sfCli') return;
  const rotated = tokens.refreshToken !== undefined && tokens.refreshToken !== previousRefreshToken;
  if (!input.secrets.writable) {
    if (rotated && previousRefreshToken !== undefined) {
      input.onWarning?.(`Salesforce rotated the refresh token of connection "${input.connectionName}", but ${input.secrets.description} cannot store it. Run ${cliRemedy('authorize', input.connectionName)} where the credentials file is writable, or turn off refresh token rotation in the connected app.`);
    }
    return;
  }
  if (rotated) {
    await input.secrets.set(input.connectionName, 'refreshToken', tokens.refreshToken as string);
    // A token in an environment variable is read before the saved one, so the new token would be ignored.
    if ((await input.secrets.get(input.connectionName, 'refreshToken')) !== tokens.refreshToken) {
      input.onWarning?.(`A new refresh token of connection "${input.connectionName}" was saved, but ${secretEnvVar(input.connectionName, 'refreshToken')} is set and is read first. Unset it, or replace it with the saved token.`);
    }
  }
  await input.secrets.set(input.connectionName, 'accessToken', tokens.accessToken);
  await input.secrets.set(input.connectionName, 'instanceUrl', tokens.instanceUrl);
}

/**
 * Authorizes a connection and wraps the session in a jsforce Connection whose expired sessions renew by
 * themselves: on a 401 jsforce calls our refresh function, which uses the refresh token (webServer) or
 * repeats the flow's own grant (password, client credentials, JWT, the Salesforce CLI).
 */
export async function openSession(input: OpenSessionInput, options: { forceSignIn?: boolean } = {}): Promise<AuthorizedConnection> {
  const savedRefreshToken = await input.secrets.get(input.connectionName, 'refreshToken');
  if (savedRefreshToken) input.seen.add(savedRefreshToken);
  let tokens = await guarded(input, 'authorizing', async () =>
    options.forceSignIn ? signIn(input, input.interactive) : ((await obtainTokens(input)) ?? signIn(input, input.interactive)),
  );
  input.seen.add(tokens.accessToken);
  if (tokens.refreshToken) input.seen.add(tokens.refreshToken);
  await persist(input, tokens, savedRefreshToken);

  const renew = async (): Promise<Tokens> => {
    const previous = tokens.refreshToken;
    const next = await guarded(input, previous ? 'refreshing the access token of' : 're-authorizing', async () => (await obtainTokens(input)) ?? signIn(input, undefined));
    input.seen.add(next.accessToken);
    if (next.refreshToken) input.seen.add(next.refreshToken);
    await persist(input, next, previous);
    tokens = { ...next, refreshToken: next.refreshToken ?? previous };
    return tokens;
  };

  const connection = new JsforceConnection({
    version: input.apiVersion,
    loginUrl: input.loginUrl,
    instanceUrl: tokens.instanceUrl,
    accessToken: tokens.accessToken,
    oauth2: { loginUrl: input.loginUrl, clientId: input.connection.clientId },
    refreshFn: (conn, callback) => {
      renew().then(
        (next) => {
          conn.instanceUrl = next.instanceUrl;
          callback(undefined, next.accessToken);
        },
        (error: Error) => callback(error),
      );
    },
  });
  const parts = tokens.id?.split('/') ?? [];
  const authorized: AuthorizedConnection = {
    connection,
    connectionName: input.connectionName,
    flow: input.connection.flow,
    loginUrl: input.loginUrl,
    instanceUrl: tokens.instanceUrl,
    apiVersion: input.apiVersion,
    orgId: tokens.orgId,
    userId: parts.length >= 2 ? parts[parts.length - 1] : undefined,
    username: tokens.username ?? input.connection.username,
    async reauthorize() {
      const next = await renew();
      connection.accessToken = next.accessToken;
      connection.instanceUrl = next.instanceUrl;
      authorized.instanceUrl = next.instanceUrl;
    },
    secretValues: () => [...input.seen],
  };
  connection.on('refresh', () => {
    authorized.instanceUrl = connection.instanceUrl;
  });
  return authorized;
}
