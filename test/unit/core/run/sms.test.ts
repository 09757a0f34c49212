import assert from 'node:assert/strict';
import type { SfRecord } from '../../../../src/core/run/types';
import { job, run } from './helpers';

function entry(conversationId: string, second: number, actorType: string, actorName: string, message: string | null): SfRecord {
  const entryTime = `2024-05-01T10:00:${String(second).padStart(2, '0')}.000+0000`;
  return { attributes: { type: 'ConversationEntry' }, Id: `0XX${conversationId}${second}`, ConversationId: conversationId, ActorType: actorType, ActorName: actorName, Message: message, EntryTime: entryTime };
}

const smsJob = (overrides = {}) =>
  job({ name: 'Texts', feedbackType: 'sms', query: 'SELECT Id, ConversationId, ActorType, ActorName, Message, EntryTime FROM ConversationEntry', dateField: 'EntryTime', ...overrides });

describe('groupConversationRows', () => {
  it('groups rows into one conversation each, even when a conversation spans pages', async () => {
    const pages = [
      [entry('C1', 0, 'EndUser', 'Pat', 'Hi'), entry('C1', 5, 'Agent', 'Ana', 'Hello Pat')],
      [entry('C1', 9, 'EndUser', 'Pat', 'Thanks'), entry('C2', 1, 'EndUser', 'Lou', 'Stop')],
    ];
    const { units, counters } = await run(smsJob(), pages);
    assert.deepEqual(units.map((unit) => unit.document.natural_id), ['C1', 'C2']);
    assert.deepEqual(units[0].document.conversation, {
      participants: [
        { id: 'p1', type: 'CLIENT', name: 'Pat' },
        { id: 'p2', type: 'AGENT', name: 'Ana' },
      ],
      turns: [
        { participantId: 'p1', text: 'Hi', offsetSeconds: 0, timestamp: '2024-05-01T10:00:00.000Z' },
        { participantId: 'p2', text: 'Hello Pat', offsetSeconds: 5, timestamp: '2024-05-01T10:00:05.000Z' },
        { participantId: 'p1', text: 'Thanks', offsetSeconds: 9, timestamp: '2024-05-01T10:00:09.000Z' },
      ],
    });
    assert.equal(units[0].document.document_date, '2024-05-01T10:00:00.000Z');
    assert.equal(counters.conversations, 2);
    assert.equal(counters.retrieved, 4);
  });

  it('makes bots and supervisors agents, skips System rows and empty messages and counts them', async () => {
    const rows = [
      entry('C1', 0, 'Bot', 'Astro', 'Hi, I am a bot'),
      entry('C1', 1, 'System', '', 'Conversation started'),
      entry('C1', 2, 'EndUser', 'Pat', 'help'),
      entry('C1', 3, 'Supervisor', 'Sue', 'Joining'),
      entry('C1', 4, 'EndUser', 'Pat', null),
    ];
    const { units, counters } = await run(smsJob(), [rows]);
    assert.deepEqual(units[0].document.conversation?.participants.map((p) => [p.name, p.type]), [['Astro', 'AGENT'], ['Pat', 'CLIENT'], ['Sue', 'AGENT']]);
    assert.equal(units[0].document.conversation?.turns.length, 3);
    assert.deepEqual(counters.rowsLeftOut, { system: 1, emptyMessage: 1, unknownActor: 0 });
  });

  it('warns when rows of a finished conversation come back, because the query is not ordered by conversation', async () => {
    const rows = [entry('C1', 0, 'EndUser', 'Pat', 'a'), entry('C2', 1, 'EndUser', 'Lou', 'b'), entry('C1', 2, 'Agent', 'Ana', 'c')];
    const { units, events } = await run(smsJob({ duplicates: 'allow' }), [rows]);
    assert.equal(units.length, 3);
    assert.ok(events.some((event) => event.type === 'warning' && /order the query by ConversationId, then EntryTime/.test(event.message)));
  });

  it('ignores actor types under firstIsClient: the first speaker is the client, the others agents', async () => {
    const rows = [entry('C1', 0, 'Agent', 'Pat', 'a'), entry('C1', 1, 'Weird', 'Ana', 'b')];
    const { units } = await run(smsJob({ participants: 'firstIsClient' }), [rows]);
    assert.deepEqual(units[0].document.conversation?.participants.map((p) => p.type), ['CLIENT', 'AGENT']);
  });

  it('counts conversations, not rows, against the record limit', async () => {
    const rows = [entry('C1', 0, 'EndUser', 'Pat', 'a'), entry('C1', 1, 'Agent', 'Ana', 'b'), entry('C2', 2, 'EndUser', 'Lou', 'c'), entry('C3', 3, 'EndUser', 'Max', 'd')];
    const { units, counters } = await run(smsJob({ recordLimit: 2 }), [rows]);
    assert.deepEqual(units.map((unit) => unit.document.natural_id), ['C1', 'C2']);
    assert.equal(counters.overLimit, 1);
  });
});
