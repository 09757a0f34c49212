/**
 * Requests to the REST API (query pages, Bulk API 2.0 jobs) with Node's fetch, on the session's instance URL and token.
 *
 * jsforce 3.10.16's `request` never settles when a connection drops part-way through a response body
 * (checked against the emulator's reset and half-close faults: the promise hangs), and a run must never
 * hang, so pages are read here with a timeout on every request. Errors keep Salesforce's errorCode and
 * message, and the HTTP status that tells the retryable ones apart.
 */

import { redactSecrets } from '../secrets/redact';

export interface HttpSession {
  connection: { accessToken?: string | null; instanceUrl: string };
}

export class QueryHttpError extends Error {
  constructor(
    message: string,
    readonly errorCode: string,
    readonly status: number,
    /** From Retry-After, when the server sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = errorCode;
  }
}

/** What the server reported about the API allowance (Sforce-Limit-Info: api-usage=USED/MAX). */
export interface ApiUsage {
  used: number;
  max: number;
}

/**
 * Why a retrieval should stop before its next request, when the org's API usage (as the last answer
 * reported it) has reached the guard, a percentage of the daily allowance: other integrations share
 * that allowance, and a run that used it up would stop them too.
 */
export function usageGuardReason(usage: ApiUsage | undefined, maxPercent: number | undefined): string | undefined {
  if (usage === undefined || maxPercent === undefined || usage.max <= 0) return undefined;
  const percent = (usage.used / usage.max) * 100;
  if (percent < maxPercent) return undefined;
  return `the org's API usage reached ${usage.used} of ${usage.max} calls (${percent.toFixed(1)} %), at or above the ${maxPercent} % guard; the records read so far were kept, and the next run carries on from them`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  accept?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  onUsage?: (usage: ApiUsage) => void;
}

export interface TextResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** One request on the session's instance URL and token; a status other than 2xx throws a QueryHttpError. */
export async function sendRequest(session: HttpSession, url: string, options: RequestOptions): Promise<TextResponse> {
  const { accessToken, instanceUrl } = session.connection;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetch(new URL(url, instanceUrl), {
      method: options.method ?? 'GET',
      headers: {
        Accept: options.accept ?? 'application/json',
        ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
        ...(options.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (timeout.aborted && !options.signal?.aborted) {
      throw new QueryHttpError(`no complete answer within ${seconds(options.timeoutMs)} s`, 'REQUEST_TIMEOUT', 0);
    }
    throw error;
  }
  const usage = /api-usage=(\d+)\/(\d+)/.exec(response.headers.get('sforce-limit-info') ?? '');
  if (usage) options.onUsage?.({ used: Number(usage[1]), max: Number(usage[2]) });
  // The body can echo what was sent (a proxy's error page, a reflected header): the token is masked in
  // the whole text before any part of it is kept, so a cut can never leave half a secret showing.
  if (!response.ok) throw errorFromResponse(response, redactSecrets(text, [accessToken ?? undefined]));
  return { status: response.status, headers: response.headers, text };
}

export async function getJson<T>(session: HttpSession, url: string, options: Omit<RequestOptions, 'method' | 'json' | 'accept'>): Promise<T> {
  return parseJson<T>(await sendRequest(session, url, options));
}

export function parseJson<T>(response: TextResponse): T {
  try {
    return JSON.parse(response.text) as T;
  } catch {
    throw new QueryHttpError(`the answer was not JSON (status ${response.status})`, `ERROR_HTTP_${response.status}`, response.status);
  }
}

/** Whole seconds, or tenths under ten seconds, so a short timeout never reads as "0 s". */
function seconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10);
}

function errorFromResponse(response: Response, text: string): QueryHttpError {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
  let code = `ERROR_HTTP_${response.status}`;
  let message = text.slice(0, 500) || response.statusText;
  try {
    const body = JSON.parse(text) as unknown;
    const first = Array.isArray(body) ? (body[0] as unknown) : body;
    if (typeof first === 'object' && first !== null) {
      const { errorCode, message: sfMessage, error, error_description: description } = first as Record<string, unknown>;
      if (typeof errorCode === 'string') code = errorCode;
      else if (typeof error === 'string') code = error;
      if (typeof sfMessage === 'string') message = sfMessage;
      else if (typeof description === 'string') message = description;
    }
  } catch {
    // Not JSON (a proxy's HTML page): the status and the start of the text say enough.
  }
  return new QueryHttpError(message, code, response.status, retryAfterMs);
}

/**
 * The org's time, from the Date header of its answer to the list of API versions (a request that needs
 * no session and does not count against the daily API allowance).
 * Salesforce stamps records with its own clock, so a window's end is taken from it rather than from
 * this machine's. Undefined when the org cannot be asked or its answer has no usable Date: the caller
 * then falls back to its own clock and says so.
 */
export async function orgTime(session: HttpSession, options: { timeoutMs: number; signal?: AbortSignal; onUsage?: (usage: ApiUsage) => void }): Promise<Date | undefined> {
  try {
    const answer = await sendRequest(session, '/services/data', options);
    const date = new Date(answer.headers.get('date') ?? '');
    return Number.isNaN(date.getTime()) ? undefined : date;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return undefined;
  }
}
