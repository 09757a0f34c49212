import { escapeAttribute, escapeText } from 'entities';
import { integrationUser, type EmulatorContext } from '../context';
import type { Exchange } from '../exchange';

const DEFAULT_SCOPE = 'refresh_token api id';
const KNOWN_SCOPES = new Set(['api', 'refresh_token', 'offline_access', 'id', 'web', 'full', 'openid', 'profile', 'email', 'address', 'phone']);

/** The parameters the consent form carries through from the authorize request to the approval. */
const CARRIED_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method'];

/**
 * /services/oauth2/authorize: GET shows a consent page (the emulator's one user is already signed in),
 * POST with decision=allow redirects to the loopback redirect_uri with ?code=…&state=…, decision=deny
 * with error=access_denied. Problems with the client or redirect_uri are shown on the page, never
 * redirected, so a wrong redirect_uri cannot receive anything.
 */
export async function handleAuthorize(context: EmulatorContext, exchange: Exchange): Promise<void> {
  const params = await exchange.readForm();
  if (params.get('client_id') !== context.config.clientId) {
    showError(exchange, 'invalid_client_id', 'client identifier invalid');
    return;
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!isAllowedRedirect(redirectUri)) {
    showError(exchange, 'redirect_uri_mismatch', 'redirect_uri must match configuration: the emulator accepts http loopback addresses (127.0.0.1, localhost, [::1])');
    return;
  }
  const state = params.get('state');
  const fail = (error: string, description: string) => exchange.redirect(withParams(redirectUri, { error, error_description: description, state }));
  if (params.get('response_type') !== 'code') {
    fail('unsupported_response_type', 'response type not supported');
    return;
  }
  const challenge = params.get('code_challenge') ?? undefined;
  const method = params.get('code_challenge_method') ?? 'S256';
  if (challenge !== undefined && method !== 'S256') {
    fail('invalid_request', 'unsupported code challenge method');
    return;
  }
  if (challenge === undefined && context.config.requirePkce) {
    fail('invalid_request', 'missing required code challenge');
    return;
  }
  const scope = normalizeScope(params.get('scope'));
  if (!scope) {
    fail('invalid_scope', 'the requested scope is not allowed');
    return;
  }
  if (exchange.method === 'GET') {
    showConsent(exchange, params);
    return;
  }
  if (params.get('decision') !== 'allow') {
    fail('access_denied', 'end-user denied authorization');
    return;
  }
  const user = integrationUser(context);
  const code = context.sessions.issueCode({ clientId: context.config.clientId, redirectUri, userId: user.userId, scope, codeChallenge: challenge });
  exchange.redirect(withParams(redirectUri, { code, state }));
}

/** The connected app's callback list is "any http loopback address", so tests can use a free port. */
function isAllowedRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

function normalizeScope(requested: string | null): string | undefined {
  if (!requested) return DEFAULT_SCOPE;
  const scopes = requested.split(/[\s+]+/).filter(Boolean);
  if (!scopes.every((s) => KNOWN_SCOPES.has(s))) return undefined;
  // offline_access is the OpenID name for refresh_token; both grant a refresh token.
  return scopes.map((s) => (s === 'offline_access' ? 'refresh_token' : s)).join(' ');
}

function withParams(base: string, params: Record<string, string | null>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.toString();
}

function showConsent(exchange: Exchange, params: URLSearchParams): void {
  const hidden = CARRIED_PARAMS.filter((name) => params.has(name))
    .map((name) => `<input type="hidden" name="${name}" value="${escapeAttribute(params.get(name) ?? '')}">`)
    .join('\n      ');
  const html = `<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>Allow Access? | sfjob local org</title></head>
  <body>
    <h1>Allow Access?</h1>
    <p>The app <strong>sfjob-local-app</strong> is asking to access your data in the local org (a Salesforce emulator).</p>
    <form method="POST" action="/services/oauth2/authorize">
      ${hidden}
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>
  </body>
</html>
`;
  exchange.send(200, html, { 'Content-Type': 'text/html;charset=UTF-8' });
}

function showError(exchange: Exchange, error: string, description: string): void {
  const html = `<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>Error | sfjob local org</title></head>
  <body><h1>error=${escapeText(error)}</h1><p>${escapeText(description)}</p></body>
</html>
`;
  exchange.send(400, html, { 'Content-Type': 'text/html;charset=UTF-8' });
}

