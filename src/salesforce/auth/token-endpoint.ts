import { createHmac, timingSafeEqual } from 'node:crypto';
import { isSafeLoginUrl } from '../../core/job/connections-schema';
import { redactSecrets } from '../secrets/redact';

/** What Salesforce's token endpoint answers (the fields this tool uses; Salesforce may add others). */
export interface TokenResponse {
  access_token: string;
  instance_url: string;
  /** The identity URL: https://login…/id/{orgId}/{userId}. */
  id: string;
  token_type: string;
  issued_at: string;
  signature?: string;
  scope?: string;
  refresh_token?: string;
}

/** The token endpoint refused: `errorCode` is Salesforce's `error`, the message its `error_description`. */
export class OAuthError extends Error {
  constructor(
    readonly errorCode: string,
    description: string,
    readonly status: number,
  ) {
    super(description);
    // jsforce names OAuth errors after the code as well; translateAuthError reads either.
    this.name = errorCode;
  }
}

/** Raised when the login host does not answer in time, so a black-holed host never hangs a run. */
export class TokenTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(readonly url: string, timeoutMs: number) {
    super(`no answer from ${url} within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'TokenTimeoutError';
  }
}

export const DEFAULT_TOKEN_TIMEOUT_MS = 60_000;

/** The longest part of an error answer that is not OAuth JSON (a proxy's page) kept in a message. */
const MAX_ERROR_TEXT = 200;

/** Grant parameters that are secrets; an error answer that echoes the request must not show them. */
const SECRET_PARAMS = ['client_secret', 'password', 'refresh_token', 'code', 'code_verifier', 'assertion'];

/**
 * What an error answer may show: every secret masked first, over the whole text, and only then cut to
 * length, so a cut can never leave the visible start of a secret that masking would no longer recognise.
 */
function shownErrorText(text: string, secrets: readonly string[]): string {
  const masked = redactSecrets(text, secrets);
  return masked.length > MAX_ERROR_TEXT ? `${masked.slice(0, MAX_ERROR_TEXT)}…` : masked;
}

function endpoint(loginUrl: string, path: string): string {
  return `${loginUrl.replace(/\/+$/, '')}${path}`;
}

/** The authorization page address for the web server flow (response_type=code). */
export function authorizationUrl(loginUrl: string, params: Record<string, string>): string {
  return `${endpoint(loginUrl, '/services/oauth2/authorize')}?${new URLSearchParams({ response_type: 'code', ...params }).toString()}`;
}

/**
 * POSTs a grant to /services/oauth2/token (form-encoded) and returns the session. Salesforce's
 * {error, error_description} becomes an OAuthError; a host that does not answer within the timeout
 * becomes a TokenTimeoutError; network failures keep fetch's error with its `cause.code`.
 */
export async function requestToken(
  loginUrl: string,
  params: Record<string, string>,
  options: { timeoutMs?: number; secrets?: Iterable<string> } = {},
): Promise<TokenResponse> {
  const url = endpoint(loginUrl, '/services/oauth2/token');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    if ((error as Error)?.name === 'TimeoutError') throw new TokenTimeoutError(url, timeoutMs);
    throw error;
  }
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const secrets = [...SECRET_PARAMS.map((name) => params[name]).filter((value): value is string => Boolean(value)), ...(options.secrets ?? [])];
    const code = typeof body?.error === 'string' ? shownErrorText(body.error, secrets) : `ERROR_HTTP_${response.status}`;
    const description = shownErrorText(typeof body?.error_description === 'string' ? body.error_description : text, secrets);
    throw new OAuthError(code, description, response.status);
  }
  if (!body || typeof body.access_token !== 'string' || typeof body.instance_url !== 'string') {
    throw new OAuthError(`ERROR_HTTP_${response.status}`, `${url} answered without an access token and instance URL; is environmentUrl a Salesforce login host?`, response.status);
  }
  // The access token goes to the instance URL with every request: never in the clear to another machine.
  if (!/^https?:\/\//i.test(body.instance_url) || !isSafeLoginUrl(body.instance_url)) {
    throw new OAuthError(`ERROR_INSECURE_INSTANCE`, `${url} answered with an instance URL that is not https; the session was refused so the access token is never sent in the clear.`, response.status);
  }
  return body as unknown as TokenResponse;
}

/**
 * Whether a token response's `signature` (base64 HMAC-SHA256 of id + issued_at, keyed by the client
 * secret) proves it came from an org that knows this connected app's secret. Responses without a
 * signature cannot be checked and pass.
 */
export function signatureMatches(response: Pick<TokenResponse, 'id' | 'issued_at' | 'signature'>, clientSecret: string): boolean {
  if (!response.signature) return true;
  const expected = createHmac('sha256', clientSecret).update(`${response.id}${response.issued_at}`).digest();
  const actual = Buffer.from(response.signature, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
