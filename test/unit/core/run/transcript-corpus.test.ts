import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript, type ParsedTranscript } from '../../../../src/core/run/transcript';
import { buildChatBody } from '../../../../src/emulator/org/generate/chat-body';

const HEADER = '<p align=center>Chat Started: Monday, December 17, 2018, 23:27:57 (-0500)</p><p align="center">Agent Ana (Billing)</p>';

function parsed(body: string): ParsedTranscript {
  const result = parseTranscript(body, { participants: 'auto' });
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.transcript;
}

/** The lines of a generated body after its header: each ends in <br>. */
function visibleLines(body: string): string[] {
  return body
    .replace(/<(p|div) align="center">[\s\S]*?<\/\1>/g, '')
    .split('<br>')
    .filter((line) => line !== '');
}

describe('parseTranscript on many transcripts shaped as Salesforce stores them', () => {
  const names = fc.constantFrom('Royalle G', "Aoife O'Brien", 'José Núñez', 'Zoë & Co', 'Li <Lee>', 'Ana-Maria', 'Bob');

  it('finds every line of generated transcripts as a turn or a system notice, with the right speaker and time', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          startMs: fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }),
          durationSeconds: fc.integer({ min: 1, max: 20_000 }),
          agentName: names,
          visitorFirst: names,
          operatorMessages: fc.integer({ min: 1, max: 25 }),
          visitorMessages: fc.integer({ min: 0, max: 25 }),
          chatbot: fc.boolean(),
        }),
        (input) => {
          fc.pre(input.agentName !== input.visitorFirst);
          const body = buildChatBody({ ...input, visitor: { first: input.visitorFirst, last: 'Smith' }, origin: 'Web Support' });
          const transcript = parsed(body);
          assert.equal(transcript.turns.length + transcript.systemLines.length, visibleLines(body).length);
          assert.equal(Math.abs(Date.parse(transcript.startedAt ?? '') - input.startMs) < 1000, true, `${transcript.startedAt} vs ${new Date(input.startMs).toISOString()}`);
          const typeOf = new Map(transcript.participants.map((participant) => [participant.name, participant.type]));
          assert.equal(typeOf.get(input.agentName), 'AGENT');
          if (input.visitorMessages > 0) assert.equal(typeOf.get(input.visitorFirst), 'CLIENT');
          if (input.chatbot) assert.equal(typeOf.get('Virtual Assistant'), 'AGENT');
          let previous = -1;
          for (const turn of transcript.turns) {
            assert.ok(turn.offsetSeconds >= previous, 'offsets go back');
            previous = turn.offsetSeconds;
            assert.equal(turn.timestamp, new Date(Math.floor(input.startMs / 1000) * 1000 + turn.offsetSeconds * 1000).toISOString());
            assert.ok(!/&(amp|lt|gt|quot|#39);/.test(turn.text), turn.text);
          }
          assert.deepEqual(transcript.warnings, []);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseTranscript on odd bodies', () => {
  const cases: { name: string; body: string; speakers: [string, string][]; texts: string[] }[] = [
    {
      name: 'names and text outside ASCII, with emoji and an upper-case <BR>',
      body: HEADER.replace('Ana (Billing)', 'José Núñez') + '( 5s ) José Núñez: ¡Hola! 👋<br>( 9s ) Zoë: Grüße 😊<BR>',
      speakers: [['José Núñez', 'AGENT'], ['Zoë', 'CLIENT']],
      texts: ['¡Hola! 👋', 'Grüße 😊'],
    },
    {
      name: 'a speaker name with parentheses, and an offset written inside a message',
      body: HEADER + '( 5s ) Ana (Billing): hi<br>( 9s ) Bob: it said ( 5s ) Fake: no<br>',
      speakers: [['Ana (Billing)', 'AGENT'], ['Bob', 'CLIENT']],
      texts: ['hi', 'it said ( 5s ) Fake: no'],
    },
    {
      name: 'a link and a non-breaking space (read as a space) in a message, and self-closing breaks',
      body: HEADER + '( 5s ) Ana (Billing): see&nbsp;<a href="https://x.example/a?b=1&amp;c=2">https://x.example/a</a><br/>',
      speakers: [['Ana (Billing)', 'AGENT']],
      texts: ['see https://x.example/a'],
    },
    {
      name: 'line breaks instead of <br> (CRLF), as some exports store them',
      body: HEADER + '\r\n( 5s ) Ana (Billing): one\r\n( 7s ) Bob: two\r\n',
      speakers: [['Ana (Billing)', 'AGENT'], ['Bob', 'CLIENT']],
      texts: ['one', 'two'],
    },
    {
      name: 'a chat longer than a day',
      body: HEADER + '( 25h 0m 1s ) Ana (Billing): still here<br>',
      speakers: [['Ana (Billing)', 'AGENT']],
      texts: ['still here'],
    },
    {
      name: 'a customer who types markup and entities',
      body: HEADER + '( 5s ) Bob: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;&amp; 5 &gt; 3<br>( 6s ) Ana (Billing): noted<br>',
      speakers: [['Bob', 'CLIENT'], ['Ana (Billing)', 'AGENT']],
      texts: ['<script>alert("x")</script> && 5 > 3', 'noted'],
    },
  ];

  for (const { name, body, speakers, texts } of cases) {
    it(`reads ${name}`, () => {
      const transcript = parsed(body);
      assert.deepEqual(
        transcript.participants.map((participant) => [participant.name, participant.type]),
        speakers,
      );
      assert.deepEqual(
        transcript.turns.map((turn) => turn.text),
        texts,
      );
    });
  }

  it('times a turn from the header start plus an offset past a day', () => {
    assert.equal(parsed(cases[4].body).turns[0].timestamp, '2018-12-19T05:27:58.000Z');
  });
});
