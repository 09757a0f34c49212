import type { MemoryOrg } from '../store';
import { withAudit } from './people';
import { DAY } from './timeline';

/**
 * The org's own records: its one Organization row (the Salesforce CLI reads it on login) and a support queue,
 * the Group a case or chat waiting for an agent is owned by. Neither draws random numbers, so the rest of the
 * generated data stays as it was for a seed.
 */
export function generateOrganization(org: MemoryOrg, nowMs: number, integrationUserId: string): void {
  const createdMs = nowMs - 400 * DAY;
  org.insertGenerated('Organization', [
    withAudit({
      Id: org.orgId, Name: 'sfjob Local Org', Division: null, City: 'San Francisco', Country: 'United States', Phone: null, PrimaryContact: 'Integration User',
      DefaultLocaleSidKey: 'en_US', LanguageLocaleKey: 'en_US', TimeZoneSidKey: 'America/New_York', FiscalYearStartMonth: 1, UsesStartDateAsFiscalYearName: false,
      IsSandbox: false, InstanceName: 'EMU1', OrganizationType: 'Developer Edition', NamespacePrefix: null, TrialExpirationDate: null,
    }, createdMs, createdMs, integrationUserId),
  ]);
  org.insertGenerated('Group', [
    withAudit({
      Id: org.nextId('Group'), Name: 'Support Queue', DeveloperName: 'Support_Queue', Type: 'Queue', Email: 'support-queue@sfjob.local', DoesSendEmailToMembers: false,
    }, createdMs, createdMs, integrationUserId),
  ]);
}
