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

/**
 * Proves the connection works and reports who it is: the identity (OpenID userinfo), the org, the API
 * version and how many API requests are left today. Costs two API requests.
 */
export async function testConnection(authorized: AuthorizedConnection): Promise<ConnectionCheck> {
  const { connection } = authorized;
  const identity = await connection.request<IdentityResponse>('/services/oauth2/userinfo');
  const limits = await connection.request<LimitsResponse>(`/services/data/v${authorized.apiVersion}/limits`);
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
