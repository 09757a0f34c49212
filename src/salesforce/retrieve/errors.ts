/**
 * What to do about a failed query request. Salesforce errors carry the Salesforce errorCode
 * (`QUERY_TIMEOUT`) in `errorCode` and `name`, or `ERROR_HTTP_503` for a body that is not a Salesforce
 * error, and the HTTP `status` when known; network failures arrive from fetch as
 * `TypeError('fetch failed')` or `TypeError('terminated')` with a `cause.code`.
 */
export type ErrorHandling =
  /** Try the same request again after a pause (5xx, 429, 420, 406, connection resets). */
  | 'retry'
  /** The session ended: get a new token, then query the window again. */
  | 'reauthorize'
  /** The query locator is gone (often after a token refresh): query the window again. */
  | 'restart'
  /** The query ran too long: split the window in half. */
  | 'split'
  /** The org's daily API allowance is used up: stop cleanly, keeping what was read. */
  | 'stop'
  /** Anything else (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, …): fail with Salesforce's message. */
  | 'fail';

const TRANSIENT_CODES = new Set(['SERVER_UNAVAILABLE', 'UNKNOWN_EXCEPTION', 'REQUEST_RUNNING_TOO_LONG', 'UNABLE_TO_LOCK_ROW']);
const TRANSIENT_HTTP = /^ERROR_HTTP_(5\d\d|429|420|406)$/;
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENETDOWN', 'ENETUNREACH', 'EHOSTDOWN', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { errorCode, name } = error as { errorCode?: unknown; name?: unknown };
  if (typeof errorCode === 'string') return errorCode;
  return typeof name === 'string' && /^[A-Z][A-Z0-9_]+$/.test(name) ? name : undefined;
}

function networkCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function classifyQueryError(error: unknown): ErrorHandling {
  const code = errorCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : undefined;
  if (code === 'INVALID_SESSION_ID' || code === 'ERROR_HTTP_401' || status === 401) return 'reauthorize';
  if (code === 'INVALID_QUERY_LOCATOR') return 'restart';
  if (code === 'QUERY_TIMEOUT') return 'split';
  // Salesforce uses REQUEST_LIMIT_EXCEEDED both for the daily allowance (stop: retrying only burns more)
  // and for too many concurrent long requests (wait and retry); only the message tells them apart.
  if (code === 'REQUEST_LIMIT_EXCEEDED') return /TotalRequests/i.test(message) ? 'stop' : 'retry';
  if (code !== undefined && (TRANSIENT_CODES.has(code) || TRANSIENT_HTTP.test(code))) return 'retry';
  if (code === 'REQUEST_TIMEOUT' || (status !== undefined && (status >= 500 || status === 429 || status === 420 || status === 406))) return 'retry';
  if (networkCodeOf(error) !== undefined) return 'retry';
  if (error instanceof TypeError && /fetch failed|other side closed|socket hang up|terminated/i.test(message)) return 'retry';
  if (/other side closed|socket hang up|ECONNRESET/i.test(message)) return 'retry';
  return 'fail';
}

/** A query failure a person can act on: Salesforce's code and message, and the window it was for. */
export class RetrieveError extends Error {
  constructor(
    message: string,
    readonly errorCode: string | undefined,
  ) {
    super(message);
    this.name = 'RetrieveError';
  }
}
