import assert from 'node:assert/strict';
import { createOrg } from '../../../../src/emulator/org/create';
import { parseDateTime } from '../../../../src/emulator/org/dates';
import { idChecksum } from '../../../../src/emulator/org/ids';
import type { SRecord } from '../../../../src/emulator/org/types';

const NOW = new Date('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const OBJECTS = ['User', 'Account', 'Contact', 'Case', 'LiveChatTranscript', 'MessagingSession', 'ConversationEntry', 'Survey_Response__c'];

function snapshot(seed: number): Record<string, SRecord[]> {
  const org = createOrg({ seed, now: NOW });
  return Object.fromEntries(OBJECTS.map((name) => [name, org.rows(name).map((r) => ({ ...r }))]));
}

describe('the seeded org generator', () => {
  it('produces the same records, chat bodies included, for the same seed and clock', () => {
    assert.deepEqual(snapshot(42), snapshot(42));
  });

  it('produces different data for a different seed', () => {
    const a = snapshot(1);
    const b = snapshot(2);
    assert.notDeepEqual(a.Case!.map((c) => c.Subject), b.Case!.map((c) => c.Subject));
  });

  it('honours record counts and keeps the default org small', () => {
    const org = createOrg({ seed: 3, now: NOW, records: { cases: 7, chats: 5, sms: 4, surveys: 6 } });
    assert.equal(org.rows('Case').length, 7);
    assert.equal(org.rows('LiveChatTranscript').length, 5);
    assert.equal(org.rows('MessagingSession').length, 4);
    assert.equal(org.rows('Survey_Response__c').length, 6);
    const defaults = createOrg({ seed: 3, now: NOW });
    for (const name of OBJECTS) assert.ok(defaults.rows(name).length <= 2000, `${name} has ${defaults.rows(name).length} rows by default`);
  });

  it('gives every record a valid 18-character id with the key prefix of its object', () => {
    const org = createOrg({ seed: 5, now: NOW });
    const prefixes: Record<string, string> = { User: '005', Account: '001', Contact: '003', Case: '500', LiveChatTranscript: '570', MessagingSession: '0Mw', ConversationEntry: '0dw', Survey_Response__c: 'a0X' };
    for (const [name, prefix] of Object.entries(prefixes)) {
      for (const row of org.rows(name)) {
        const id = String(row.Id);
        assert.equal(id.length, 18);
        assert.ok(id.startsWith(prefix), `${name} id ${id}`);
        assert.equal(id.slice(15), idChecksum(id.slice(0, 15)));
      }
    }
  });

  it('spreads creation over the 90 days before now, with shared seconds and later modifications', () => {
    const org = createOrg({ seed: 6, now: NOW });
    const cases = org.rows('Case');
    const created = cases.map((c) => parseDateTime(String(c.CreatedDate)));
    assert.ok(created.every((ms) => ms <= NOW.getTime() && ms >= NOW.getTime() - 91 * DAY));
    assert.ok(Math.max(...created) - Math.min(...created) > 60 * DAY, 'dates are spread over weeks');
    const perSecond = new Map<number, number>();
    for (const ms of created) perSecond.set(ms, (perSecond.get(ms) ?? 0) + 1);
    assert.ok([...perSecond.values()].some((n) => n >= 2), 'several records share a second');
    const changed = cases.filter((c) => String(c.LastModifiedDate) > String(c.CreatedDate));
    assert.ok(changed.length > cases.length / 3, 'many records were modified after creation');
    assert.ok(cases.every((c) => String(c.SystemModstamp) >= String(c.LastModifiedDate)));
    assert.match(String(cases[0]!.CreatedDate), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/);
  });

  it('puts personal-looking data (emails, phone numbers, card-like numbers) into free text', () => {
    const org = createOrg({ seed: 7, now: NOW });
    const text = [
      ...org.rows('Case').map((c) => c.Description),
      ...org.rows('Survey_Response__c').map((s) => s.Comment__c),
      ...org.rows('LiveChatTranscript').map((c) => c.Body),
    ].join(' ');
    assert.match(text, /[\w.]+@[\w.]+\.\w+/);
    assert.match(text, /\+1 \(\d{3}\) 555-\d{4}/);
    assert.match(text, /\b4111 \d{4} \d{4} \d{4}\b/);
  });

  it('links records: chats and surveys to cases, conversation entries in time order per session', () => {
    const org = createOrg({ seed: 8, now: NOW });
    const caseIds = new Set(org.rows('Case').map((c) => c.Id));
    assert.ok(org.rows('LiveChatTranscript').some((c) => caseIds.has(c.CaseId)));
    assert.ok(org.rows('Survey_Response__c').every((s) => s.Case__c === null || caseIds.has(s.Case__c)));
    assert.ok(org.rows('LiveChatTranscript').some((c) => c.IsChatbotSession === true));
    const bySession = new Map<unknown, SRecord[]>();
    for (const entry of org.rows('ConversationEntry')) bySession.set(entry.ConversationId, [...(bySession.get(entry.ConversationId) ?? []), entry]);
    assert.equal(bySession.size, org.rows('MessagingSession').length);
    const actorTypes = new Set<unknown>();
    for (const entries of bySession.values()) {
      for (let i = 1; i < entries.length; i++) {
        assert.ok(String(entries[i]!.EntryTime) >= String(entries[i - 1]!.EntryTime));
        assert.equal(entries[i]!.Seq, (entries[i - 1]!.Seq as number) + 1);
      }
      for (const e of entries) actorTypes.add(e.ActorType);
    }
    for (const type of ['Agent', 'EndUser', 'System', 'Bot']) assert.ok(actorTypes.has(type), `an entry by ${type}`);
  });

  it('signs in as the fixed integration user', () => {
    const org = createOrg({ seed: 9, now: NOW });
    const user = org.users().find((u) => u.username === 'integration@sfjob.local');
    assert.ok(user);
    assert.ok(user.userId.startsWith('005'));
    assert.match(org.orgId, /^00D[0-9A-Za-z]{15}$/);
  });

  it('generates 200,000 cases in seconds', function () {
    this.timeout(30_000);
    const started = Date.now();
    const org = createOrg({ seed: 10, now: NOW, records: { cases: 200_000, chats: 0, sms: 0, surveys: 0 } });
    assert.equal(org.rows('Case').length, 200_000);
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  });
});
