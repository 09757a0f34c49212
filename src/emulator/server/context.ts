import type { EmulatorUser, OrgStore } from '../org/types';
import type { BulkJobStore } from './bulk/jobs';
import type { FaultState } from './faults';
import type { LocatorStore } from './locators';
import type { ServerConfig } from './options';
import type { SessionStore } from './sessions';
import type { ApiUsage } from './usage';

/** Everything a handler may need, built once per emulator; there is no module-level state. */
export interface EmulatorContext {
  readonly config: ServerConfig;
  readonly org: OrgStore;
  readonly sessions: SessionStore;
  readonly usage: ApiUsage;
  readonly locators: LocatorStore;
  readonly faults: FaultState;
  readonly bulkJobs: BulkJobStore;
  /** Every request a client made (OAuth, REST, Bulk), control requests left out. */
  readonly requests: { count: number };
  /** http://127.0.0.1:PORT, known once the server listens. */
  baseUrl: string;
}

/** The user every grant signs in as: the configured username, found among the org's users. */
export function integrationUser(context: EmulatorContext): EmulatorUser {
  const users = context.org.users();
  const wanted = context.config.username.toLowerCase();
  const user = users.find((u) => u.username.toLowerCase() === wanted) ?? users[0];
  if (!user) throw new Error('the org has no users: the integration user must exist to sign in');
  return user;
}

export function identityUrl(context: EmulatorContext, userId: string): string {
  return `${context.baseUrl}/id/${context.org.orgId}/${userId}`;
}
