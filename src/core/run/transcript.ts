import { decodeHTML } from 'entities';

/**
 * Parses the HTML Body of a LiveChatTranscript into participants and turns.
 *
 * Salesforce writes the transcript as centred header paragraphs (chat start, origin, the agent) followed
 * by one line per message, `( 1m 13s ) Name: text<br>`, with system notices (file transfers, chat
 * transfers) mixed in. The parser never throws: a body it cannot read yields a reason, so the run can
 * count and report it instead of dropping the record silently.
 */

export type ParticipantMode = 'auto' | 'firstIsAgent' | 'firstIsClient';
export type ParticipantType = 'AGENT' | 'CLIENT';

export interface Participant {
  id: string;
  type: ParticipantType;
  name: string;
}

export interface Turn {
  participantId: string;
  text: string;
  /** Chat start + offset, ISO 8601 in UTC; absent when the chat's start time is unknown. */
  timestamp?: string;
  offsetSeconds: number;
}

export interface ParsedTranscript {
  participants: Participant[];
  turns: Turn[];
  /** System notices (file transfers, chat transfers, …): kept out of the turns. */
  systemLines: string[];
  /** When the chat started (from the header, else the fallback the caller passed), ISO in UTC. */
  startedAt?: string;
  /** The first agent named by the header's `Agent X` line. */
  agentName?: string;
  origin?: string;
  /** Things a person may want to know, e.g. that the agent had to be guessed. */
  warnings: string[];
}

export type TranscriptResult = { ok: true; transcript: ParsedTranscript } | { ok: false; reason: string };

export interface TranscriptOptions {
  participants: ParticipantMode;
  /** The record's IsChatbotSession: in auto mode a bot's first line makes the bot the agent. */
  isChatbotSession?: boolean;
  /** Used when the body has no "Chat Started" header (e.g. the record's StartTime), ISO. */
  fallbackStart?: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const CENTRED_BLOCK = /<(p|div)\b[^>]*\balign\s*=\s*["']?center["']?[^>]*>([\s\S]*?)<\/\1\s*>/gi;
const LINE_BREAK = /<br\s*\/?>|<\/p\s*>|<\/div\s*>|\r?\n/gi;
const ANY_TAG = /<[^>]*>/g;
/** Marks where a centred block stood; a control character no transcript text holds. */
const HEADER_MARK = '\u0001header:';
const OFFSET_LINE = /^\(\s*((?:\d+\s*[hms]\s*)+)\)\s*(.*)$/;
const OFFSET_PART = /(\d+)\s*([hms])/g;
const CHAT_STARTED =
  /^Chat Started:\s*(?:[A-Za-z]+,\s*)?([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})\s*(AM|PM)?\s*(?:\(\s*(?:GMT|UTC)?\s*([+-])(\d{2}):?(\d{2})\s*\))?/i;
const AGENT_HEADER = /^Agent:?\s+(.+)$/;
const ORIGIN_HEADER = /^Chat Origin:\s*(.*)$/i;
/** Notices Salesforce writes between messages. Checked before the `Name: text` shape, since some hold a colon. */
const SYSTEM_NOTICES = [
  /\bfile transfer\b/i,
  /\bchat transferred\b/i,
  /\btransferred (?:the )?chat\b/i,
  /^chat (?:ended|canceled|cancelled|closed)\b/i,
  /\bhas (?:joined|left) the (?:chat|conversation)\b/i,
  /^agent\b.*\b(?:accepted|declined|joined|left|transferred)\b/i,
];
/** "Chat transferred From "Virtual Assistant" To "Samuel O"": the person taking over is an agent too. */
const TRANSFER_TARGET = /\btransferred\b.*?\bfrom\b\s*"?(.+?)"?\s+to\s+"?(.+?)"?\s*\.?$/i;
/** Longer "names" are sentences, not speakers: such lines are notices. */
const MAX_SPEAKER_NAME = 80;

export function parseTranscript(body: unknown, options: TranscriptOptions): TranscriptResult {
  if (typeof body !== 'string') {
    return { ok: false, reason: body == null ? 'the transcript field is empty' : `the transcript field holds a ${typeof body}, not text` };
  }
  if (body.trim() === '') return { ok: false, reason: 'the transcript field is empty' };

  // Centred blocks become placeholder lines, so header lines and messages are read in body order.
  const headerBlocks: string[][] = [];
  const marked = body.replace(CENTRED_BLOCK, (_match, _tag: string, inner: string) => {
    headerBlocks.push(toTextLines(inner));
    return `\n${HEADER_MARK}${headerBlocks.length - 1}\n`;
  });

  const warnings: string[] = [];
  const systemLines: string[] = [];
  const agentNames: string[] = [];
  const knownSpeakers = new Set<string>();
  const rawTurns: { speaker: string; text: string; offsetSeconds: number }[] = [];
  let startedAtMs: number | undefined;
  let origin: string | undefined;
  let headerLineCount = 0;
  let unreadLines = 0;

  const readHeaderLine = (line: string): void => {
    headerLineCount++;
    const started = CHAT_STARTED.exec(line);
    if (started) {
      startedAtMs ??= chatStartToEpoch(started);
      return;
    }
    const originMatch = ORIGIN_HEADER.exec(line);
    if (originMatch) {
      origin = originMatch[1].trim();
      return;
    }
    const agent = AGENT_HEADER.exec(line);
    if (agent && !isSystemNotice(line)) {
      agentNames.push(agent[1].trim());
      knownSpeakers.add(agent[1].trim());
      return;
    }
    noteSystemLine(line);
  };

  const noteSystemLine = (line: string): void => {
    systemLines.push(line);
    const transfer = TRANSFER_TARGET.exec(line);
    if (transfer) {
      const target = transfer[2].trim();
      agentNames.push(target);
      knownSpeakers.add(target);
    }
  };

  for (const line of toTextLines(marked)) {
    if (line.startsWith(HEADER_MARK)) {
      headerBlocks[Number(line.slice(HEADER_MARK.length))]?.forEach(readHeaderLine);
      continue;
    }
    const offsetMatch = OFFSET_LINE.exec(line);
    if (!offsetMatch && rawTurns.length === 0 && isHeaderLine(line)) {
      // Some orgs write the header without centring it; before the first message it is still the header.
      readHeaderLine(line);
      continue;
    }
    if (!offsetMatch) {
      // A message with a line break continues on the next line without an offset.
      const previous = rawTurns[rawTurns.length - 1];
      if (previous) previous.text += `\n${line}`;
      else unreadLines++;
      continue;
    }
    const offsetSeconds = parseOffset(offsetMatch[1]);
    const rest = offsetMatch[2];
    const speakerLine = readSpeakerLine(rest, knownSpeakers);
    if (!speakerLine) {
      noteSystemLine(rest);
      continue;
    }
    knownSpeakers.add(speakerLine.speaker);
    rawTurns.push({ speaker: speakerLine.speaker, text: speakerLine.text, offsetSeconds });
  }
  if (startedAtMs === undefined && options.fallbackStart) {
    const fallback = Date.parse(options.fallbackStart);
    if (!Number.isNaN(fallback)) startedAtMs = fallback;
  }

  if (rawTurns.length === 0) {
    if (headerLineCount === 0 && systemLines.length === 0) {
      return { ok: false, reason: 'no chat lines of the form "( 1m 13s ) Name: text" and no header were found' };
    }
    if (unreadLines > 0) return { ok: false, reason: `none of the ${unreadLines} line(s) after the header is a chat line "( 1m 13s ) Name: text"` };
  } else if (unreadLines > 0) {
    warnings.push(`${unreadLines} line(s) before the first chat line were not understood and were left out`);
  }

  const participants = assignParticipants(rawTurns.map((turn) => turn.speaker), agentNames, options, warnings);
  const idByName = new Map(participants.map((participant) => [participant.name, participant.id]));
  const turns: Turn[] = rawTurns.map((turn) => {
    const result: Turn = { participantId: idByName.get(turn.speaker) ?? '', text: turn.text, offsetSeconds: turn.offsetSeconds };
    if (startedAtMs !== undefined) result.timestamp = isoTime(startedAtMs + turn.offsetSeconds * 1000);
    return result;
  });

  const transcript: ParsedTranscript = { participants, turns, systemLines, warnings };
  if (startedAtMs !== undefined) transcript.startedAt = new Date(startedAtMs).toISOString();
  if (agentNames.length > 0) transcript.agentName = agentNames[0];
  if (origin !== undefined) transcript.origin = origin;
  return { ok: true, transcript };
}

/** Breaks HTML into decoded, trimmed, non-empty text lines. Entities are decoded after tags go, so `&lt;b&gt;` stays text. */
function toTextLines(html: string): string[] {
  const lines: string[] = [];
  // Most lines hold no tag, no entity and no no-break space: each step runs only when it has work.
  for (const part of html.split(LINE_BREAK)) {
    let line = part.includes('<') ? part.replace(ANY_TAG, '') : part;
    if (line.includes('&')) line = decodeHTML(line);
    if (line.includes('\u00a0')) line = line.replace(/\u00a0/g, ' ');
    line = line.trim();
    if (line !== '') lines.push(line);
  }
  return lines;
}

function isHeaderLine(line: string): boolean {
  return CHAT_STARTED.test(line) || ORIGIN_HEADER.test(line) || AGENT_HEADER.test(line);
}

function isSystemNotice(text: string): boolean {
  return SYSTEM_NOTICES.some((pattern) => pattern.test(text));
}

const COLON = 0x3a;

function readSpeakerLine(rest: string, knownSpeakers: ReadonlySet<string>): { speaker: string; text: string } | undefined {
  // A known speaker wins, so a message about a transfer is still a message, and a name holding a colon
  // is read whole.
  for (const name of knownSpeakers) {
    if (rest.charCodeAt(name.length) === COLON && rest.startsWith(name)) return { speaker: name, text: rest.slice(name.length + 1).trim() };
  }
  if (isSystemNotice(rest)) return undefined;
  const colon = rest.indexOf(':');
  if (colon <= 0) return undefined;
  const speaker = rest.slice(0, colon).trim();
  if (speaker === '' || speaker.length > MAX_SPEAKER_NAME) return undefined;
  return { speaker, text: rest.slice(colon + 1).trim() };
}

function parseOffset(text: string): number {
  let seconds = 0;
  OFFSET_PART.lastIndex = 0;
  for (let part = OFFSET_PART.exec(text); part !== null; part = OFFSET_PART.exec(text)) {
    const value = Number(part[1]);
    seconds += part[2] === 'h' ? value * 3600 : part[2] === 'm' ? value * 60 : value;
  }
  return seconds;
}

const DAY_MS = 86_400_000;
/** The day of the last turn formatted, and its ISO date: the turns of a chat fall on one or two days. */
let lastDay = Number.NaN;
let lastDayText = '';

/** `new Date(ms).toISOString()`, without making a Date for every turn of every chat. */
function isoTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    const date = new Date(day * DAY_MS);
    const year = date.getUTCFullYear();
    // Years outside 0000–9999 are spelt with a sign; toISOString knows how.
    if (year < 0 || year > 9999) return new Date(ms).toISOString();
    lastDay = day;
    lastDayText = date.toISOString().slice(0, 11);
  }
  const inDay = ms - day * DAY_MS;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor(inDay / 60_000) % 60;
  const seconds = Math.floor(inDay / 1000) % 60;
  const millis = inDay % 1000;
  return `${lastDayText}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** "Monday, December 17, 2018, 23:27:57 (-0500)" is local time at that UTC offset. */
function chatStartToEpoch(match: RegExpExecArray): number | undefined {
  const month = MONTHS.indexOf(match[1].toLowerCase());
  if (month < 0) return undefined;
  let hour = Number(match[4]);
  // Orgs with a 12-hour locale write "11:27:57 PM".
  const meridiem = match[7]?.toUpperCase();
  if (meridiem === 'PM' && hour < 12) hour += 12;
  if (meridiem === 'AM' && hour === 12) hour = 0;
  const local = Date.UTC(Number(match[3]), month, Number(match[2]), hour, Number(match[5]), Number(match[6]));
  if (Number.isNaN(local)) return undefined;
  const sign = match[8] === '-' ? -1 : 1;
  const offsetMinutes = match[8] ? sign * (Number(match[9]) * 60 + Number(match[10])) : 0;
  return local - offsetMinutes * 60_000;
}

/**
 * Who is the agent. Speakers the header names as `Agent X` are always agents. The other speakers get the
 * type the mode gives them: auto makes them clients (a chatbot's opening line makes the bot the agent);
 * firstIsAgent/firstIsClient fix the first speaker's type and give the others the opposite one.
 */
function assignParticipants(
  speakers: readonly string[],
  agentNames: readonly string[],
  options: TranscriptOptions,
  warnings: string[],
): Participant[] {
  const ordered = [...new Set(speakers)];
  const headerAgents = new Set(agentNames);
  const first = ordered[0];
  const typeOf = new Map<string, ParticipantType>();
  if (options.participants === 'auto') {
    const noAgentSpoke = !ordered.some((name) => headerAgents.has(name));
    const botFirst = options.isChatbotSession === true && first !== undefined && !headerAgents.has(first);
    if (botFirst) typeOf.set(first, 'AGENT');
    else if (noAgentSpoke && first !== undefined) {
      warnings.push(
        agentNames.length === 0
          ? `the header names no agent; "${first}", the first speaker, is taken as the agent (set "participants" to say otherwise)`
          : `the agent named in the header (${agentNames.join(', ')}) never speaks; "${first}", the first speaker, is taken as the agent`,
      );
      typeOf.set(first, 'AGENT');
    }
    for (const name of ordered) if (!typeOf.has(name)) typeOf.set(name, headerAgents.has(name) ? 'AGENT' : 'CLIENT');
  } else if (first !== undefined) {
    const firstType: ParticipantType = options.participants === 'firstIsAgent' ? 'AGENT' : 'CLIENT';
    const otherType: ParticipantType = firstType === 'AGENT' ? 'CLIENT' : 'AGENT';
    typeOf.set(first, firstType);
    for (const name of ordered) if (!typeOf.has(name)) typeOf.set(name, headerAgents.has(name) ? 'AGENT' : otherType);
  }
  return ordered.map((name, index) => ({ id: `p${index + 1}`, type: typeOf.get(name) ?? 'CLIENT', name }));
}
