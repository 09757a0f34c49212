import { formatDate, formatDateTime } from '../dates';
import type { Random } from '../random';
import { INTEGRATION_USERNAME, type MemoryOrg } from '../store';
import type { SRecord } from '../types';
import { emailOf, phoneOf, type Persona } from './text';
import { creationTimes, DAY, modifiedAfter } from './timeline';
import { AGENT_NAMES, CITIES, COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES } from './vocabulary';

export { INTEGRATION_USERNAME };

export interface Agent {
  id: string;
  /** How chat transcripts show the agent: first name and last initial, `Royalle G`. */
  chatName: string;
}

export interface People {
  integrationUserId: string;
  agents: Agent[];
  accountIds: string[];
  contacts: { id: string; accountId: string | null; person: Persona; email: string; phone: string }[];
  /** Chat names by user id, for building transcript bodies. */
  chatNameByUserId: Map<string, string>;
}

const AGENT_LAST_NAMES: Record<string, string> = { G: 'Grant', T: 'Turner', K: 'Kim', S: 'Shah', W: 'Weber', R: 'Ruiz', L: 'Lopez', M: 'Mori', O: 'Osei', B: 'Bauer' };

/** Adds the audit fields to a record literal (assigned, not spread, so records keep one fast shape). */
export function withAudit(record: SRecord, createdMs: number, modifiedMs: number, byId: string): SRecord {
  const modified = formatDateTime(modifiedMs);
  record.CreatedDate = formatDateTime(createdMs);
  record.CreatedById = byId;
  record.LastModifiedDate = modified;
  record.LastModifiedById = byId;
  record.SystemModstamp = modified;
  return record;
}

export function generateUsers(org: MemoryOrg, nowMs: number): Pick<People, 'agents' | 'integrationUserId'> {
  const users: SRecord[] = [];
  const createdMs = nowMs - 400 * DAY;
  const integrationId = org.nextId('User');
  users.push(withAudit({
    Id: integrationId, Username: INTEGRATION_USERNAME, LastName: 'User', FirstName: 'Integration', Name: 'Integration User',
    Email: INTEGRATION_USERNAME, Alias: 'integ', IsActive: true, Title: 'Integration', Department: 'IT', TimeZoneSidKey: 'America/New_York',
  }, createdMs, createdMs, integrationId));
  const agents: Agent[] = [];
  AGENT_NAMES.forEach(([first, initial], index) => {
    const id = org.nextId('User');
    const last = AGENT_LAST_NAMES[initial] ?? initial;
    users.push(withAudit({
      Id: id, Username: `${first.toLowerCase()}.${last.toLowerCase()}@sfjob.local`, LastName: last, FirstName: first, Name: `${first} ${last}`,
      Email: `${first.toLowerCase()}.${last.toLowerCase()}@sfjob.local`, Alias: (first.slice(0, 4) + initial).toLowerCase(),
      IsActive: index !== AGENT_NAMES.length - 1, Title: 'Support Agent', Department: 'Customer Care', TimeZoneSidKey: 'Europe/London',
    }, createdMs + index * DAY, createdMs + index * DAY, integrationId));
    agents.push({ id, chatName: `${first} ${initial}` });
  });
  org.insertGenerated('User', users);
  return { agents, integrationUserId: integrationId };
}

export function generateAccountsAndContacts(org: MemoryOrg, random: Random, counts: { accounts: number; contacts: number }, nowMs: number, agents: Agent[], integrationUserId: string): Pick<People, 'accountIds' | 'contacts'> {
  const accounts: SRecord[] = [];
  const accountTimes = creationTimes(random, counts.accounts, nowMs, 365);
  for (let i = 0; i < counts.accounts; i++) {
    const id = org.nextId('Account');
    const [city, country] = random.pick(CITIES);
    const name = `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_SUFFIXES)}`;
    const created = accountTimes[i]!;
    accounts.push(withAudit({
      Id: id, OwnerId: random.pick(agents).id, IsDeleted: false, Name: name,
      Type: random.pick(['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner']),
      Industry: random.pick(['Retail', 'Technology', 'Finance', 'Healthcare', 'Energy']), Phone: phoneOf(random),
      Website: `https://www.${name.split(' ')[0]!.toLowerCase()}.example.com`, BillingCity: city, BillingCountry: country,
      AnnualRevenue: random.int(1, 500) * 100000, NumberOfEmployees: random.int(5, 20000),
      Description: random.chance(0.5) ? null : `Key account in ${city}. Main contact line ${phoneOf(random)}.`,
    }, created, modifiedAfter(random, created, nowMs), integrationUserId));
  }
  org.insertGenerated('Account', accounts);
  const accountIds = accounts.map((a) => a.Id as string);

  const contactRecords: SRecord[] = [];
  const contacts: People['contacts'] = [];
  const contactTimes = creationTimes(random, counts.contacts, nowMs, 365);
  for (let i = 0; i < counts.contacts; i++) {
    const id = org.nextId('Contact');
    const person = { first: random.pick(FIRST_NAMES), last: random.pick(LAST_NAMES) };
    const email = emailOf(person, random.pick(['example.com', 'mail.example.org']));
    const phone = phoneOf(random);
    const accountId = random.chance(0.85) ? random.pick(accountIds) : null;
    const created = contactTimes[i]!;
    contactRecords.push(withAudit({
      Id: id, OwnerId: random.pick(agents).id, IsDeleted: false, AccountId: accountId, LastName: person.last, FirstName: person.first,
      Name: `${person.first} ${person.last}`, Email: email, Phone: phone, MobilePhone: random.chance(0.6) ? phoneOf(random) : null,
      Title: random.pick([null, 'Buyer', 'Office Manager', 'CTO', 'Owner']), MailingCity: random.pick(CITIES)[0],
      Birthdate: random.chance(0.4) ? null : formatDate(Date.UTC(random.int(1950, 2004), random.int(0, 11), random.int(1, 28))), HasOptedOutOfEmail: random.chance(0.1),
    }, created, modifiedAfter(random, created, nowMs), integrationUserId));
    contacts.push({ id, accountId, person, email, phone });
  }
  org.insertGenerated('Contact', contactRecords);
  return { accountIds, contacts };
}

