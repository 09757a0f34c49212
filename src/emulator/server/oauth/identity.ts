import { identityUrl, type EmulatorContext } from '../context';
import type { Exchange } from '../exchange';
import type { Session } from '../sessions';

/** The identity service takes the token as a Bearer header or as ?oauth_token= (jsforce sends both). */
function sessionOf(context: EmulatorContext, exchange: Exchange): Session | undefined {
  const header = exchange.header('authorization') ?? '';
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header);
  const token = match?.[1] ?? exchange.url.searchParams.get('oauth_token') ?? '';
  return context.sessions.find(token);
}

/** The identity service answers a bad token with 403 and a bare Bad_OAuth_Token, unlike the REST API. */
function refuse(exchange: Exchange): void {
  exchange.send(403, 'Bad_OAuth_Token', { 'Content-Type': 'text/plain;charset=UTF-8' });
}

function userOf(context: EmulatorContext, userId: string) {
  return context.org.users().find((u) => u.userId === userId);
}

function splitName(name: string): { first: string; last: string } {
  const space = name.indexOf(' ');
  return space < 0 ? { first: '', last: name } : { first: name.slice(0, space), last: name.slice(space + 1) };
}

function serviceUrls(context: EmulatorContext, userId: string): Record<string, string> {
  const data = `${context.baseUrl}/services/data/v{version}`;
  return {
    enterprise: `${context.baseUrl}/services/Soap/c/{version}/${context.org.orgId}`,
    partner: `${context.baseUrl}/services/Soap/u/{version}/${context.org.orgId}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    profile: `${context.baseUrl}/${userId}`,
    custom_domain: context.baseUrl,
  };
}

/** GET /id/{orgId}/{userId}: the identity URL every token response points at. */
export function handleIdentity(context: EmulatorContext, exchange: Exchange, orgId: string, userId: string): void {
  const session = sessionOf(context, exchange);
  if (!session) return refuse(exchange);
  const user = userOf(context, userId);
  if (!user || orgId !== context.org.orgId || session.userId !== userId) {
    exchange.send(403, 'Bad_Id', { 'Content-Type': 'text/plain;charset=UTF-8' });
    return;
  }
  const { first, last } = splitName(user.name);
  exchange.sendJson(200, {
    id: identityUrl(context, user.userId),
    asserted_user: true,
    user_id: user.userId,
    organization_id: context.org.orgId,
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: user.name,
    email: user.email,
    email_verified: true,
    first_name: first,
    last_name: last,
    timezone: 'GMT',
    status: { created_date: null, body: null },
    urls: serviceUrls(context, user.userId),
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    last_modified_date: new Date(session.issuedAt).toISOString().replace('Z', '+0000'),
    is_app_installed: true,
  });
}

/** GET /services/oauth2/userinfo: the OpenID Connect view of the same user. */
export function handleUserInfo(context: EmulatorContext, exchange: Exchange): void {
  const session = sessionOf(context, exchange);
  if (!session) return refuse(exchange);
  const user = userOf(context, session.userId);
  if (!user) return refuse(exchange);
  const { first, last } = splitName(user.name);
  exchange.sendJson(200, {
    sub: identityUrl(context, user.userId),
    user_id: user.userId,
    organization_id: context.org.orgId,
    preferred_username: user.username,
    nickname: user.username.split('@')[0],
    name: user.name,
    email: user.email,
    email_verified: true,
    given_name: first,
    family_name: last,
    zoneinfo: 'GMT',
    urls: serviceUrls(context, user.userId),
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    updated_at: new Date(session.issuedAt).toISOString(),
    is_app_installed: true,
  });
}

/** POST (or GET) /services/oauth2/revoke?token=…: revokes an access token, or a refresh token and its sessions. */
export async function handleRevoke(context: EmulatorContext, exchange: Exchange): Promise<void> {
  const form = await exchange.readForm();
  const token = form.get('token') ?? '';
  if (!context.sessions.revoke(token)) {
    exchange.sendOAuthError(400, 'unsupported_token_type', 'this token type is not supported');
    return;
  }
  exchange.send(200, '', {});
}
