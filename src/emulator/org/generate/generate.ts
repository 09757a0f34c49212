import { deriveSeed, Random } from '../random';
import type { MemoryOrg } from '../store';
import type { RecordCounts } from '../types';
import { generateChats, generateMessaging } from './conversations';
import { generateOrganization } from './organization';
import { generateAccountsAndContacts, generateUsers, type People } from './people';
import { generateCases, generateSurveys } from './service';

/** Default sizes keep `sfjob run` on the examples quick; large orgs come from explicit counts. */
export const DEFAULT_COUNTS: Required<RecordCounts> = { cases: 300, chats: 200, sms: 100, surveys: 300 };

/** Fills the org with deterministic data: each object draws from its own PRNG stream, so changing one count leaves the others' data alone. */
export function generateOrgData(org: MemoryOrg, options: { seed: number; now: Date; records: RecordCounts }): void {
  const counts = { ...DEFAULT_COUNTS, ...definedOnly(options.records) };
  const nowMs = Math.floor(options.now.getTime() / 1000) * 1000;
  const stream = (n: number) => new Random(deriveSeed(options.seed, n));
  const contactCount = Math.min(5000, Math.max(150, Math.ceil(counts.cases / 3)));
  const { agents, integrationUserId } = generateUsers(org, nowMs);
  generateOrganization(org, nowMs, integrationUserId);
  const { accountIds, contacts } = generateAccountsAndContacts(org, stream(1), { accounts: Math.max(40, Math.ceil(contactCount / 5)), contacts: contactCount }, nowMs, agents, integrationUserId);
  const people: People = { integrationUserId, agents, accountIds, contacts, chatNameByUserId: new Map(agents.map((a) => [a.id, a.chatName])) };
  const cases = generateCases(org, stream(2), counts.cases, nowMs, people);
  generateChats(org, stream(3), counts.chats, nowMs, people, cases, options.seed);
  generateMessaging(org, stream(4), counts.sms, nowMs, people, cases);
  generateSurveys(org, stream(5), counts.surveys, nowMs, people, cases);
}

function definedOnly(counts: RecordCounts): RecordCounts {
  return Object.fromEntries(Object.entries(counts).filter(([, value]) => typeof value === 'number' && value >= 0));
}
