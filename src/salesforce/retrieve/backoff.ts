/**
 * Exponential backoff with full jitter: the n-th retry waits a random time between 0 and
 * min(maxMs, baseMs × 2ⁿ), so many clients failing together do not retry in step.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 5. */
  retries: number;
  baseMs: number;
  maxMs: number;
  /** Returns a number in [0, 1); injectable so tests are repeatable. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 5, baseMs: 500, maxMs: 30_000, random: Math.random };

export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

/** Waits, or rejects at once when the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('stopped'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('stopped'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, retrying failures that `isTransient` accepts after a backoff pause
 * (at least as long as the server's Retry-After asks, within the policy's ceiling). Anything else, the
 * last failure, and a stop are thrown.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  options: { isTransient: (error: unknown) => boolean; signal?: AbortSignal; onRetry?: (retry: number, delayMs: number, error: unknown) => void },
): Promise<T> {
  for (let retry = 0; ; retry++) {
    if (options.signal?.aborted) throw new Error('the retrieval was stopped');
    try {
      return await attempt();
    } catch (error) {
      if (options.signal?.aborted || !options.isTransient(error) || retry >= policy.retries) throw error;
      const asked = (error as { retryAfterMs?: unknown }).retryAfterMs;
      const retryAfterMs = typeof asked === 'number' ? asked : 0;
      const delayMs = Math.max(backoffDelayMs(policy, retry), Math.min(retryAfterMs, policy.maxMs));
      options.onRetry?.(retry + 1, delayMs, error);
      await pause(delayMs, options.signal);
    }
  }
}
