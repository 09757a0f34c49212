/**
 * SOQL's LIKE: `%` matches any run of characters, `_` exactly one, and a backslash makes the next character
 * literal (`\%`, `\_`, `\\`, `\'`). Matching ignores case, as Salesforce does.
 *
 * A regular expression with one `.*` per `%` backtracks: ten `%` against a long Body take exponential time.
 * Here the pattern is cut at each `%` into segments that are placed greedily from left to right: the first
 * segment must sit at the start, the last at the end, and each middle one at its leftmost place after the
 * previous one. Placing a segment leftmost never loses a match, so no choice is ever undone and the work is
 * bounded by the value's length times the pattern's length.
 */

/** One position of a segment: a character (lowercased) or `_`, any single character. */
type Slot = string | typeof ANY;
const ANY = Symbol('any character');

interface Segment {
  slots: Slot[];
  /** The segment as text when it has no `_`, so a native search can find it. */
  plain: string | undefined;
}

export type LikeMatcher = (value: string) => boolean;

/** Compiles a LIKE pattern (the text between the quotes, escapes still in it) into a matcher. */
export function compileLike(pattern: string): LikeMatcher {
  const segments = segmentsOf(pattern);
  if (segments.length === 1) {
    const only = segments[0]!;
    return (value) => {
      const text = value.toLowerCase();
      return text.length === only.slots.length && fitsAt(text, 0, only);
    };
  }
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((s) => s.slots.length > 0);
  return (value) => {
    const text = value.toLowerCase();
    const tailStart = text.length - last.slots.length;
    if (tailStart < first.slots.length) return false;
    if (!fitsAt(text, 0, first) || !fitsAt(text, tailStart, last)) return false;
    let position = first.slots.length;
    for (const segment of middle) {
      const at = leftmost(text, segment, position, tailStart);
      if (at < 0) return false;
      position = at + segment.slots.length;
    }
    return true;
  };
}

function segmentsOf(pattern: string): Segment[] {
  const segments: Segment[] = [];
  let slots: Slot[] = [];
  const close = () => {
    const plain = slots.every((s): s is string => s !== ANY) ? (slots as string[]).join('') : undefined;
    segments.push({ slots, plain });
    slots = [];
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) slots.push(unescape(pattern[++i]!).toLowerCase());
    else if (ch === '%') close();
    else if (ch === '_') slots.push(ANY);
    else slots.push(ch.toLowerCase());
  }
  close();
  return segments;
}

function unescape(ch: string): string {
  return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[ch] ?? ch;
}

function fitsAt(text: string, at: number, segment: Segment): boolean {
  const { slots } = segment;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    if (slot !== ANY && text[at + i] !== slot) return false;
  }
  return true;
}

/** The leftmost start at or after `from` where the segment fits and ends by `end`, or -1. */
function leftmost(text: string, segment: Segment, from: number, end: number): number {
  const lastStart = end - segment.slots.length;
  if (segment.plain !== undefined) {
    const at = text.indexOf(segment.plain, from);
    return at >= 0 && at <= lastStart ? at : -1;
  }
  for (let at = from; at <= lastStart; at++) if (fitsAt(text, at, segment)) return at;
  return -1;
}
