import type { Diagnostics, Parameters } from 'recheck';
import { classEnd, type DialectReading, type GroupSpan } from './regex-dialect';

/**
 * Proves that a pattern needing the backtracking (JavaScript) engine cannot backtrack catastrophically,
 * with recheck, a ReDoS analyzer that models JavaScript's matcher. Its automaton checker gives a proof
 * (safe, or an attack string with its complexity) but does not handle lookarounds or backreferences,
 * so the pattern is first reduced to one without them whose search explores at least the paths the
 * pattern's search does, on any text:
 *
 * - the reduced pattern ends in a character the text is assumed not to hold (U+FFFF), so its search
 *   fails everywhere and explores every path: the worst case of a pattern whose lookarounds and
 *   backreferences may make it fail anywhere;
 * - a lookbehind at the very start is read as text the match starts with, and a lookahead at the very
 *   end as text it ends with: at each position the search then tries what the pattern tries there.
 *   Any other lookaround becomes an empty group: a lookaround only cuts paths short, so without it
 *   there are more paths, never fewer;
 * - a backreference matches exactly the text its group matched, one way; the group's own body in its
 *   place matches that text and more, in at least as many ways;
 * - a lookaround's own cost is bounded only when its body can match a bounded length, which is
 *   required: an unbounded one such as (?<=a.*) rescans the text at every position.
 *
 * When the reduced pattern is proven safe, so is the pattern. When it is not, recheck's fuzzer looks
 * for a real attack string on the pattern itself, so the refusal can show one. A pattern the analyzer
 * cannot decide within its time is refused as not proven: "safe" must mean proven.
 */

export type BacktrackingVerdict = { safe: true } | { safe: false; message: string };

/** How long recheck may think about one pattern: a typical redaction takes a fraction of a second on a quiet machine, and several seconds on a busy one. */
export const ANALYSIS_TIMEOUT_MS = 10_000;

type Recheck = { checkSync(source: string, flags: string, params?: Parameters): Diagnostics };
let loaded: Recheck | undefined;

/**
 * recheck's pure JavaScript build (about 3 MB) is loaded on first use only: most jobs have no pattern
 * that needs it. Its synchronous entry would otherwise start a worker thread from a file next to it,
 * which does not exist once the code is bundled, so the pure build is chosen explicitly.
 */
export function recheck(): Recheck {
  if (!loaded) {
    // eslint-disable-next-line no-restricted-globals -- recheck reads its engine choice from this variable; it is no input to sfjob.
    process.env.RECHECK_SYNC_BACKEND = 'pure';
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (see above).
    loaded = require('recheck/lib/main.js') as Recheck;
  }
  return loaded;
}

export function analyzeBacktracking(reading: DialectReading, timeoutMs = ANALYSIS_TIMEOUT_MS): BacktrackingVerdict {
  const reduced = reduce(reading);
  if (typeof reduced !== 'string') return { safe: false, message: reduced.unbounded };
  const proof = recheck().checkSync(reduced, reading.flags, { checker: 'automaton', timeout: timeoutMs });
  if (proof.status === 'safe') return { safe: true };
  // Not proven: look for a real attack on the pattern itself, to show it.
  const search = recheck().checkSync(reading.javascript, reading.flags, { timeout: timeoutMs });
  if (search.status === 'vulnerable') return { safe: false, message: vulnerableMessage(search.complexity, search.attack.pattern) };
  if (proof.status === 'vulnerable') {
    return {
      safe: false,
      message: `This pattern could not be proven free of catastrophic backtracking: without its lookarounds and backreferences it backtracks ${complexityWords(proof.complexity)} on text such as ${proof.attack.pattern}. Make the parts next to each other unable to match the same characters (for example (a+)+ → a+, \\s*x\\s* → \\s*x).`,
    };
  }
  return {
    safe: false,
    message: `This pattern could not be proven free of catastrophic backtracking within ${timeoutMs / 1000} s (lookarounds and backreferences need a backtracking engine, so every such pattern must be proven safe). Simplify it.`,
  };
}

function vulnerableMessage(complexity: { type: 'exponential' } | { type: 'polynomial'; degree: number }, attack: string): string {
  return `This pattern can backtrack catastrophically (${complexityWords(complexity)}), so a long text could hang the run; an attack string is ${attack}. Make the parts next to each other unable to match the same characters (for example (a+)+ → a+, \\s*x\\s* → \\s*x).`;
}

function complexityWords(complexity: { type: string; degree?: number }): string {
  if (complexity.type === 'exponential') return 'in time exponential in the text length';
  if (complexity.type === 'polynomial') return `in time growing with the text length to the power ${complexity.degree ?? 2}`;
  return complexity.type;
}

const LOOKAROUNDS = new Set(['lookahead', 'lookbehind', 'negative-lookbehind', 'negative-lookahead']);

/** The pattern without lookarounds and backreferences (see above), or why it cannot be reduced. */
export function reduce(reading: DialectReading): string | { unbounded: string } {
  const source = reading.javascript;
  const edits: { start: number; end: number; text: string }[] = [];
  const lookarounds = reading.groups.filter((group) => LOOKAROUNDS.has(group.kind));
  for (const group of lookarounds) {
    if (!boundedLength(source, group.bodyStart, group.close)) {
      return {
        unbounded: `This lookaround can match text of any length (${source.slice(group.start, group.close + 1)}), so it would rescan the text at every position; give it a bounded length (for example {0,20} instead of * or +).`,
      };
    }
  }
  // Outermost lookarounds only: one inside another goes with it.
  const outermost = lookarounds.filter((group) => !lookarounds.some((outer) => outer !== group && outer.start < group.start && outer.close > group.close));
  const leading = leadingAssertions(outermost);
  const removed: GroupSpan[] = [];
  for (const group of outermost) {
    const atEdge = (leading.has(group) && group.kind === 'lookbehind') || (group.kind === 'lookahead' && group.close === source.length - 1);
    // At an edge, (?<=X) and (?=X) become (?:X): only the opening changes, so the other offsets stay put.
    if (atEdge) edits.push({ start: group.start, end: group.bodyStart, text: '(?:' });
    else removed.push(group);
  }
  // Lookarounds inside one kept as text become empty groups themselves.
  for (const group of lookarounds) {
    if (outermost.includes(group) ? removed.includes(group) : !removed.some((outer) => outer.start < group.start && outer.close > group.close)) {
      edits.push({ start: group.start, end: group.close + 1, text: '(?:)' });
    }
  }
  for (const reference of reading.backreferences) {
    if (edits.some((edit) => edit.start <= reference.start && reference.end <= edit.end)) continue;
    const group = reading.groups.find((candidate) => candidate.kind === 'capture' && candidate.index === reference.group);
    if (!group) continue;
    const body = source.slice(group.bodyStart, group.close);
    if (reading.backreferences.some((inner) => inner.start >= group.bodyStart && inner.end <= group.close)) {
      return { unbounded: 'A group that holds a backreference is itself referred to; sfjob cannot prove such a pattern safe. Simplify it.' };
    }
    edits.push({ start: reference.start, end: reference.end, text: `(?:${withoutCaptures(body)})` });
  }
  edits.sort((a, b) => b.start - a.start);
  let reduced = source;
  for (const edit of edits) reduced = reduced.slice(0, edit.start) + edit.text + reduced.slice(edit.end);
  return `(?:${reduced})\\uFFFF`;
}

/** The lookarounds the pattern starts with, one after another (the translation of \\A among them). */
function leadingAssertions(groups: GroupSpan[]): Set<GroupSpan> {
  const leading = new Set<GroupSpan>();
  let at = 0;
  for (const group of [...groups].sort((a, b) => a.start - b.start)) {
    if (group.start !== at) break;
    leading.add(group);
    at = group.close + 1;
  }
  return leading;
}

/** A group's body copied elsewhere: its groups no longer capture, so names are not repeated. */
function withoutCaptures(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; ) {
    if (body[i] === '\\') {
      out += body.slice(i, i + 2);
      i += 2;
    } else if (body[i] === '[') {
      const end = classEnd(body, i) ?? body.length;
      out += body.slice(i, end);
      i = end;
    } else if (body.startsWith('(?<', i) && body[i + 3] !== '=' && body[i + 3] !== '!') {
      const close = body.indexOf('>', i);
      out += '(?:';
      i = close + 1;
    } else if (body[i] === '(' && body[i + 1] !== '?') {
      out += '(?:';
      i++;
    } else {
      out += body[i];
      i++;
    }
  }
  return out;
}

/** True when the text between `start` and `end` has no unbounded repetition (*, +, {n,}) and no backreference. */
function boundedLength(source: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if ((next >= '1' && next <= '9') || next === 'k') return false;
      i++;
      continue;
    }
    if (c === '[') {
      i = (classEnd(source, i) ?? end) - 1;
      continue;
    }
    if (c === '*' || c === '+') return false;
    if (c === '{' && /^\{\d+,\}/.test(source.slice(i, end))) return false;
  }
  return true;
}
