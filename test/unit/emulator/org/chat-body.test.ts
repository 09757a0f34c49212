import assert from 'node:assert/strict';
import { parseTranscript } from '../../../../src/core/run/transcript';
import { createOrg } from '../../../../src/emulator/org/create';
import { buildChatBody, formatChatStart, formatOffset } from '../../../../src/emulator/org/generate/chat-body';
import { parseDateTime } from '../../../../src/emulator/org/dates';
import type { SRecord } from '../../../../src/emulator/org/types';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('generated LiveChatTranscript bodies', () => {
  let chats: readonly SRecord[];
  before(() => {
    chats = createOrg({ seed: 11, now: NOW, records: { chats: 400 } }).rows('LiveChatTranscript');
  });

  it('formats offsets as Salesforce does, up to hours', () => {
    assert.equal(formatOffset(10), '( 10s )');
    assert.equal(formatOffset(73), '( 1m 13s )');
    assert.equal(formatOffset(3723), '( 1h 2m 3s )');
    assert.equal(formatOffset(3600), '( 1h 0m 0s )');
  });

  it('shows the chat start in the header in the visitor zone, with weekday and offset', () => {
    const start = Date.UTC(2018, 11, 18, 4, 27, 57);
    assert.equal(formatChatStart(start, '-0500', -300), 'Monday, December 17, 2018, 23:27:57 (-0500)');
  });

  it('starts with centred header paragraphs: chat start, origin, agent', () => {
    const body = String(chats.find((c) => c.Status === 'Completed' && c.IsChatbotSession === false)!.Body);
    assert.match(body, /^<(p|div) align="center">Chat Started: \w+day, \w+ \d{1,2}, \d{4}, \d{2}:\d{2}:\d{2} \([+-]\d{4}\)<\/\1><\1 align="center">Chat Origin: [^<]+<\/\1><\1 align="center">Agent [^<]+<\/\1>\( /);
  });

  it('uses both <p> and <div> header variants across an org', () => {
    const bodies = chats.map((c) => String(c.Body));
    assert.ok(bodies.some((b) => b.startsWith('<p align="center">')));
    assert.ok(bodies.some((b) => b.startsWith('<div align="center">')));
  });

  it('escapes text as HTML and mixes in system lines', () => {
    const all = chats.map((c) => String(c.Body)).join('');
    assert.match(all, /&#39;/);
    assert.match(all, /&amp;/);
    assert.match(all, /requested a file transfer<br>/);
    assert.match(all, /Chat transferred From &quot;Virtual Assistant&quot; To &quot;[^&]+&quot;<br>/);
    assert.match(all, /\( \d+h \d+m \d+s \)/);
  });

  it('parses with the transcript reader into the turns the record counts, agent first, at the record start time', () => {
    const plain = chats.filter((c) => c.Status === 'Completed' && c.IsChatbotSession === false).slice(0, 60);
    assert.ok(plain.length > 20);
    for (const chat of plain) {
      const result = parseTranscript(chat.Body, { participants: 'auto', isChatbotSession: false });
      assert.ok(result.ok, `chat ${String(chat.Id)} did not parse`);
      const { transcript } = result;
      const agent = transcript.participants.find((p) => p.type === 'AGENT')!;
      const agentTurns = transcript.turns.filter((t) => t.participantId === agent.id).length;
      assert.equal(agentTurns, chat.OperatorMessageCount, String(chat.Body));
      assert.equal(transcript.turns.length - agentTurns, chat.VisitorMessageCount);
      assert.equal(Date.parse(transcript.startedAt!), parseDateTime(String(chat.StartTime)));
      const offsets = transcript.turns.map((t) => t.offsetSeconds);
      assert.deepEqual([...offsets].sort((a, b) => a - b), offsets, 'offsets never go back');
    }
  });

  it('builds the same body from the same inputs and is stored lazily but read like a field', () => {
    const input = { seed: 5, startMs: NOW.getTime(), durationSeconds: 600, agentName: 'Royalle G', visitor: { first: 'George', last: 'Smith' }, operatorMessages: 3, visitorMessages: 2, chatbot: false, origin: 'Web Support' };
    assert.equal(buildChatBody(input), buildChatBody(input));
    const chat = chats[0]!;
    assert.equal(typeof chat.Body, 'string');
    assert.ok(Object.keys(chat).includes('Body'));
    assert.equal(JSON.parse(JSON.stringify(chat)).Body, chat.Body);
  });

  it('keeps a Body written by an update', () => {
    const own = createOrg({ seed: 12, now: NOW, records: { chats: 3 } });
    const id = String(own.rows('LiveChatTranscript')[0]!.Id);
    own.update('LiveChatTranscript', id, { Body: '<p align="center">Chat Started: x</p>( 1s ) A: hi<br>' });
    assert.equal(own.rows('LiveChatTranscript')[0]!.Body, '<p align="center">Chat Started: x</p>( 1s ) A: hi<br>');
  });
});

describe('generated chatbot sessions', () => {
  it('open with the bot, hand over to the agent with a transfer line, and count the visitor answers to the bot', () => {
    const body = buildChatBody({ seed: 9, startMs: NOW.getTime(), durationSeconds: 900, agentName: 'Dana K', visitor: { first: 'Mei', last: 'Chen' }, operatorMessages: 3, visitorMessages: 4, chatbot: true, origin: 'Web Support' });
    assert.match(body, /Agent Virtual Assistant<\/(p|div)>\( [\dhms ]+ \) Virtual Assistant: /);
    assert.match(body, /Chat transferred From &quot;Virtual Assistant&quot; To &quot;Dana K&quot;<br>/);
    const lines = body.split('<br>').filter(Boolean);
    assert.equal(lines.filter((l) => / Mei: /.test(l)).length, 4);
    assert.equal(lines.filter((l) => / Dana K: /.test(l)).length, 3);
    const transfer = lines.findIndex((l) => l.includes('Chat transferred'));
    assert.ok(lines.slice(0, transfer).every((l) => !l.includes(' Dana K: ')));
  });
});
