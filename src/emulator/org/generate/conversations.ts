import { formatDateTime } from '../dates';
import { deriveSeed, Random } from '../random';
import type { MemoryOrg } from '../store';
import type { SRecord } from '../types';
import { buildChatBody } from './chat-body';
import { withAudit, type People } from './people';
import type { GeneratedCase } from './service';
import { fillTemplate, type Persona } from './text';
import { creationTimes, modifiedAfter } from './timeline';
import { AGENT_LINES, BOT_LINES, SMS_END_USER_LINES } from './vocabulary';

function hashId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Chat bodies are the bulk of an org's bytes, so each is built when read, from the record's own fields and a
 * per-chat seed, through one shared accessor; writing Body turns it into a plain value.
 */
function bodyAccessors(seed: number, people: People): PropertyDescriptor {
  const personByContact = new Map<string, Persona>(people.contacts.map((c) => [c.id, c.person]));
  return {
    enumerable: true,
    configurable: true,
    get(this: SRecord): string {
      const start = Date.parse(String(this.StartTime).replace('+0000', 'Z'));
      return buildChatBody({
        seed: deriveSeed(seed, hashId(String(this.Id))),
        startMs: Number.isNaN(start) ? 0 : start,
        durationSeconds: Number(this.ChatDuration ?? 0),
        agentName: people.chatNameByUserId.get(String(this.OwnerId)) ?? 'Agent',
        visitor: personByContact.get(String(this.ContactId)) ?? { first: 'Visitor', last: '' },
        operatorMessages: Number(this.OperatorMessageCount ?? 0),
        visitorMessages: Number(this.VisitorMessageCount ?? 0),
        chatbot: this.IsChatbotSession === true,
        origin: String(this.Location ?? 'Web Support'),
      });
    },
    set(this: SRecord, value: unknown): void {
      Object.defineProperty(this, 'Body', { value, writable: true, enumerable: true, configurable: true });
    },
  };
}

export function generateChats(org: MemoryOrg, random: Random, count: number, nowMs: number, people: People, cases: GeneratedCase[], seed: number): void {
  const records: SRecord[] = [];
  const accessors = bodyAccessors(deriveSeed(seed, 77), people);
  const times = creationTimes(random, count, nowMs);
  const chatCases = cases.filter((c) => c.origin === 'Chat');
  for (let i = 0; i < count; i++) {
    const id = org.nextId('LiveChatTranscript');
    const linked = chatCases.length > 0 && random.chance(0.7) ? random.pick(chatCases) : undefined;
    const contact = people.contacts[linked ? linked.contactIndex : random.int(0, people.contacts.length - 1)]!;
    const status = random.weighted([['Completed', 12], ['Missed', 1], ['Dropped', 1]] as const);
    const chatbot = random.chance(0.2);
    const longChat = random.chance(0.03);
    const operatorMessages = status === 'Missed' ? 0 : chatbot && random.chance(0.4) ? 0 : longChat ? random.int(20, 60) : random.int(2, 12);
    const visitorMessages = status === 'Missed' ? 0 : Math.max(1, operatorMessages + random.int(-2, 2));
    const duration = status === 'Missed' ? 0 : longChat ? random.int(3600, 5400) : random.int(60, 1800);
    const wait = random.int(3, 240);
    const created = times[i]! + (duration + wait) * 1000;
    const start = times[i]! + wait * 1000;
    const modified = modifiedAfter(random, Math.min(created, nowMs - 60_000), nowMs);
    const record: SRecord = withAudit({
      Id: id, OwnerId: random.pick(people.agents).id, IsDeleted: random.chance(0.01), Name: String(i + 1).padStart(8, '0'),
      ChatDuration: duration, StartTime: formatDateTime(start), EndTime: status === 'Missed' ? null : formatDateTime(start + duration * 1000),
      Status: status, CaseId: linked?.id ?? null, ChatKey: [random.digits(8), random.digits(4), '4' + random.digits(3), 'a' + random.digits(3), random.digits(12)].join('-'),
      EndedBy: status === 'Missed' ? 'System' : random.pick(['Visitor', 'Agent']), OperatorMessageCount: operatorMessages,
      VisitorMessageCount: visitorMessages, WaitTime: wait, Abandoned: status === 'Missed' ? wait : null, IsChatbotSession: chatbot,
      ContactId: contact.id, LeadId: null, AccountId: contact.accountId, Location: random.pick(['Web Support', 'Mobile App', 'Help Center']),
      Platform: random.pick(['Windows', 'Mac OSX', 'iOS', 'Android']),
    }, Math.min(created, nowMs - 60_000), modified, people.integrationUserId);
    // Added after the literal (not converted from a data property) so V8 keeps the record in fast mode.
    Object.defineProperty(record, 'Body', accessors);
    records.push(record);
  }
  org.insertGenerated('LiveChatTranscript', records);
}

export function generateMessaging(org: MemoryOrg, random: Random, count: number, nowMs: number, people: People, cases: GeneratedCase[]): void {
  const sessions: SRecord[] = [];
  const entries: SRecord[] = [];
  const times = creationTimes(random, count, nowMs);
  const smsCases = cases.filter((c) => c.origin === 'SMS');
  for (let i = 0; i < count; i++) {
    const id = org.nextId('MessagingSession');
    const linked = smsCases.length > 0 && random.chance(0.6) ? random.pick(smsCases) : undefined;
    const contact = people.contacts[linked ? linked.contactIndex : random.int(0, people.contacts.length - 1)]!;
    const agent = random.pick(people.agents);
    const agentName = people.chatNameByUserId.get(agent.id) ?? 'Agent';
    const start = times[i]!;
    let at = start;
    let seq = 0;
    const push = (actorType: string, actorName: string, actorId: string | null, entryType: string, message: string | null): void => {
      // Several entries can share a second, as real conversations do; Seq keeps their order.
      at += random.chance(0.15) ? 0 : random.int(2, 240) * 1000;
      const stamp = formatDateTime(at);
      entries.push({
        Id: org.nextId('ConversationEntry'), IsDeleted: false, ConversationId: id, ActorType: actorType, ActorName: actorName, ActorId: actorId,
        EntryType: entryType, Message: message, EntryTime: stamp, Seq: ++seq,
        CreatedDate: stamp, CreatedById: people.integrationUserId, LastModifiedDate: stamp, LastModifiedById: people.integrationUserId, SystemModstamp: stamp,
      });
    };
    push('EndUser', contact.person.first, contact.id, 'Text', fillTemplate(random.pick(SMS_END_USER_LINES), random, contact.person));
    if (random.chance(0.4)) push('Bot', 'Virtual Assistant', null, 'Text', random.pick(BOT_LINES));
    push('System', 'System', null, 'RoutingWorkAccepted', null);
    const turns = random.int(1, 6);
    for (let t = 0; t < turns; t++) {
      push('Agent', agentName, agent.id, 'Text', fillTemplate(random.pick(AGENT_LINES), random, contact.person, { visitor: contact.person.first, agent: agentName }));
      if (random.chance(0.8)) push('EndUser', contact.person.first, contact.id, 'Text', fillTemplate(random.pick(SMS_END_USER_LINES), random, contact.person));
    }
    const ended = random.chance(0.9);
    if (ended) push('System', 'System', null, 'ChatEnded', null);
    const modified = modifiedAfter(random, at, nowMs);
    sessions.push(withAudit({
      Id: id, OwnerId: agent.id, IsDeleted: false, Name: `MS-${String(i + 1).padStart(7, '0')}`, Status: ended ? 'Ended' : 'Active',
      StartTime: formatDateTime(start), EndTime: ended ? formatDateTime(at) : null, AcceptTime: formatDateTime(start + 30_000),
      CaseId: linked?.id ?? null, ChannelType: random.weighted([['Text', 5], ['WhatsApp', 2], ['Facebook', 1]] as const),
      Origin: 'InboundInitiated', EndUserContactId: contact.id,
    }, start, Math.min(Math.max(modified, at), nowMs), people.integrationUserId));
  }
  org.insertGenerated('MessagingSession', sessions);
  org.insertGenerated('ConversationEntry', entries);
}
