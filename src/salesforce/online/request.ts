import { backoffDelayMs, DEFAULT_RETRY_POLICY, pause, type RetryPolicy } from '../retrieve/backoff';
import { classifyQueryError } from '../retrieve/errors';
import { getJson } from '../retrieve/http';
import type { QuerySession } from '../retrieve/pages';

/**
 * What the online checks need from a session: the token and instance (a jsforce Connection), the API
 * version, a way to renew the token, and the org it reaches. `AuthorizedConnection` from `connect()`
 * is one; tests and the editor pass theirs.
 */
export interface OrgSession extends QuerySession {
  connectionName: string;
  /** From the token response's identity URL; the describe cache is kept per org. */
  orgId?: string;
}

export interface OrgRequestOptions {
  retry?: Partial<RetryPolicy>;
  /** How long one request may take. Default 60 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * One GET of the REST API for a short online check: transient failures are retried with backoff, an
 * ended session is renewed once, and anything else (MALFORMED_QUERY, NOT_FOUND, …) is thrown as the
 * QueryHttpError that carries Salesforce's errorCode and message.
 */
export async function orgGet<T>(session: OrgSession, url: string, options: OrgRequestOptions = {}): Promise<T> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  let renewed = false;
  for (let retry = 0; ; retry++) {
    try {
      return await getJson<T>(session, url, { timeoutMs: options.timeoutMs ?? 60_000, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      const handling = classifyQueryError(error);
      if (handling === 'reauthorize' && !renewed) {
        renewed = true;
        await session.reauthorize();
        continue;
      }
      if (handling !== 'retry' || retry >= policy.retries || options.signal?.aborted) throw error;
      await pause(backoffDelayMs(policy, retry), options.signal);
    }
  }
}

/** The REST base of the session's API version: `/services/data/v62.0`. */
export function dataPath(session: OrgSession): string {
  return `/services/data/v${session.apiVersion}`;
}
