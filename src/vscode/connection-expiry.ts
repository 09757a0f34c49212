import type { Connection } from '../core/job/connections-schema';
import { expiryStatus, type ExpiryStatus } from '../salesforce';

/** The `expiration` of a connection as written in the connections file, when it has a usable one. */
export function expirationOf(connection: unknown): Connection['expiration'] {
  const expiration = (connection as { expiration?: { date?: unknown; notifyDaysBefore?: unknown } } | undefined)?.expiration;
  if (typeof expiration?.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expiration.date)) return undefined;
  const notify = expiration.notifyDaysBefore;
  return { date: expiration.date, ...(typeof notify === 'number' && Number.isInteger(notify) && notify >= 0 ? { notifyDaysBefore: notify } : {}) };
}

export interface ExpiryNotice {
  status: ExpiryStatus;
  /** True when a notification is due: the credential expires soon (or has expired) and none was shown today. */
  notify: boolean;
}

/** The UTC day, as the expiry logic counts days. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Where a connection's credential stands, and whether to notify: from `notifyDaysBefore` days before the
 * expiration date on, at most once a day per connection (`lastNotified` is the day of the last one).
 */
export function expiryNotice(name: string, connection: unknown, now: Date, lastNotified: string | undefined): ExpiryNotice {
  const expiration = expirationOf(connection);
  const status = expiration ? expiryStatus(name, { expiration } as Connection, now) : { state: 'none' as const };
  const due = status.state === 'warn' || status.state === 'expired';
  return { status, notify: due && lastNotified !== dayOf(now) };
}
