import { createOrg } from '../../../../src/emulator/org/create';
import type { SRecord } from '../../../../src/emulator/org/types';
import { executeSoql } from '../../../../src/emulator/soql/execute';

/** Tuesday 10 March 2026, noon UTC. */
export const NOW = new Date('2026-03-10T12:00:00Z');

/** A generated org without cases, chats, sessions or surveys, plus a handful of known rows the tests reason about. */
export function fixtureOrg() {
  const org = createOrg({ seed: 21, now: NOW, records: { cases: 0, chats: 0, sms: 0, surveys: 0 } });
  const agent = org.users()[1]!;
  const account = org.rows('Account')[0]!;
  const cases = org.insert('Case', [
    { Subject: 'Order has not arrived', Status: 'New', Priority: 'High', Origin: 'Web', CreatedDate: '2026-03-10T09:00:00Z', OwnerId: agent.userId, AccountId: account.Id },
    { Subject: 'Refund request', Status: 'Closed', Priority: 'Low', Origin: 'Email', CreatedDate: '2026-03-09T09:00:00Z', OwnerId: agent.userId, AccountId: account.Id },
    { Subject: 'refund REQUEST again', Status: 'Working', Priority: 'Low', Origin: 'Phone', CreatedDate: '2026-03-09T09:00:00Z', OwnerId: agent.userId, AccountId: null },
    { Subject: null, Status: 'Escalated', Priority: 'Medium', Origin: 'Chat', CreatedDate: '2026-02-01T00:00:00Z', OwnerId: agent.userId, AccountId: null },
    { Subject: 'Deleted one', Status: 'New', Priority: 'High', Origin: 'Web', CreatedDate: '2026-03-05T00:00:00Z', OwnerId: agent.userId, IsDeleted: true },
    { Subject: '100% sure_thing', Status: 'New', Priority: null, Origin: 'SMS', CreatedDate: '2025-12-31T23:30:00Z', OwnerId: agent.userId },
  ]);
  const chats = org.insert('LiveChatTranscript', [
    { CaseId: cases[0]!.Id, Status: 'Completed', ChatDuration: 300, StartTime: '2026-03-10T08:00:00Z', Body: '<p align="center">Chat Started: x</p>', OwnerId: agent.userId },
    { CaseId: cases[0]!.Id, Status: 'Missed', ChatDuration: 0, StartTime: '2026-03-10T07:00:00Z', OwnerId: agent.userId },
    { CaseId: cases[1]!.Id, Status: 'Completed', ChatDuration: 120, StartTime: '2026-03-09T08:00:00Z', OwnerId: agent.userId, IsDeleted: true },
  ]);
  const surveys = org.insert('Survey_Response__c', [
    { Name: 'S1', Score__c: 9.5, Channel__c: 'Chat', Case__c: cases[0]!.Id, Tags__c: 'Billing;Product', Submitted_At__c: '2026-03-10T10:00:00+01:00' },
    { Name: 'S2', Score__c: 3, Channel__c: 'Email', Case__c: cases[1]!.Id, Tags__c: 'Delivery' },
    { Name: 'S3', Score__c: null, Channel__c: 'SMS', Case__c: null, Tags__c: null },
    { Name: 'S4', Score__c: 7, Channel__c: 'Chat', Case__c: cases[0]!.Id, Tags__c: 'Product;Support;Billing' },
  ]);
  return { org, agent, account, cases, chats, surveys };
}

export type Fixture = ReturnType<typeof fixtureOrg>;

/** Runs a query and returns every row, as a client paging through it would see them. */
export function query(fixture: Fixture, soql: string, includeDeleted = false): { totalSize: number; records: Record<string, unknown>[] } {
  const execution = executeSoql(fixture.org, soql, { includeDeleted, now: NOW, apiVersion: '62.0' });
  return { totalSize: execution.totalSize, records: execution.page(0, execution.totalSize) };
}

export function ids(records: Record<string, unknown>[]): unknown[] {
  return records.map((r) => r.Id);
}

export function idsOf(rows: SRecord[], ...indexes: number[]): unknown[] {
  return indexes.map((i) => rows[i]!.Id);
}
