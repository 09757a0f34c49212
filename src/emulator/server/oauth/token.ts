import { createHash } from 'node:crypto';
import { integrationUser, type EmulatorContext } from '../context';
import type { Exchange } from '../exchange';
import { checkAssertion, publicKeyOf } from './jwt';
import { tokenResponse } from './token-response';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Grants that cannot refresh are given the app's scopes without refresh_token. */
const SCOPE_WITHOUT_REFRESH = 'api id';

type GrantHandler = (context: EmulatorContext, exchange: Exchange, form: URLSearchParams) => void;

/** POST /services/oauth2/token: one handler per grant type, errors in Salesforce's {error, error_description}. */
export async function handleToken(context: EmulatorContext, exchange: Exchange): Promise<void> {
  if (exchange.method !== 'POST') {
    exchange.sendOAuthError(400, 'invalid_request', 'must use HTTP POST');
    return;
  }
  const form = await exchange.readForm();
  const grantType = form.get('grant_type') ?? '';
  const handler = GRANTS[grantType];
  if (!handler || context.config.disabledGrants.has(grantType)) {
    exchange.sendOAuthError(400, 'unsupported_grant_type', 'grant type not supported');
    return;
  }
  handler(context, exchange, form);
}

const GRANTS: Record<string, GrantHandler> = {
  password: passwordGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
  authorization_code: authorizationCodeGrant,
  [JWT_BEARER]: jwtBearerGrant,
};

function passwordGrant(context: EmulatorContext, exchange: Exchange, form: URLSearchParams): void {
  if (!clientIdHolds(context, exchange, form) || !clientSecretHolds(context, exchange, form, true)) return;
  const username = form.get('username') ?? '';
  const user = integrationUser(context);
  const expected = context.config.password + context.config.securityToken;
  if (username.toLowerCase() !== context.config.username.toLowerCase() || form.get('password') !== expected) {
    exchange.sendOAuthError(400, 'invalid_grant', 'authentication failure');
    return;
  }
  const session = context.sessions.open(user.userId, context.config.clientId, SCOPE_WITHOUT_REFRESH);
  exchange.sendJson(200, tokenResponse(context, session));
}

function refreshTokenGrant(context: EmulatorContext, exchange: Exchange, form: URLSearchParams): void {
  if (!clientIdHolds(context, exchange, form) || !clientSecretHolds(context, exchange, form, false)) return;
  const presented = form.get('refresh_token') ?? '';
  const grant = context.sessions.refreshGrant(presented);
  if (!grant) {
    exchange.sendOAuthError(400, 'invalid_grant', 'expired access/refresh token');
    return;
  }
  let refreshToken = presented;
  let rotated: string | undefined;
  if (context.config.rotateRefreshTokens) {
    context.sessions.retireRefreshToken(presented);
    refreshToken = rotated = context.sessions.issueRefreshToken(grant.userId, grant.clientId, grant.scope);
  }
  const session = context.sessions.open(grant.userId, grant.clientId, grant.scope, refreshToken);
  // Salesforce sends a refresh token back only when it rotated it.
  exchange.sendJson(200, tokenResponse(context, session, rotated));
}

function clientCredentialsGrant(context: EmulatorContext, exchange: Exchange, form: URLSearchParams): void {
  if (!clientIdHolds(context, exchange, form) || !clientSecretHolds(context, exchange, form, true)) return;
  if (!context.config.clientCredentialsUser) {
    // Salesforce's words for a client credentials flow whose connected app has no Run As user.
    exchange.sendOAuthError(400, 'invalid_grant', 'no client credentials user enabled');
    return;
  }
  const user = integrationUser(context);
  const session = context.sessions.open(user.userId, context.config.clientId, SCOPE_WITHOUT_REFRESH);
  exchange.sendJson(200, tokenResponse(context, session));
}

function authorizationCodeGrant(context: EmulatorContext, exchange: Exchange, form: URLSearchParams): void {
  if (!clientIdHolds(context, exchange, form)) return;
  const grant = context.sessions.redeemCode(form.get('code') ?? '');
  if (!grant) {
    exchange.sendOAuthError(400, 'invalid_grant', 'invalid authorization code');
    return;
  }
  // A PKCE client may be public (no secret); without PKCE the secret proves who is asking.
  if (!clientSecretHolds(context, exchange, form, grant.codeChallenge === undefined)) return;
  if (form.get('redirect_uri') !== grant.redirectUri) {
    exchange.sendOAuthError(400, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
    return;
  }
  if (grant.codeChallenge !== undefined && !verifierMatches(form.get('code_verifier'), grant.codeChallenge)) {
    exchange.sendOAuthError(400, 'invalid_grant', 'invalid code verifier');
    return;
  }
  const refreshToken = grant.scope.split(' ').includes('refresh_token')
    ? context.sessions.issueRefreshToken(grant.userId, grant.clientId, grant.scope)
    : undefined;
  const session = context.sessions.open(grant.userId, grant.clientId, grant.scope, refreshToken);
  exchange.sendJson(200, tokenResponse(context, session, refreshToken));
}

function jwtBearerGrant(context: EmulatorContext, exchange: Exchange, form: URLSearchParams): void {
  const certificate = context.config.jwtCertificate;
  if (!certificate) {
    exchange.sendOAuthError(400, 'invalid_grant', 'invalid assertion: the connected app has no certificate; start the emulator with jwtCertificate');
    return;
  }
  const audiences = [context.baseUrl, context.baseUrl.replace('127.0.0.1', 'localhost'), 'https://login.salesforce.com', 'https://test.salesforce.com'];
  const result = checkAssertion(form.get('assertion') ?? '', publicKeyOf(certificate), {
    clientId: context.config.clientId,
    username: context.config.username,
    audiences,
    nowSeconds: Math.floor(context.config.now().getTime() / 1000),
  });
  if (!result.ok) {
    exchange.sendOAuthError(400, 'invalid_grant', result.description);
    return;
  }
  const user = integrationUser(context);
  const session = context.sessions.open(user.userId, context.config.clientId, SCOPE_WITHOUT_REFRESH);
  exchange.sendJson(200, tokenResponse(context, session));
}

function clientIdHolds(context: EmulatorContext, exchange: Exchange, form: URLSearchParams): boolean {
  if (form.get('client_id') === context.config.clientId) return true;
  exchange.sendOAuthError(400, 'invalid_client_id', 'client identifier invalid');
  return false;
}

function clientSecretHolds(context: EmulatorContext, exchange: Exchange, form: URLSearchParams, required: boolean): boolean {
  const secret = form.get('client_secret');
  if (secret === null && !required) return true;
  if (secret === context.config.clientSecret) return true;
  exchange.sendOAuthError(400, 'invalid_client', 'invalid client credentials');
  return false;
}

/**
 * PKCE S256: the challenge is the unpadded base64url SHA-256 of the verifier. Only the RFC's lower
 * bound of 43 characters is enforced: jsforce sends 171-character verifiers and Salesforce takes them.
 */
function verifierMatches(verifier: string | null, challenge: string): boolean {
  if (!verifier || verifier.length < 43) return false;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
