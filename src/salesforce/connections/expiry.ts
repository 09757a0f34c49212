import type { Connection } from '../../core/job/connections-schema';
import { cliRemedy } from '../../core/remedies';

export const DEFAULT_NOTIFY_DAYS_BEFORE = 14;

export type ExpiryState = 'none' | 'ok' | 'warn' | 'expired';

export interface ExpiryStatus {
  /** none: the connection declares no expiration. */
  state: ExpiryState;
  /** The expiration date as written ("2027-06-30"). */
  date?: string;
  /** Whole days from today (UTC) to the expiration date; negative once past. */
  daysLeft?: number;
  /** A sentence for people, present for warn and expired. */
  message?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Where a connection's credential stands against its declared `expiration`. The credential is valid through
 * the whole expiration day (UTC) and expired from the next day on, so "2027-06-30" still runs on June 30.
 */
export function expiryStatus(connectionName: string, connection: Connection, now: Date): ExpiryStatus {
  const expiration = connection.expiration;
  if (!expiration) return { state: 'none' };
  const [year, month, day] = expiration.date.split('-').map(Number);
  const expiresUtc = Date.UTC(year, month - 1, day);
  const todayUtc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysLeft = Math.round((expiresUtc - todayUtc) / DAY_MS);
  const notifyDays = expiration.notifyDaysBefore ?? DEFAULT_NOTIFY_DAYS_BEFORE;
  if (daysLeft < 0) {
    return {
      state: 'expired',
      date: expiration.date,
      daysLeft,
      message: `The credential of connection "${connectionName}" expired on ${expiration.date}. Renew it in Salesforce (connected app secret, certificate or integration user password), run ${cliRemedy('authorize', connectionName)}, then update expiration.date in sfjob.connections.json.`,
    };
  }
  if (daysLeft <= notifyDays) {
    const when = daysLeft === 0 ? 'today' : daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`;
    return {
      state: 'warn',
      date: expiration.date,
      daysLeft,
      message: `The credential of connection "${connectionName}" expires ${when} (${expiration.date}). Renew it before then and update expiration.date in sfjob.connections.json.`,
    };
  }
  return { state: 'ok', date: expiration.date, daysLeft };
}

/** Raised before any request is made with a credential past its declared expiration. */
export class CredentialExpiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialExpiredError';
  }
}

/** The check a run makes before it starts: throws CredentialExpiredError once the credential has expired. */
export function assertNotExpired(connectionName: string, connection: Connection, now: Date): ExpiryStatus {
  const status = expiryStatus(connectionName, connection, now);
  if (status.state === 'expired') throw new CredentialExpiredError(status.message ?? 'The credential has expired.');
  return status;
}
