import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript, type ParsedTranscript, type TranscriptOptions } from '../../../../src/core/run/transcript';

const AUTO: TranscriptOptions = { participants: 'auto' };

const STANDARD =
  '<p align="center">Chat Started: Monday, December 17, 2018, 23:27:57 (-0500)</p>' +
  '<p align="center">Chat Origin: Web Support</p>' +
  '<p align="center">Agent Royalle G</p>' +
  '( 10s ) Royalle G: Hi, how can I help?<br>' +
  '( 1m 13s ) George: My order hasn&#39;t arrived &amp; I&#39;m worried<br>' +
  '( 1h 2m 3s ) Royalle G: It ships today.<br>';

function parsed(body: unknown, options: TranscriptOptions = AUTO): ParsedTranscript {
  const result = parseTranscript(body, options);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.transcript;
}

describe('parseTranscript', () => {
  it('reads the header, the agent and each turn of a standard transcript', () => {
    const transcript = parsed(STANDARD);
    assert.equal(transcript.agentName, 'Royalle G');
    assert.equal(transcript.origin, 'Web Support');
    assert.equal(transcript.startedAt, '2018-12-18T04:27:57.000Z');
    assert.deepEqual(transcript.participants, [
      { id: 'p1', type: 'AGENT', name: 'Royalle G' },
      { id: 'p2', type: 'CLIENT', name: 'George' },
    ]);
    assert.deepEqual(
      transcript.turns.map((turn) => [turn.participantId, turn.offsetSeconds, turn.timestamp]),
      [
        ['p1', 10, '2018-12-18T04:28:07.000Z'],
        ['p2', 73, '2018-12-18T04:29:10.000Z'],
        ['p1', 3723, '2018-12-18T05:30:00.000Z'],
      ],
    );
    assert.deepEqual(transcript.warnings, []);
  });

  it('decodes HTML entities in the text after removing tags, so escaped markup stays text', () => {
    const transcript = parsed(STANDARD.replace('It ships today.', 'Type &lt;b&gt; then <b>Enter</b>&nbsp;&quot;ok&quot;'));
    assert.equal(transcript.turns[1].text, "My order hasn't arrived & I'm worried");
    assert.equal(transcript.turns[2].text, 'Type <b> then Enter "ok"');
  });

  it('accepts div headers, self-closing breaks and a positive UTC offset', () => {
    const body =
      '<div align="center">Chat Started: Tuesday, March 05, 2024, 09:00:00 (+0130)</div>' +
      '<div align="center">Agent Ana</div>' +
      '( 5s ) Ana: Hello<br/>( 20s ) Bo: Hi<br />';
    const transcript = parsed(body);
    assert.equal(transcript.startedAt, '2024-03-05T07:30:00.000Z');
    assert.deepEqual(transcript.turns.map((turn) => turn.text), ['Hello', 'Hi']);
    assert.equal(transcript.participants[0].type, 'AGENT');
  });

  it('keeps file transfer and chat transfer notices out of the turns and counts them', () => {
    const body =
      '<p align="center">Chat Started: Monday, December 17, 2018, 23:27:57 (-0500)</p>' +
      '<p align="center">Agent Royalle G</p>' +
      '( 10s ) Royalle G: Hi<br>' +
      '( 30s ) Royalle G requested a file transfer: receipt.pdf<br>' +
      '( 40s ) George: sent<br>' +
      '<p align="center">Chat Transferred From Royalle G To Sam K</p>' +
      '<p align="center">Agent Sam K</p>' +
      '( 2m ) Sam K: Sam here, the chat transferred to me.<br>';
    const transcript = parsed(body);
    assert.equal(transcript.turns.length, 3);
    assert.deepEqual(transcript.systemLines, ['Royalle G requested a file transfer: receipt.pdf', 'Chat Transferred From Royalle G To Sam K']);
    assert.deepEqual(
      transcript.participants.map((participant) => [participant.name, participant.type]),
      [
        ['Royalle G', 'AGENT'],
        ['George', 'CLIENT'],
        ['Sam K', 'AGENT'],
      ],
    );
    assert.equal(transcript.turns[2].text, 'Sam here, the chat transferred to me.');
  });

  it('joins a line without an offset to the message before it', () => {
    const transcript = parsed(STANDARD.replace('Hi, how can I help?<br>', 'Hi,<br>how can I help?<br>'));
    assert.equal(transcript.turns[0].text, 'Hi,\nhow can I help?');
    assert.equal(transcript.turns.length, 3);
  });

  it('makes the bot the agent in a chatbot session whose header names no agent', () => {
    const body =
      '<p align="center">Chat Started: Friday, January 05, 2024, 10:00:00 (+0000)</p>' +
      '( 1s ) Astro: Hi! I am the virtual assistant.<br>( 9s ) Mia: reset password<br>';
    const transcript = parsed(body, { participants: 'auto', isChatbotSession: true });
    assert.deepEqual(
      transcript.participants.map((participant) => participant.type),
      ['AGENT', 'CLIENT'],
    );
    assert.deepEqual(transcript.warnings, []);
  });

  it('makes the person a chat is transferred to an agent, as in a bot handing over to a human', () => {
    const body =
      '<p align="center">Chat Started: Friday, August 28, 2026, 02:55:13 (-0800)</p><p align="center">Agent Virtual Assistant</p>' +
      '( 2s ) Virtual Assistant: Please choose an option.<br>( 9s ) Seán: Why was I charged twice?<br>' +
      '( 31s ) Chat transferred From &quot;Virtual Assistant&quot; To &quot;Samuel O&quot;<br>' +
      '( 39s ) Samuel O: Hello Seán!<br>( 44s ) Seán: Thanks<br>';
    const transcript = parsed(body, { participants: 'auto', isChatbotSession: true });
    assert.deepEqual(transcript.participants.map((p) => [p.name, p.type]), [['Virtual Assistant', 'AGENT'], ['Seán', 'CLIENT'], ['Samuel O', 'AGENT']]);
    assert.deepEqual(transcript.systemLines, ['Chat transferred From "Virtual Assistant" To "Samuel O"']);
    assert.equal(transcript.turns.length, 4);
  });

  it('takes the first speaker as the agent with a warning when nothing names the agent', () => {
    const transcript = parsed('( 1s ) Lee: Hello<br>( 3s ) Kim: Hi<br>');
    assert.equal(transcript.participants[0].type, 'AGENT');
    assert.equal(transcript.participants[1].type, 'CLIENT');
    assert.match(transcript.warnings[0], /names no agent/);
    assert.equal(transcript.startedAt, undefined);
    assert.equal(transcript.turns[0].timestamp, undefined);
  });

  it('uses the fallback start for timestamps when the body has no Chat Started header', () => {
    const transcript = parsed('<p align="center">Agent Lee</p>( 1m ) Lee: Hello<br>', {
      participants: 'auto',
      fallbackStart: '2024-05-01T10:00:00.000Z',
    });
    assert.equal(transcript.turns[0].timestamp, '2024-05-01T10:01:00.000Z');
  });

  it('gives the first speaker the type firstIsAgent and firstIsClient ask for', () => {
    const body = '( 1s ) Kim: I need help<br>( 5s ) Lee: Sure<br>( 9s ) Kim: thanks<br>';
    const asClient = parsed(body, { participants: 'firstIsClient' });
    assert.deepEqual(asClient.participants.map((p) => [p.name, p.type]), [['Kim', 'CLIENT'], ['Lee', 'AGENT']]);
    const asAgent = parsed(body, { participants: 'firstIsAgent' });
    assert.deepEqual(asAgent.participants.map((p) => [p.name, p.type]), [['Kim', 'AGENT'], ['Lee', 'CLIENT']]);
    assert.deepEqual(asAgent.warnings, []);
  });

  it('keeps a header-named agent an agent under firstIsClient even when they speak first', () => {
    const transcript = parsed(STANDARD, { participants: 'firstIsClient' });
    assert.deepEqual(transcript.participants.map((p) => p.type), ['CLIENT', 'AGENT']);
  });

  it('reads an empty message and a message holding colons', () => {
    const transcript = parsed(STANDARD.replace('It ships today.', '') + '( 1h 3m ) George: time: 10:30 ok?<br>');
    assert.equal(transcript.turns[2].text, '');
    assert.equal(transcript.turns[3].text, 'time: 10:30 ok?');
  });

  it('gives a reason for an empty, missing or non-text body', () => {
    for (const body of ['', '   ', null, undefined, 42]) {
      const result = parseTranscript(body, AUTO);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.reason.length > 0);
    }
  });

  it('gives a reason for text that has no chat lines at all', () => {
    const result = parseTranscript('<html><body>Just some notes about the customer</body></html>', AUTO);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /no chat lines|none of the/);
  });

  it('accepts a transcript with a header but no messages as a conversation without turns', () => {
    const transcript = parsed('<p align="center">Chat Started: Monday, December 17, 2018, 23:27:57 (-0500)</p><p align="center">Agent Royalle G</p>');
    assert.deepEqual(transcript.turns, []);
    assert.deepEqual(transcript.participants, []);
  });

  it('reads a header that is not centred and a 12-hour start time', () => {
    const body = '<p>Chat Started: Monday, December 17, 2018, 11:27:57 PM (-0500)</p><p>Agent Royalle G</p>( 10s ) Royalle G: Hi<br>( 20s ) George: Hello<br>';
    const transcript = parsed(body);
    assert.equal(transcript.startedAt, '2018-12-18T04:27:57.000Z');
    assert.equal(transcript.agentName, 'Royalle G');
    assert.deepEqual(transcript.participants.map((p) => p.type), ['AGENT', 'CLIENT']);
    assert.deepEqual(transcript.warnings, []);
  });

  it('never throws and gives a reason or a transcript for any text', () => {
    const pieces = fc.constantFrom('<p align="center">', '</p>', '<br>', '( 1m 2s ) ', 'Agent Ana', 'Ana: ', 'Chat Started: Monday, May 1, 2024, 10:00:00 (+0100)', '&amp;', '&#', ':', '\n', 'x');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 40 }), (parts) => {
        const result = parseTranscript(parts.join(''), AUTO);
        if (!result.ok) return result.reason.length > 0;
        const ids = new Set(result.transcript.participants.map((p) => p.id));
        return result.transcript.turns.every((turn) => ids.has(turn.participantId) && turn.offsetSeconds >= 0);
      }),
    );
  });

  it('never throws on random text', () => {
    const samples = ['<p align="center">', '( )', '( 1x ) a: b', '<<<>>>', '(10s)George:hi', '&#xZZZ; ( 1s ) :', 'Chat Started: Moonday'];
    for (const body of samples) assert.doesNotThrow(() => parseTranscript(body, AUTO));
    assert.equal(parsed('(10s)George:hi').turns[0].text, 'hi');
  });
});
