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
