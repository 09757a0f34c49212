import type { Connection } from '../../core/job/connections-schema';
import { PRODUCTION_LOGIN_URL, SANDBOX_LOGIN_URL } from '../connections/load';
import { secretEnvVar } from '../secrets/env-store';
import { CallbackError } from './loopback';
import { cliRemedy } from '../../core/remedies';

/**
 * An authorization that failed, with Salesforce's own error code kept (`errorCode`, e.g. invalid_grant)
 * and a message that says what to change in the connected app or the connection.
 */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly errorCode: string,
    /** Salesforce's own description, unchanged. */
    readonly salesforceMessage?: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface AuthErrorContext {
  connectionName: string;
  connection: Connection;
  loginUrl: string;
  /** What was being done: "authorizing", "refreshing the access token", … */
  action: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

/** The system error code behind a failed request (fetch wraps it in `cause`, sometimes twice). */
export function networkCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isGenericHost(loginUrl: string): boolean {
  return loginUrl === PRODUCTION_LOGIN_URL || loginUrl === SANDBOX_LOGIN_URL;
}

/** A hint for the commonest cause of "authentication failure" on the generic hosts: the wrong one. */
function hostMixUpHint(context: AuthErrorContext): string {
  if (!isGenericHost(context.loginUrl)) return '';
  return context.loginUrl === SANDBOX_LOGIN_URL
    ? ' If this is a production org, remove "testEnvironment" (production logs in through login.salesforce.com).'
    : ' If this is a sandbox, set "testEnvironment": true (sandboxes log in through test.salesforce.com) or set environmentUrl to its My Domain.';
}

function describeNetwork(code: string, context: AuthErrorContext): string {
  const host = context.loginUrl;
  const emulator = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) ? ` If this is the local emulator, start it with ${cliRemedy('start-local-org')}.` : '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `Cannot reach ${host} while ${context.action} connection "${context.connectionName}": the host name does not resolve (${code}). Check environmentUrl in sfjob.connections.json (a My Domain looks like https://acme.my.salesforce.com) and your network or proxy.`;
  }
  if (code.startsWith('CERT') || code.includes('CERT') || code.includes('SELF_SIGNED')) {
    return `The TLS certificate of ${host} was refused (${code}) while ${context.action} connection "${context.connectionName}". If a proxy inspects TLS, set NODE_EXTRA_CA_CERTS to its certificate.`;
  }
  return `Cannot reach ${host} while ${context.action} connection "${context.connectionName}" (${code}). Check environmentUrl in sfjob.connections.json, your network and proxy.${emulator}`;
}

function oauthAdvice(errorCode: string, description: string, context: AuthErrorContext): string {
  const { connectionName, connection } = context;
  const lower = description.toLowerCase();
  const secretVar = secretEnvVar(connectionName, 'clientSecret');
  if (errorCode.startsWith('ERROR_HTTP_')) {
    return `${context.loginUrl} answered HTTP ${errorCode.slice('ERROR_HTTP_'.length)} without an OAuth answer while ${context.action} connection "${connectionName}". Check that environmentUrl in sfjob.connections.json is the org's login URL (a My Domain such as https://acme.my.salesforce.com, without a path).`;
  }
  if (errorCode === 'access_denied') {
    return `The sign-in for connection "${connectionName}" was denied on the Salesforce consent page. Run ${cliRemedy('authorize', connectionName)} again and choose Allow; if your admin blocks the app, ask them to approve the connected app for your profile.`;
  }
  if (errorCode === 'redirect_uri_mismatch' || lower.includes('redirect_uri')) {
    return `The connected app does not accept the callback URL of connection "${connectionName}". Add http://localhost:${connection.callbackPort ?? 1717}/OauthRedirect to its Callback URL list, or set "callbackPort" to the port it has.`;
  }
  if (errorCode === 'invalid_client_id' || lower.includes('client identifier invalid')) {
    return `Salesforce does not know the client id of connection "${connectionName}". Copy the connected app's consumer key into "clientId" in sfjob.connections.json; a new connected app can take up to 10 minutes to become usable.${hostMixUpHint(context)}`;
  }
  if (errorCode === 'invalid_client' || lower.includes('invalid client credentials')) {
    return `Salesforce rejected the client secret of connection "${connectionName}". Copy the connected app's consumer secret again into ${secretVar} or the credentials file (run ${cliRemedy('authorize', connectionName)}).`;
  }
  if (errorCode === 'unsupported_grant_type' || lower.includes('grant type not supported')) {
    const which: Record<string, string> = {
      password: 'Allow the OAuth Username-Password flows (Setup > OAuth and OpenID Connect Settings) and make sure the connected app permits them',
      clientCredentials: 'Enable the Client Credentials Flow on the connected app and choose its Run As user',
      jwt: 'Upload the certificate to the connected app ("Use digital signatures") and pre-authorize the user',
      webServer: 'Enable the Authorization Code and Credentials flow on the connected app',
      sfCli: 'Authorize the org again with the Salesforce CLI',
    };
    return `The "${connection.flow}" flow is disabled for this org or connected app. ${which[connection.flow] ?? 'Enable the flow on the connected app'}, or choose another flow in sfjob.connections.json.`;
  }
  if (lower.includes('code challenge') || lower.includes('code_challenge') || lower.includes('pkce')) {
    return `The connected app requires PKCE for connection "${connectionName}". Remove "pkce": false from the connection (PKCE is on by default).`;
  }
  if (lower.includes('code verifier') || lower.includes('code_verifier')) {
    return `The connected app rejected the PKCE code verifier of connection "${connectionName}". If its "Require PKCE" setting is off and it still refuses, set "pkce": false on the connection; otherwise run ${cliRemedy('authorize', connectionName)} again.`;
  }
  if (lower.includes('not approved') || lower.includes("hasn't approved") || lower.includes('has not approved')) {
    return `The user of connection "${connectionName}" is not approved for the connected app. In the connected app's policies set "Permitted Users" to "Admin approved users are pre-authorized" and add the user's profile or permission set${connection.flow === 'webServer' ? ', or sign in once and allow access' : ''}.`;
  }
  if (lower.includes('expired') || lower.includes('revoked') || (errorCode === 'invalid_grant' && connection.flow === 'webServer' && context.action.startsWith('refreshing'))) {
    return `The saved refresh token of connection "${connectionName}" has expired or was revoked. Run ${cliRemedy('authorize', connectionName)} (or "sfjob: Authorize Connection" in VS Code) to sign in again; if this keeps happening, check the connected app's refresh token policy.`;
  }
  if (lower.includes('client credentials') || lower.includes('no client credentials user')) {
    return `The connected app of connection "${connectionName}" has no Run As user for the client credentials flow. Choose one in the connected app's policies. Client credentials also need the My Domain as environmentUrl.`;
  }
  if (lower.includes('invalid assertion') || lower.includes('audience') || lower.includes('invalid_assertion') || lower.includes('jwt')) {
    return `Salesforce rejected the JWT of connection "${connectionName}". Check that jwtKeyFile matches the certificate uploaded to the connected app, that "username" is right and pre-authorized, and that this machine's clock is correct.${hostMixUpHint(context)}`;
  }
  if (lower.includes('authentication failure') || lower.includes('invalid username')) {
    const secrets = connection.flow === 'password'
      ? ` Check "username", the password (${secretEnvVar(connectionName, 'password')}) and the security token (${secretEnvVar(connectionName, 'securityToken')}; reset it from the user's settings if unsure).`
      : ` Check "username" and the connected app's settings.`;
    return `Salesforce refused the sign-in of connection "${connectionName}" (authentication failure).${secrets}${hostMixUpHint(context)}`;
  }
  if (lower.includes('ip restricted') || lower.includes('ip address')) {
    return `The org refuses sign-ins from this IP address for connection "${connectionName}". Relax the connected app's IP restrictions or add this address to the trusted ranges.`;
  }
  return `Salesforce refused the authorization of connection "${connectionName}". Check the connection in sfjob.connections.json and the connected app.${hostMixUpHint(context)}`;
}

/** Turns whatever jsforce, fetch or our own code threw into an AuthError a person can act on. */
export function translateAuthError(error: unknown, context: AuthErrorContext): AuthError {
  if (error instanceof AuthError) return error;
  const networkCode = networkCodeOf(error);
  if (networkCode) return new AuthError(describeNetwork(networkCode, context), networkCode);
  if (error instanceof CallbackError) {
    // Our own callback problems (timeout, port taken, state) already say what to do; an error the
    // authorization server sent back through the redirect gets the same advice as a token error.
    if (error.description === undefined) return new AuthError(error.message, error.errorCode);
    const advice = oauthAdvice(error.errorCode, error.description, context);
    return new AuthError(`${advice} (Salesforce said: ${error.errorCode}: ${error.description})`, error.errorCode, error.description);
  }
  const err = error as { name?: unknown; message?: unknown; errorCode?: unknown };
  const message = typeof err?.message === 'string' ? err.message : String(error);
  const name = typeof err?.errorCode === 'string' ? err.errorCode : typeof err?.name === 'string' ? err.name : 'Error';
  // jsforce names OAuth errors after the `error` field; plain HTTP failures become ERROR_HTTP_<status>.
  const looksOauth = /^[a-z_]+$/.test(name) || name.startsWith('ERROR_HTTP_');
  if (looksOauth) {
    const advice = oauthAdvice(name, message, context);
    return new AuthError(`${advice} (Salesforce said: ${name}: ${message})`, name, message);
  }
  if (name === 'INVALID_SESSION_ID') {
    return new AuthError(
      `The session of connection "${context.connectionName}" is no longer valid and could not be renewed (INVALID_SESSION_ID: ${message}). Run ${cliRemedy('authorize', context.connectionName)} again.`,
      name,
      message,
    );
  }
  if (error instanceof Error && 'errorCode' in error) {
    return new AuthError(error.message, String((error as { errorCode: unknown }).errorCode));
  }
  return new AuthError(`${context.action[0].toUpperCase()}${context.action.slice(1)} connection "${context.connectionName}" failed: ${message}`, name, message);
}
