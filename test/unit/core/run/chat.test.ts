import assert from 'node:assert/strict';
import { job, run } from './helpers';

const chatJob = (overrides = {}) =>
  job({ name: 'Chats', feedbackType: 'chat', query: 'SELECT Id, Body, StartTime, CreatedDate FROM LiveChatTranscript', dateField: 'CreatedDate', ...overrides });

const BODY =
  '<p align="center">Chat Started: Monday, December 17, 2018, 23:27:57 (-0500)</p><p align="center">Agent Royalle G</p>' +
  '( 10s ) Royalle G: Hi, how can I help?<br>( 30s ) Royalle G requested a file transfer<br>( 1m 13s ) George: My card is 4111 1111 1111 1111<br>';

describe('chat runs', () => {
  it('turns each transcript into a conversation document with redacted turns', async () => {
    const record = { attributes: { type: 'LiveChatTranscript' }, Id: '570X1', Body: BODY, CreatedDate: '2018-12-18T04:40:00.000+0000' };
    const { units, counters } = await run(chatJob({ redactions: ['\\d{4}( \\d{4}){3}'] }), [[record]]);
    const conversation = units[0].document.conversation;
    assert.deepEqual(conversation?.participants.map((p) => p.type), ['AGENT', 'CLIENT']);
    assert.deepEqual(conversation?.turns.map((turn) => turn.text), ['Hi, how can I help?', 'My card is [REDACTED]']);
    assert.equal(conversation?.turns[0].timestamp, '2018-12-18T04:28:07.000Z');
    assert.equal(counters.systemLines, 1);
    assert.equal(counters.redactions, 1);
    assert.equal(counters.conversations, 1);
  });

  it('skips a missed chat, whose transcript holds only the header, as a conversation without messages', async () => {
    const header = '<p align="center">Chat Started: Tuesday, September 1, 2026, 15:33:58 (+0530)</p><p align="center">Agent Samuel O</p>';
    const { units, counters } = await run(chatJob(), [[{ Id: '570X1', Body: header, CreatedDate: '2026-09-01T10:03:58.000+0000' }]]);
    assert.equal(units.length, 0);
    assert.deepEqual(counters.skipped, { 'conversation-without-messages': 1 });
    assert.equal(counters.lastRecordDate, '2026-09-01T10:03:58.000Z');
  });

  it('skips a transcript that cannot be read with its reason and still moves the watermark past it', async () => {
    const records = [
      { Id: '570X1', Body: null, CreatedDate: '2024-01-01T00:00:00Z' },
      { Id: '570X2', Body: 'not a transcript', CreatedDate: '2024-01-02T00:00:00Z' },
    ];
    const { units, counters, events } = await run(chatJob(), [records]);
    assert.equal(units.length, 0);
    assert.deepEqual(counters.skipped, { 'transcript-unreadable': 2 });
    assert.equal(counters.lastRecordDate, '2024-01-02T00:00:00.000Z');
    assert.ok(events.some((event) => event.type === 'skip' && event.naturalId === '570X1' && /Body transcript could not be read: the transcript field is empty/.test(event.message)));
  });
});
