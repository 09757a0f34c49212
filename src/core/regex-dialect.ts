/**
 * XM Discover's redaction patterns are .NET regular expressions, and XM states that negative
 * lookaheads are not supported. This module reads a pattern in that dialect and decides how sfjob can
 * run it: unchanged in RE2 when it needs nothing RE2 lacks, or translated to a JavaScript regular
 * expression when it uses lookbehind, positive lookahead or backreferences. Constructs .NET has and
 * JavaScript lacks are refused with a message that says so, at their characters.
 *
 * The reading is a single left-to-right scan that knows escapes and character classes, so `[(?=]` or
 * `\(?!` are never taken for groups.
 */

export interface DialectProblem {
  message: string;
  start: number;
  end: number;
}

/** A group of the pattern, from its opening parenthesis to its closing one (inclusive). */
export interface GroupSpan {
  kind: 'capture' | 'noncapture' | 'lookahead' | 'lookbehind' | 'negative-lookbehind' | 'negative-lookahead' | 'options';
  start: number;
  /** Just after the opening (where the body starts). */
  bodyStart: number;
  /** The offset of the closing parenthesis; -1 while unclosed. */
  close: number;
  /** Capturing groups: their number (1-based) and name. */
  index?: number;
  name?: string;
}

export interface DialectReading {
  /** The pattern as JavaScript reads it: .NET-only spellings rewritten, leading inline options moved to `flags`. */
  javascript: string;
  /**
   * The pattern for RE2, when it does not need backtracking: as written, with .NET's (?'name'…) spelt
   * (?<name>…), which has the same length, so offsets in RE2's errors are offsets in the pattern.
   */
  re2: string;
  /** Flags the leading inline options ask for ("i", "m", "s"). */
  flags: string;
  /** Uses a construct only a backtracking engine has (lookaround, backreference, `\Z`). */
  needsBacktracking: boolean;
  /** Offsets of the groups in `javascript`. */
  groups: GroupSpan[];
  /** Offsets of the backreferences in `javascript`, with the group number they refer to. */
  backreferences: { start: number; end: number; group: number; name?: string }[];
  /** Names of the capturing groups → their numbers. */
  names: Record<string, number>;
}

const XM_NEGATIVE_LOOKAHEAD =
  'XM Discover does not support negative lookaheads (?!…) in redaction patterns, so sfjob refuses them too. Match the text to mask itself, or use a lookbehind (?<=…) or a positive lookahead (?=…).';

/** .NET constructs JavaScript has no equivalent for, by their opening characters. */
const NET_ONLY: [RegExp, string][] = [
  [/^\(\?>/, 'An atomic group (?>…) is .NET syntax that JavaScript regular expressions do not have. Use a plain group (?:…).'],
  [/^\(\?\(/, 'A conditional (?(…)yes|no) is .NET syntax that JavaScript regular expressions do not have. Write two patterns instead.'],
  [/^\(\?#/, 'An inline comment (?#…) is .NET syntax that JavaScript regular expressions do not have. Put comments on their own # lines of a rule file.'],
  [/^\(\?(<|')[A-Za-z0-9_]*-[A-Za-z0-9_]+[>']/, 'A balancing group (?<name1-name2>…) is .NET syntax that JavaScript regular expressions do not have.'],
];

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** \A, \z and \Z as JavaScript lookarounds (JavaScript's ^ and $ change meaning with the m flag). */
const ANCHORS: Record<string, { text: string; kind: GroupSpan['kind']; opening: number }> = {
  A: { text: '(?<![\\s\\S])', kind: 'negative-lookbehind', opening: 4 },
  z: { text: '(?![\\s\\S])', kind: 'negative-lookahead', opening: 3 },
  Z: { text: '(?=\\n?(?![\\s\\S]))', kind: 'lookahead', opening: 3 },
};

/** Reads a pattern; a refusal comes back as a problem located in the pattern as written. */
export function readDialect(pattern: string): { ok: true; reading: DialectReading } | { ok: false; problem: DialectProblem } {
  let out = '';
  let re2 = pattern;
  let flags = '';
  let needsBacktracking = false;
  const groups: GroupSpan[] = [];
  const open: GroupSpan[] = [];
  /** Where each group opens in the pattern as written, to point at one never closed. */
  const openedAt = new Map<GroupSpan, number>();
  const backreferences: DialectReading['backreferences'] = [];
  const names: Record<string, number> = {};
  let captures = 0;
  const fail = (message: string, start: number, end: number) => ({ ok: false as const, problem: { message, start, end } });

  let i = 0;
  // Leading inline options such as (?i) or (?im) become flags: JavaScript has no inline options.
  for (let leading = /^\(\?([imsxn]+)\)/.exec(pattern); leading; leading = /^\(\?([imsxn]+)\)/.exec(pattern.slice(i))) {
    const bad = leading[1].replace(/[ims]/g, '');
    if (bad) return fail(optionMessage(bad[0]), i, i + leading[0].length);
    for (const flag of leading[1]) if (!flags.includes(flag)) flags += flag;
    i += leading[0].length;
  }

  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) {
        out += c;
        i++;
        continue;
      }
      if (next === 'k' && (pattern[i + 2] === '<' || pattern[i + 2] === "'")) {
        const closing = pattern[i + 2] === '<' ? '>' : "'";
        const end = pattern.indexOf(closing, i + 3);
        const name = end === -1 ? '' : pattern.slice(i + 3, end);
        if (!NAME.test(name)) return fail('Invalid named backreference: write \\k<name> with the name of a group.', i, end === -1 ? i + 2 : end + 1);
        backreferences.push({ start: out.length, end: out.length + name.length + 4, group: -1, name });
        out += `\\k<${name}>`;
        needsBacktracking = true;
        i = end + 1;
        continue;
      }
      if (next >= '1' && next <= '9') {
        const digits = /^\d+/.exec(pattern.slice(i + 1))?.[0] ?? next;
        backreferences.push({ start: out.length, end: out.length + 1 + digits.length, group: Number(digits) });
        out += `\\${digits}`;
        needsBacktracking = true;
        i += 1 + digits.length;
        continue;
      }
      if (next === 'G') return fail('\\G (the end of the previous match) has no equivalent outside .NET; anchor with ^ or a lookbehind instead.', i, i + 2);
      // Anchors JavaScript spells as lookarounds; RE2 knows \A and \z itself.
      const anchor = ANCHORS[next];
      if (anchor) {
        groups.push({ kind: anchor.kind, start: out.length, bodyStart: out.length + anchor.opening, close: out.length + anchor.text.length - 1 });
        out += anchor.text;
        if (next === 'Z') needsBacktracking = true;
        i += 2;
        continue;
      }
      out += c + next;
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = classEnd(pattern, i);
      if (end === undefined) return fail('This "[" starts a character class that is never closed; add "]" or escape it as \\[.', i, i + 1);
      const subtraction = classSubtraction(pattern, i, end);
      if (subtraction !== undefined) {
        return fail('.NET character class subtraction [a-z-[aeiou]] has no JavaScript equivalent; list the characters the class should keep.', subtraction, subtraction + 2);
      }
      out += pattern.slice(i, end);
      i = end;
      continue;
    }
    if (c === '(') {
      const rest = pattern.slice(i);
      for (const [opening, message] of NET_ONLY) {
        const found = opening.exec(rest);
        if (found) return fail(message, i, i + found[0].length);
      }
      if (rest.startsWith('(?!')) return fail(XM_NEGATIVE_LOOKAHEAD, i, i + 3);
      let group: GroupSpan;
      let opening: string;
      let written: string;
      const named = /^\(\?(?:P?<([^>=!]*)>|'([^']*)')/.exec(rest);
      if (rest.startsWith('(?<=') || rest.startsWith('(?<!') || rest.startsWith('(?=')) {
        opening = rest.startsWith('(?=') ? '(?=' : rest.slice(0, 4);
        written = opening;
        group = { kind: opening === '(?=' ? 'lookahead' : opening === '(?<=' ? 'lookbehind' : 'negative-lookbehind', start: out.length, bodyStart: out.length + opening.length, close: -1 };
        needsBacktracking = true;
      } else if (named) {
        const name = named[1] ?? named[2] ?? '';
        opening = named[0];
        if (!NAME.test(name)) return fail('Invalid named group: write (?<name>…) with a name of letters, digits and _ that does not start with a digit.', i, i + opening.length);
        if (name in names) return fail(`Two groups have this name ("${name}"); give each group its own name.`, i + 3, i + 3 + name.length);
        captures++;
        names[name] = captures;
        written = `(?<${name}>`;
        if (named[2] !== undefined) re2 = `${re2.slice(0, i)}${written}${re2.slice(i + written.length)}`;
        group = { kind: 'capture', start: out.length, bodyStart: out.length + written.length, close: -1, index: captures, name };
      } else if (rest.startsWith('(?:')) {
        opening = '(?:';
        written = opening;
        group = { kind: 'noncapture', start: out.length, bodyStart: out.length + 3, close: -1 };
      } else if (rest.startsWith('(?')) {
        const options = /^\(\?([a-zA-Z]*(?:-[a-zA-Z]*)?)(:|\))/.exec(rest);
        if (!options) return fail('This group syntax is not supported: groups are (…), (?:…), (?<name>…), (?\'name\'…), (?=…), (?<=…) and (?<!…).', i, i + 2);
        const bad = options[1].replace(/[-ims]/g, '');
        if (bad) return fail(optionMessage(bad[0]), i, i + options[0].length);
        opening = options[0];
        written = opening;
        group = { kind: 'options', start: out.length, bodyStart: out.length + opening.length, close: options[2] === ')' ? out.length + opening.length - 1 : -1 };
        if (options[2] === ')') {
          groups.push(group);
          out += written;
          i += opening.length;
          continue;
        }
      } else {
        opening = '(';
        written = opening;
        captures++;
        group = { kind: 'capture', start: out.length, bodyStart: out.length + 1, close: -1, index: captures };
      }
      groups.push(group);
      open.push(group);
      openedAt.set(group, i);
      out += written;
      i += opening.length;
      continue;
    }
    if (c === ')') {
      const group = open.pop();
      if (!group) return fail('This ")" has no matching "("; remove it or escape it as \\).', i, i + 1);
      group.close = out.length;
      out += c;
      i++;
      continue;
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '+' && isQuantifier(pattern, i)) {
      return fail('A possessive quantifier (x*+, x++, x?+) exists in neither .NET nor JavaScript; remove the second +.', i, i + 2);
    }
    out += c;
    i++;
  }
  if (open.length > 0) {
    const unclosed = openedAt.get(open[open.length - 1]) ?? 0;
    return fail('This "(" is never closed; add ")" or escape it as \\(.', unclosed, unclosed + 1);
  }
  for (const reference of backreferences) {
    const name = reference.name;
    if (name !== undefined) {
      if (!(name in names)) return fail(`The backreference \\k<${name}> names no group of the pattern.`, 0, pattern.length);
      reference.group = names[name];
    } else if (reference.group > captures) {
      return fail(`The backreference \\${reference.group} refers to group ${reference.group}, but the pattern has ${captures} group${captures === 1 ? '' : 's'}.`, 0, pattern.length);
    }
  }
  // Inline options inside a pattern are RE2 syntax that JavaScript lacks; they only matter when the pattern needs JavaScript.
  const inner = groups.find((group) => group.kind === 'options');
  if (needsBacktracking && inner) {
    return fail('Inline options inside a pattern (such as (?i) after the start, or (?i:…)) cannot be expressed together with lookarounds or backreferences; put them at the very start of the pattern.', 0, pattern.length);
  }
  return { ok: true, reading: { javascript: out, re2, flags, needsBacktracking, groups, backreferences, names } };
}

function optionMessage(option: string): string {
  if (option === 'x') return 'The x option (white space in the pattern is ignored) has no JavaScript equivalent; remove the spaces and the option.';
  if (option === 'n') return 'The n option (only named groups capture) has no JavaScript equivalent; write unnamed groups as (?:…) and drop the option.';
  return `The inline option "${option}" is not supported: i, m and s are.`;
}

function isQuantifier(pattern: string, at: number): boolean {
  if (pattern[at] !== '}') return true;
  const open = pattern.lastIndexOf('{', at);
  return open !== -1 && /^\{\d+(,\d*)?\}$/.test(pattern.slice(open, at + 1));
}

/** The offset after a character class's closing bracket; undefined when it has none. */
export function classEnd(pattern: string, open: number): number | undefined {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length) {
    if (pattern[i] === '\\') {
      i += 2;
      continue;
    }
    if (pattern.startsWith('[:', i)) {
      const close = pattern.indexOf(':]', i + 2);
      if (close !== -1) {
        i = close + 2;
        continue;
      }
    }
    if (pattern[i] === ']') return i + 1;
    i++;
  }
  return undefined;
}

/** Where a .NET subtraction "-[" starts inside the class [open, end), if it has one. */
function classSubtraction(pattern: string, open: number, end: number): number | undefined {
  for (let i = open + 1; i < end - 1; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    if (pattern[i] === '-' && pattern[i + 1] === '[' && i > open + 1) return i;
  }
  return undefined;
}
