import { formatDateTime } from '../dates';
import type { Random } from '../random';
import type { MemoryOrg } from '../store';
import type { SRecord } from '../types';
import { withAudit, type People } from './people';
import { fillTemplate } from './text';
import { creationTimes, modifiedAfter } from './timeline';
import { CASE_SUBJECTS, PII_SENTENCES, PLAIN_SENTENCES, SURVEY_COMMENTS } from './vocabulary';

export interface GeneratedCase {
  id: string;
  createdMs: number;
  contactIndex: number;
  origin: string;
}

export function generateCases(org: MemoryOrg, random: Random, count: number, nowMs: number, people: People): GeneratedCase[] {
  const records: SRecord[] = [];
  const cases: GeneratedCase[] = [];
  const times = creationTimes(random, count, nowMs);
  for (let i = 0; i < count; i++) {
    const id = org.nextId('Case');
    const contactIndex = random.int(0, people.contacts.length - 1);
    const contact = people.contacts[contactIndex]!;
    const created = times[i]!;
    const modified = modifiedAfter(random, created, nowMs);
    const status = random.weighted([['New', 3], ['Working', 3], ['Escalated', 1], ['Closed', 5]] as const);
    const origin = random.weighted([['Web', 3], ['Email', 3], ['Phone', 2], ['Chat', 3], ['SMS', 2]] as const);
    const description = [fillTemplate(random.pick(PLAIN_SENTENCES), random, contact.person)];
    if (random.chance(0.35)) description.push(fillTemplate(random.pick(PII_SENTENCES), random, contact.person));
    records.push(withAudit({
      Id: id, OwnerId: random.pick(people.agents).id, IsDeleted: random.chance(0.01),
      CaseNumber: String(1000 + org.rows('Case').length + i + 1).padStart(8, '0'),
      ContactId: contact.id, AccountId: contact.accountId, Subject: random.pick(CASE_SUBJECTS),
      Description: random.chance(0.1) ? null : description.join(' '), Status: status, Origin: origin,
      Priority: random.weighted([['Low', 2], ['Medium', 5], ['High', 2]] as const),
      Type: random.pick(['Question', 'Problem', 'Feature Request']), Reason: random.pick(['Billing', 'Delivery', 'Product', 'Account Access', 'Other']),
      SuppliedEmail: origin === 'Web' || origin === 'Email' ? contact.email : null, SuppliedPhone: origin === 'Phone' ? contact.phone : null,
      IsClosed: status === 'Closed', IsEscalated: status === 'Escalated', ClosedDate: status === 'Closed' ? formatDateTime(modified) : null,
    }, created, modified, people.integrationUserId));
    cases.push({ id, createdMs: created, contactIndex, origin });
  }
  org.insertGenerated('Case', records);
  return cases;
}

export function generateSurveys(org: MemoryOrg, random: Random, count: number, nowMs: number, people: People, cases: GeneratedCase[]): void {
  const records: SRecord[] = [];
  const times = creationTimes(random, count, nowMs);
  for (let i = 0; i < count; i++) {
    const id = org.nextId('Survey_Response__c');
    const linked = cases.length > 0 && random.chance(0.9) ? random.pick(cases) : undefined;
    const contact = people.contacts[linked ? linked.contactIndex : random.int(0, people.contacts.length - 1)]!;
    const created = times[i]!;
    const submitted = created - random.int(0, 600) * 1000;
    const tags = ['Billing', 'Delivery', 'Product', 'Support', 'Website'].filter(() => random.chance(0.25));
    records.push(withAudit({
      Id: id, OwnerId: people.integrationUserId, IsDeleted: random.chance(0.01), Name: `SR-${String(i + 1).padStart(6, '0')}`,
      Score__c: random.chance(0.05) ? null : random.int(0, 20) / 2,
      Comment__c: random.chance(0.1) ? null : fillTemplate(random.pick(SURVEY_COMMENTS), random, contact.person),
      Channel__c: random.pick(['Email', 'Chat', 'SMS', 'Phone', 'Web']), Submitted_At__c: formatDateTime(submitted),
      Case__c: linked?.id ?? null, Contact__c: contact.id, Tags__c: tags.length > 0 ? tags.join(';') : null,
    }, created, modifiedAfter(random, created, nowMs), people.integrationUserId));
  }
  org.insertGenerated('Survey_Response__c', records);
}
