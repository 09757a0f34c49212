import type { AuthorizedConnection } from './types';

export interface ConnectionCheck {
  username?: string;
  displayName?: string;
  userId?: string;
  orgId?: string;
  instanceUrl: string;
  apiVersion: string;
  /** Daily API requests: used and allowed, from Sforce-Limit-Info (or the limits resource). */
  apiUsage?: { used: number; limit: number; remaining: number };
}

interface IdentityResponse {
  user_id?: string;
  organization_id?: string;
  username?: string;
  preferred_username?: string;
  display_name?: string;
  name?: string;
}

interface LimitsResponse {
  DailyApiRequests?: { Max?: number; Remaining?: number };
}

const CHECK_ADVICE: Record<string, string> = {
  REQUEST_LIMIT_EXCEEDED: "The org's daily API requests are used up; wait for the rolling 24-hour limit to free up, or ask the admin to raise it.",
  API_DISABLED_FOR_ORG: 'This org edition or user has no API access; the user needs the "API Enabled" permission.',
  NOT_FOUND: 'The org does not offer this API version; set an older "apiVersion" on the connection.',
};

/** Signed in, but the first calls failed: Salesforce's errorCode kept, with what to do when known. */
export class ConnectionCheckError extends Error {
  readonly errorCode: string;
  constructor(authorized: AuthorizedConnection, cause: unknown) {
    const err = cause as { errorCode?: unknown; name?: unknown; message?: unknown };
    const errorCode = typeof err?.errorCode === 'string' ? err.errorCode : typeof err?.name === 'string' ? err.name : 'Error';
    const message = typeof err?.message === 'string' ? err.message : String(cause);
    super(`Connection "${authorized.connectionName}" signed in, but checking it on ${authorized.instanceUrl} failed (${errorCode}: ${message}). ${CHECK_ADVICE[errorCode] ?? 'Check the user\'s API access and the connection\'s apiVersion.'}`);
    this.name = 'ConnectionCheckError';
    this.errorCode = errorCode;
  }
}

/**
 * Proves the connection works and reports who it is: the identity (OpenID userinfo), the org, the API
 * version and how many API requests are left today. Costs two API requests.
 */
export async function testConnection(authorized: AuthorizedConnection): Promise<ConnectionCheck> {
  const { connection } = authorized;
  let identity: IdentityResponse;
  let limits: LimitsResponse;
  try {
    identity = await connection.request<IdentityResponse>('/services/oauth2/userinfo');
    limits = await connection.request<LimitsResponse>(`/services/data/v${authorized.apiVersion}/limits`);
  } catch (error) {
    throw new ConnectionCheckError(authorized, error);
  }
  const fromHeader = connection.limitInfo?.apiUsage;
  const daily = limits?.DailyApiRequests;
  let apiUsage: ConnectionCheck['apiUsage'];
  if (fromHeader) {
    apiUsage = { used: fromHeader.used, limit: fromHeader.limit, remaining: fromHeader.limit - fromHeader.used };
  } else if (daily?.Max !== undefined && daily.Remaining !== undefined) {
    apiUsage = { used: daily.Max - daily.Remaining, limit: daily.Max, remaining: daily.Remaining };
  }
  return {
    username: identity?.preferred_username ?? identity?.username ?? authorized.username,
    displayName: identity?.name ?? identity?.display_name,
    userId: identity?.user_id ?? authorized.userId,
    orgId: identity?.organization_id ?? authorized.orgId,
    instanceUrl: connection.instanceUrl,
    apiVersion: authorized.apiVersion,
    apiUsage,
  };
}
