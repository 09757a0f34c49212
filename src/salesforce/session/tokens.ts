import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isInside } from '../../core/inside';
import type { Connection } from '../../core/job/connections-schema';
import { jwtAudienceOf, signJwtAssertion, parsePrivateKey } from '../auth/jwt';
import { DEFAULT_CALLBACK_PORT, startCallbackServer } from '../auth/loopback';
import { createPkcePair, createState } from '../auth/pkce';
import { sfOrgDisplay } from '../auth/sf-cli';
import { AuthError } from '../auth/errors';
import { authorizationUrl, requestToken, signatureMatches, type TokenResponse } from '../auth/token-endpoint';
import { secretEnvVar } from '../secrets/env-store';
import type { SecretKind, SecretStore } from '../secrets/types';
import type { InteractiveSignIn } from './types';
import { cliRemedy } from '../../core/remedies';

/** The session a grant produced, whichever flow it came from. */
export interface Tokens {
  accessToken: string;
  instanceUrl: string;
  refreshToken?: string;
  /** The identity URL (…/id/{orgId}/{userId}). */
  id?: string;
  orgId?: string;
  username?: string;
}

export interface TokenSource {
  connectionName: string;
  connection: Connection;
  /** Folder of sfjob.connections.json: a relative jwtKeyFile is resolved against it. */
  root: string;
  loginUrl: string;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Secrets read so far, so error messages can be redacted. */
  seen: Set<string>;
  /** How long a token request may take before it fails; default 60 s. */
  timeoutMs?: number;
}

async function secret(source: TokenSource, kind: SecretKind): Promise<string | undefined> {
  const value = await source.secrets.get(source.connectionName, kind);
  if (value) source.seen.add(value);
  return value;
}

async function requiredSecret(source: TokenSource, kind: SecretKind, what: string): Promise<string> {
  const value = await secret(source, kind);
  if (value) return value;
  throw new AuthError(
    `Connection "${source.connectionName}" (${source.connection.flow} flow) needs ${what}. Set the environment variable ${secretEnvVar(source.connectionName, kind)}, or keep it as "${kind}" in the credentials file or VS Code's secret storage (looked in: ${source.secrets.description}).`,
    'missing_secret',
  );
}

function required(value: string | undefined, key: string, source: TokenSource): string {
  if (value) return value;
  throw new AuthError(`Connection "${source.connectionName}" (${source.connection.flow} flow) needs "${key}" in sfjob.connections.json.`, 'missing_setting');
}

/** Rejects a session whose signature does not match the client secret: it did not come from this app's org. */
function checkedWith(source: TokenSource, clientSecret: string | undefined, response: TokenResponse): TokenResponse {
  if (clientSecret && !signatureMatches(response, clientSecret)) {
    throw new AuthError(
      `The token response for connection "${source.connectionName}" is not signed with its client secret, so it was refused. Check that environmentUrl (${source.loginUrl}) is the org's login host and that the client secret belongs to this connected app.`,
      'invalid_signature',
    );
  }
  return response;
}

function fromResponse(response: TokenResponse): Tokens {
  const parts = typeof response.id === 'string' ? response.id.split('/') : [];
  return {
    accessToken: response.access_token,
    instanceUrl: response.instance_url,
    refreshToken: response.refresh_token,
    id: response.id,
    orgId: parts.length >= 2 ? parts[parts.length - 2] : undefined,
  };
}

/** The grant's parameters plus the client id (and secret when there is one), as every grant sends them. */
function clientParams(source: TokenSource, clientSecret?: string): Record<string, string> {
  const params: Record<string, string> = { client_id: required(source.connection.clientId, 'clientId', source) };
  if (clientSecret) params.client_secret = clientSecret;
  return params;
}

async function passwordGrant(source: TokenSource): Promise<Tokens> {
  const username = required(source.connection.username, 'username', source);
  const clientSecret = await requiredSecret(source, 'clientSecret', "the connected app's consumer secret");
  const password = await requiredSecret(source, 'password', "the user's password");
  const securityToken = (await secret(source, 'securityToken')) ?? '';
  const response = await requestToken(source.loginUrl, { grant_type: 'password', ...clientParams(source, clientSecret), username, password: password + securityToken }, { timeoutMs: source.timeoutMs, secrets: source.seen });
  return fromResponse(checkedWith(source, clientSecret, response));
}

async function clientCredentialsGrant(source: TokenSource): Promise<Tokens> {
  const clientSecret = await requiredSecret(source, 'clientSecret', "the connected app's consumer secret");
  const response = await requestToken(source.loginUrl, { grant_type: 'client_credentials', ...clientParams(source, clientSecret) }, { timeoutMs: source.timeoutMs, secrets: source.seen });
  return fromResponse(checkedWith(source, clientSecret, response));
}

/** The real location of a path, or the path itself when it does not resolve (reading it then reports why). */
function realOrSame(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function readKeyFile(source: TokenSource): string {
  const keyFile = required(source.connection.jwtKeyFile, 'jwtKeyFile', source);
  // "~/…" means the home folder, where such keys usually live (outside every workspace).
  const home = source.env.HOME || os.homedir();
  const file = keyFile === '~' || keyFile.startsWith('~/') ? path.join(home, keyFile.slice(1)) : path.resolve(source.root, keyFile);
  // A key inside the workspace could be committed with it, like a credentials file there; a link that
  // leads into the workspace counts too.
  const root = path.resolve(source.root);
  if (isInside(file, root) || isInside(realOrSame(file), realOrSame(root))) {
    throw new AuthError(
      `The jwtKeyFile ${file} of connection "${source.connectionName}" is inside the workspace ${root}, where the private key could be committed. Move it outside the workspace and give its absolute path in sfjob.connections.json.`,
      'jwt_key_in_workspace',
    );
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AuthError(`Cannot read the jwtKeyFile ${file} of connection "${source.connectionName}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Fix the path in sfjob.connections.json.`, 'jwt_key_unreadable');
  }
}

async function jwtGrant(source: TokenSource): Promise<Tokens> {
  const clientId = required(source.connection.clientId, 'clientId', source);
  const username = required(source.connection.username, 'username', source);
  const pem = readKeyFile(source);
  let key;
  try {
    key = parsePrivateKey(pem, `The jwtKeyFile of connection "${source.connectionName}"`);
  } catch (error) {
    throw new AuthError((error as Error).message, 'jwt_key_invalid');
  }
  const assertion = signJwtAssertion({ issuer: clientId, subject: username, audience: jwtAudienceOf(source.loginUrl, source.connection.testEnvironment), now: source.now() }, key);
  // The assertion proves possession of the key; the client secret is not part of this grant.
  const response = await requestToken(source.loginUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }, { timeoutMs: source.timeoutMs, secrets: source.seen });
  return fromResponse(response);
}

async function refreshGrant(source: TokenSource, refreshToken: string): Promise<Tokens> {
  const clientSecret = await secret(source, 'clientSecret');
  const response = await requestToken(source.loginUrl, { grant_type: 'refresh_token', ...clientParams(source, clientSecret), refresh_token: refreshToken }, { timeoutMs: source.timeoutMs, secrets: source.seen });
  const tokens = fromResponse(checkedWith(source, clientSecret, response));
  // Without rotation Salesforce returns no refresh token: the one we sent stays valid.
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
}

async function webServerSignIn(source: TokenSource, interactive: InteractiveSignIn): Promise<Tokens> {
  const pkce = source.connection.pkce === false ? undefined : createPkcePair();
  const state = createState();
  const server = await startCallbackServer({
    port: interactive.port ?? source.connection.callbackPort ?? DEFAULT_CALLBACK_PORT,
    state,
    timeoutMs: interactive.timeoutMs ?? 5 * 60_000,
    signal: interactive.signal,
  });
  try {
    const clientSecret = await secret(source, 'clientSecret');
    const client = clientParams(source, clientSecret);
    const params: Record<string, string> = { client_id: client.client_id, redirect_uri: server.redirectUri, state, scope: 'api refresh_token' };
    if (pkce) {
      params.code_challenge = pkce.challenge;
      params.code_challenge_method = pkce.method;
    }
    await interactive.openBrowser(authorizationUrl(source.loginUrl, params));
    const code = await server.code;
    const exchange: Record<string, string> = { grant_type: 'authorization_code', ...client, code, redirect_uri: server.redirectUri };
    if (pkce) exchange.code_verifier = pkce.verifier;
    const response = await requestToken(source.loginUrl, exchange, { timeoutMs: source.timeoutMs, secrets: source.seen });
    return fromResponse(checkedWith(source, clientSecret, response));
  } finally {
    await server.close();
  }
}

async function sfCliSession(source: TokenSource): Promise<Tokens> {
  const alias = required(source.connection.sfCliAlias, 'sfCliAlias', source);
  const org = await sfOrgDisplay(alias, { env: source.env, command: source.env.SFJOB_SF_COMMAND });
  source.seen.add(org.accessToken);
  return { accessToken: org.accessToken, instanceUrl: org.instanceUrl, orgId: org.orgId, username: org.username };
}

/**
 * A fresh session without a person present: the flow's own grant, or for webServer the saved refresh
 * token. Returns undefined for webServer when no refresh token is saved (someone has to sign in).
 */
export async function obtainTokens(source: TokenSource): Promise<Tokens | undefined> {
  switch (source.connection.flow) {
    case 'password':
      return passwordGrant(source);
    case 'clientCredentials':
      return clientCredentialsGrant(source);
    case 'jwt':
      return jwtGrant(source);
    case 'sfCli':
      return sfCliSession(source);
    case 'webServer': {
      const refreshToken = await secret(source, 'refreshToken');
      return refreshToken ? refreshGrant(source, refreshToken) : undefined;
    }
  }
}

/** A sign-in with a person present: the webServer flow through the browser; other flows as obtainTokens. */
export async function signIn(source: TokenSource, interactive: InteractiveSignIn | undefined): Promise<Tokens> {
  if (source.connection.flow === 'webServer') {
    if (!interactive) {
      throw new AuthError(`Connection "${source.connectionName}" has no saved refresh token. Run ${cliRemedy('authorize', source.connectionName)} once to sign in through the browser (in VS Code: "sfjob: Authorize Connection").`, 'not_authorized');
    }
    return webServerSignIn(source, interactive);
  }
  const tokens = await obtainTokens(source);
  if (!tokens) throw new AuthError(`Connection "${source.connectionName}" could not be authorized.`, 'not_authorized');
  return tokens;
}

