import { Random } from '../random';
import { AGENT_LINES, AGENT_OPENERS, BOT_LINES, PII_SENTENCES, PLAIN_SENTENCES, VISITOR_LINES } from './vocabulary';
import { escapeHtml, fillTemplate, type Persona } from './text';

/** What a chat body is built from; everything else comes from a PRNG seeded per chat, so the body is reproducible. */
export interface ChatBodyInput {
  seed: number;
  startMs: number;
  durationSeconds: number;
  agentName: string;
  visitor: Persona;
  operatorMessages: number;
  visitorMessages: number;
  chatbot: boolean;
  origin: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ZONES: readonly (readonly [string, number])[] = [['-0500', -300], ['-0800', -480], ['+0000', 0], ['+0100', 60], ['+0530', 330]];
const BOT_NAME = 'Virtual Assistant';

/** `Monday, December 17, 2018, 23:27:57 (-0500)`: the chat start in the visitor's zone, as the header shows it. */
export function formatChatStart(startMs: number, zone: string, offsetMinutes: number): string {
  const local = new Date(startMs + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[local.getUTCDay()]}, ${MONTHS[local.getUTCMonth()]} ${local.getUTCDate()}, ${local.getUTCFullYear()}, ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} (${zone})`;
}

/** `( 10s )`, `( 1m 13s )`, `( 1h 2m 3s )`. */
export function formatOffset(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h}h`);
  if (h > 0 || m > 0) parts.push(`${m}m`);
  parts.push(`${s}s`);
  return `( ${parts.join(' ')} )`;
}

interface Line {
  speaker: 'agent' | 'visitor' | 'bot' | 'system';
  text: string;
}

function visitorText(random: Random, visitor: Persona): string {
  if (random.chance(0.2)) return fillTemplate(random.pick(PII_SENTENCES), random, visitor);
  if (random.chance(0.3)) return random.pick(PLAIN_SENTENCES);
  return fillTemplate(random.pick(VISITOR_LINES), random, visitor);
}

function planLines(random: Random, input: ChatBodyInput): Line[] {
  const lines: Line[] = [];
  const extra = { visitor: input.visitor.first, agent: input.agentName };
  let agentLeft = input.operatorMessages;
  let visitorLeft = input.visitorMessages;
  if (input.chatbot) {
    // The bot's exchanges come first; the visitor's answers to it count among the visitor's messages.
    const botTurns = Math.max(1, Math.min(visitorLeft, random.int(1, 3)));
    for (let i = 0; i < botTurns; i++) {
      lines.push({ speaker: 'bot', text: random.pick(BOT_LINES) });
      if (visitorLeft > 0) {
        lines.push({ speaker: 'visitor', text: visitorText(random, input.visitor) });
        visitorLeft--;
      }
    }
    if (agentLeft > 0) lines.push({ speaker: 'system', text: `Chat transferred From "${BOT_NAME}" To "${input.agentName}"` });
  }
  if (agentLeft > 0) {
    lines.push({ speaker: 'agent', text: fillTemplate(random.pick(AGENT_OPENERS), random, input.visitor, extra) });
    agentLeft--;
  }
  while (agentLeft > 0 || visitorLeft > 0) {
    if (visitorLeft > 0 && (agentLeft === 0 || random.chance(0.5))) {
      lines.push({ speaker: 'visitor', text: visitorText(random, input.visitor) });
      visitorLeft--;
      if (random.chance(0.04)) lines.push({ speaker: 'system', text: `${input.visitor.first} requested a file transfer` });
    } else {
      lines.push({ speaker: 'agent', text: fillTemplate(random.pick(AGENT_LINES), random, input.visitor, extra) });
      agentLeft--;
      if (random.chance(0.02)) lines.push({ speaker: 'system', text: `Agent ${input.agentName} accepted the file transfer` });
    }
  }
  return lines;
}

/** Builds a LiveChatTranscript Body in the HTML shape Salesforce stores. */
export function buildChatBody(input: ChatBodyInput): string {
  const random = new Random(input.seed);
  const [zone, offsetMinutes] = random.pick(ZONES);
  const block = random.chance(0.15) ? 'div' : 'p';
  const header = [
    `Chat Started: ${formatChatStart(input.startMs, zone, offsetMinutes)}`,
    `Chat Origin: ${input.origin}`,
    `Agent ${input.chatbot ? BOT_NAME : input.agentName}`,
  ];
  // Parts are joined once at the end: a flat string, instead of a rope of small pieces the GC has to promote.
  const parts = header.map((text) => `<${block} align="center">${escapeHtml(text)}</${block}>`);
  const lines = planLines(random, input);
  const names = { agent: escapeHtml(input.agentName), visitor: escapeHtml(input.visitor.first), bot: BOT_NAME };
  const span = Math.max(lines.length, input.durationSeconds);
  // Uneven gaps, as people type at different speeds; their running sum is scaled to end near the duration.
  const gaps = lines.map(() => 0.2 + random.next() * 1.6);
  const scale = span / (gaps.reduce((sum, gap) => sum + gap, 0) + 1);
  let elapsed = 0;
  let offset = 0;
  lines.forEach((line, index) => {
    // Offsets never go back; a few lines land on the same second.
    elapsed += gaps[index]!;
    offset = Math.max(offset, Math.round(elapsed * scale) - random.int(0, 3));
    parts.push(formatOffset(offset), ' ');
    if (line.speaker !== 'system') parts.push(names[line.speaker], ': ');
    parts.push(escapeHtml(line.text), '<br>');
  });
  return parts.join('');
}
