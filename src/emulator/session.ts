import type { OrgSession } from '../salesforce/online/request';
import type { EmulatorHandle } from './index';

/**
 * A session on a running emulator from the client credentials grant, for scripts, benchmarks and tests
 * that call the REST API directly, without a connections file or a secret store.
 */
export async function clientCredentialsSession(emulator: EmulatorHandle, apiVersion = '62.0'): Promise<OrgSession> {
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret }).toString(),
  });
  if (!response.ok) throw new Error(`the emulator refused the client credentials grant (${response.status})`);
  const token = (await response.json()) as { access_token: string };
  return {
    connection: { accessToken: token.access_token, instanceUrl: emulator.url },
    apiVersion,
    connectionName: 'local',
    orgId: emulator.org.orgId,
    reauthorize: async () => undefined,
  };
}
