import { RE2JS, RE2JSSyntaxException } from 're2js';
import { analyzeBacktracking } from './regex-analysis';
import { classEnd, readDialect, type DialectReading } from './regex-dialect';
import { nativeForm, patternKey, TEXTS_BEFORE_ANALYSIS, type NativeForm } from './regex-native';

/**
 * User-written patterns (redactions, regex transforms) are read in XM Discover's dialect (.NET syntax
 * as JavaScript can express it; see regex-dialect.ts) and run so that no pattern can hang a run:
 *
 * - a pattern RE2 can run (no lookaround, no backreference) runs in re2js, a port of RE2, whose
 *   matching takes time linear in the text whatever the pattern. It is also the faster engine for the
 *   patterns redactions are made of, and needs no analysis;
 * - a pattern that needs backtracking (lookbehind, positive lookahead, backreferences) runs in
 *   JavaScript's own engine, but only once recheck has proven it free of catastrophic backtracking
 *   (regex-analysis.ts); one that could backtrack catastrophically is refused, naming an attack string.
 *
 * Results are remembered per pattern text, so checking the same rules again (every keystroke in the
 * editor) costs nothing, and a validation of many new patterns can be given a time budget.
 */
/**
 * User-written patterns (redactions, regex transforms) run through re2js, a port of RE2: matching takes
 * time linear in the input whatever the pattern, so no pattern can hang a run. The price is that
 * backreferences and lookarounds do not exist; this module says so clearly, at the offending characters.
 */

/** Longer patterns are rejected before compiling: no redaction needs more, and compiling cost grows with size. */
export const MAX_PATTERN_LENGTH = 4_000;
/** RE2's own measure of a compiled pattern's cost; `.{1000}` nested a few times passes it. */
export const MAX_PROGRAM_SIZE = 20_000;
/**
 * How long finding every match in one text may take. One search is linear in the text, but finding
 * every match is not always: for `a(.*!)?` each match looks ahead to the end of the text for a `!`,
 * so a 20 KB text of `a`s takes a minute and a 200 KB transcript hours. Past this budget the search
 * stops with PatternTooSlowError instead of appearing to hang.
 */
export const MATCH_BUDGET_MS = 2_000;

export class PatternTooSlowError extends Error {
  constructor(source: string, textLength: number) {
    super(
      `the pattern ${JSON.stringify(source.length > 80 ? `${source.slice(0, 80)}…` : source)} took more than ${MATCH_BUDGET_MS / 1000} s on a text of ${textLength.toLocaleString('en-US')} characters; make it more specific (avoid an optional part that can run to the end of the text, such as (.*x)?)`,
    );
    this.name = 'PatternTooSlowError';
  }
}

export interface PatternFlags {
  ignoreCase?: boolean;
  /** `^` and `$` match at line starts and ends. */
  multiline?: boolean;
  /** `.` matches new lines too. */
  dotAll?: boolean;
}

/** Finds matches in one text; `find` searches from an offset. */
interface Searcher {
  find(from: number): PatternMatch | undefined;
}

/** A compiled pattern. Use the helpers below, so the engine stays an implementation detail. */
export interface SafeRegex {
  readonly source: string;
  /** The number of capturing groups. */
  readonly groupCount: number;
  /** re2: linear whatever the pattern; javascript: proven free of catastrophic backtracking. */
  readonly engine: 're2' | 'javascript';
  /** Named groups → their numbers. */
  readonly names: Readonly<Record<string, number>>;
  test(text: string): boolean;
  searcher(text: string): Searcher;
}

export type CompilePatternResult =
  | { ok: true; regex: SafeRegex }
  | {
      ok: false;
      message: string;
      start: number;
      end: number;
      /** True when the pattern was not checked at all, because the validation's budget ran out (see PatternBudget). */
      notChecked?: boolean;
    };

export interface PatternMatch {
  start: number;
  end: number;
  /** Group 0 is the whole match; a group that took no part is undefined. */
  groups: (string | undefined)[];
}

/**
 * A time budget for compiling many new patterns in one validation (a redaction file of 20,000 lines):
 * once spent, patterns not remembered from earlier are reported as not checked instead of making the
 * validation take minutes. Remembered patterns cost nothing and are always checked, so checking again
 * goes on where the last check stopped.
 */
export class PatternBudget {
  private spent = 0;
  /** Patterns left unchecked because the budget ran out. */
  skipped = 0;

  constructor(readonly maxMs = 15_000) {}

  get exhausted(): boolean {
    return this.spent >= this.maxMs;
  }

  charge(ms: number): void {
    this.spent += ms;
  }
}

/** How many compiled patterns are remembered; past it the oldest are forgotten first. */
export const PATTERN_CACHE_SIZE = 25_000;
const cache = new Map<string, CompilePatternResult>();

/** Compiles a pattern; never throws. Offsets in a failure are 0-based UTF-16 offsets into `pattern`. */
export function compilePattern(pattern: string, flags: PatternFlags = {}, budget?: PatternBudget): CompilePatternResult {
  if (typeof pattern !== 'string') return { ok: false, message: 'A pattern must be text.', start: 0, end: 0 };
  const key = patternKey(pattern, flags);
  const remembered = cache.get(key);
  if (remembered) return remembered;
  if (budget?.exhausted) {
    budget.skipped++;
    return { ok: false, notChecked: true, message: 'Not checked: the time allowed for checking new patterns in one validation ran out.', start: 0, end: pattern.length };
  }
  const started = performance.now();
  const result = compileUncached(pattern, flags);
  budget?.charge(performance.now() - started);
  if (cache.size >= PATTERN_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

function compileUncached(pattern: string, flags: PatternFlags): CompilePatternResult {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      message: `The pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}. Split it into several patterns.`,
      start: 0,
      end: pattern.length,
    };
  }
  const read = readDialect(pattern);
  if (!read.ok) return { ok: false, ...read.problem };
  const reading = read.reading;
  return reading.needsBacktracking ? compileBacktracking(pattern, reading, flags) : compileRe2(pattern, reading, flags);
}

function compileRe2(pattern: string, reading: DialectReading, flags: PatternFlags): CompilePatternResult {
  let engine: RE2JS;
  try {
    engine = RE2JS.compile(reading.re2, engineFlags(flags));
  } catch (error) {
    return { ok: false, ...describeError(reading.re2, flags, error) };
  }
  if (engine.programSize() > MAX_PROGRAM_SIZE) {
    return {
      ok: false,
      message: `The pattern is too large once compiled (size ${engine.programSize()}, limit ${MAX_PROGRAM_SIZE}); use smaller repeat counts such as {1,100}.`,
      start: 0,
      end: pattern.length,
    };
  }
  const groupCount = engine.groupCount();
  const regex: SafeRegex = {
    source: pattern,
    groupCount,
    engine: 're2',
      names: engine.namedGroups(),
      test: (text) => engine.test(text),
      searcher(text) {
        const matcher = engine.matcher(text);
        return {
          find(from) {
            if (!matcher.find(from)) return undefined;
            const groups: (string | undefined)[] = [];
            for (let g = 0; g <= groupCount; g++) groups.push(matcher.group(g) ?? undefined);
            return { start: matcher.start(), end: matcher.end(), groups };
          },
        };
      },
  };
  masking.set(regex, { engine, re2: reading.re2, flags, uses: 0 });
  return { ok: true, regex };
}

function compileBacktracking(pattern: string, reading: DialectReading, flags: PatternFlags): CompilePatternResult {
  let jsFlags = reading.flags;
  if (flags.ignoreCase && !jsFlags.includes('i')) jsFlags += 'i';
  if (flags.multiline && !jsFlags.includes('m')) jsFlags += 'm';
  if (flags.dotAll && !jsFlags.includes('s')) jsFlags += 's';
  let regex: RegExp;
  try {
    regex = new RegExp(reading.javascript, `${jsFlags}g`);
  } catch (error) {
    return { ok: false, message: `The pattern does not compile as a JavaScript regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}.`, start: 0, end: pattern.length };
  }
  const verdict = analyzeBacktracking({ ...reading, flags: jsFlags });
  if (!verdict.safe) return { ok: false, message: verdict.message, start: 0, end: pattern.length };
  const groupCount = new RegExp(`${reading.javascript}|`, jsFlags).exec('')?.length ?? 1;
  return {
    ok: true,
    regex: {
      source: pattern,
      groupCount: groupCount - 1,
      engine: 'javascript',
      names: reading.names,
      test(text) {
        regex.lastIndex = 0;
        return regex.test(text);
      },
      searcher(text) {
        // A copy per text: the lastIndex of a shared expression would mix up two searches.
        const own = new RegExp(regex);
        return {
          find(from) {
            own.lastIndex = from;
            const found = own.exec(text);
            if (!found) return undefined;
            return { start: found.index, end: found.index + found[0].length, groups: Array.from(found, (group) => group ?? undefined) };
          },
        };
      },
    },
  };
}

function engineFlags(flags: PatternFlags): number {
  return (flags.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (flags.multiline ? RE2JS.MULTILINE : 0) | (flags.dotAll ? RE2JS.DOTALL : 0);
}

/** What masking needs of a pattern RE2 runs, with its V8 form once proven (see regex-native.ts). */
interface MaskingState {
  engine: RE2JS;
  re2: string;
  flags: PatternFlags;
  uses: number;
  /** Undefined until analysed; null when the pattern has no V8 form. */
  native?: NativeForm | null;
}
const masking = new WeakMap<SafeRegex, MaskingState>();

/**
 * Replaces each non-empty match with `mask` and counts them; an empty match hides nothing and is left
 * out (a pattern like `\d*` would otherwise put a mask between every two characters). Only spans are
 * needed, so no groups are built, and a proven pattern runs in V8's engine (see regex-native.ts).
 * Throws PatternTooSlowError as matchAll does.
 */
export function maskMatches(regex: SafeRegex, text: string, mask: string): { text: string; count: number } {
  const state = masking.get(regex);
  if (!state) return maskWithSearcher(regex, text, mask);
  state.uses++;
  if (state.native === undefined && state.uses >= TEXTS_BEFORE_ANALYSIS) {
    state.native = nativeForm(state.re2, { ignoreCase: state.flags.ignoreCase === true, multiline: state.flags.multiline === true, dotAll: state.flags.dotAll === true }) ?? null;
  }
  const native = state.native;
  if (native && text.length <= native.maxTextLength) {
    try {
      return maskNative(native.regex, regex.source, text, mask);
    } catch (error) {
      if (error instanceof PatternTooSlowError) throw error;
      // V8 gives up on some texts (its backtracking stack has a limit); RE2 then decides.
    }
  }
  // Most text holds nothing to mask, and a bare test costs about a third of finding the matches.
  if (!state.engine.test(text)) return { text, count: 0 };
  return maskWithSearcher(regex, text, mask);
}

/** Which engine masking uses for this pattern on a text of this length now: 'v8' once proven (see regex-native.ts). */
export function maskingEngine(regex: SafeRegex, textLength: number): 'v8' | 're2' | 'javascript' {
  const native = masking.get(regex)?.native;
  if (regex.engine === 'javascript') return 'javascript';
  return native && textLength <= native.maxTextLength ? 'v8' : 're2';
}

function maskWithSearcher(regex: SafeRegex, text: string, mask: string): { text: string; count: number } {
  let count = 0;
  const masked = replaceAllWith(regex, text, (match) => {
    if (match.end === match.start) return '';
    count++;
    return mask;
  });
  return { text: masked, count };
}

/** How many matches are found between two looks at the clock. */
const MATCHES_PER_CLOCK_READING = 64;

function maskNative(expression: RegExp, source: string, text: string, mask: string): { text: string; count: number } {
  // The clock starts at the first reading: most texts have a few matches and never read it, and the
  // matches before it are few and each bounded (see regex-native.ts).
  let deadline = Number.POSITIVE_INFINITY;
  let out = '';
  let last = 0;
  let count = 0;
  let found = 0;
  expression.lastIndex = 0;
  for (let match = expression.exec(text); match !== null; match = expression.exec(text)) {
    if (++found % MATCHES_PER_CLOCK_READING === 0) {
      const now = performance.now();
      if (deadline === Number.POSITIVE_INFINITY) deadline = now + MATCH_BUDGET_MS;
      else if (now > deadline) throw new PatternTooSlowError(source, text.length);
    }
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) {
      // As matchAll: an empty match moves the search on by one character.
      const next = nextCharacter(text, end);
      if (next > text.length) break;
      expression.lastIndex = next;
      continue;
    }
    out += text.slice(last, start) + mask;
    last = end;
    count++;
  }
  expression.lastIndex = 0;
  return count === 0 ? { text, count } : { text: out + text.slice(last), count };
}

/** True when the pattern matches somewhere in the text. */
export function testPattern(regex: SafeRegex, text: string): boolean {
  return regex.test(text);
}

/**
 * Every non-overlapping match, left to right. An empty match advances one character, as in JavaScript.
 * Throws PatternTooSlowError once the matches of this text have taken longer than MATCH_BUDGET_MS.
 */
export function* matchAll(regex: SafeRegex, text: string): Generator<PatternMatch> {
  const searcher = regex.searcher(text);
  // The clock is only read between searches: each search is linear, so the overrun is bounded too.
  const deadline = performance.now() + MATCH_BUDGET_MS;
  let from = 0;
  for (let match = from <= text.length ? searcher.find(from) : undefined; match; match = from <= text.length ? searcher.find(from) : undefined) {
    if (performance.now() > deadline) throw new PatternTooSlowError(regex.source, text.length);
    yield match;
    from = match.end > match.start ? match.end : nextCharacter(text, match.end);
  }
}

function nextCharacter(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? at + 2 : at + 1;
}

/**
 * Replaces every match. In the replacement `$1`…`$99` insert a group (empty when it took no part),
 * `$<name>` a named group, `$&` the whole match and `$$` a dollar sign, as in JavaScript's String.replace.
 */
export function replaceAll(regex: SafeRegex, text: string, replacement: string): string {
  const names = replacement.includes('$<') ? regex.names : {};
  return replaceAllWith(regex, text, (match) => expandReplacement(replacement, match, text, regex.groupCount, names));
}

/** A replacement's `$` references filled in for one match, by JavaScript's rules (see checkReplacement). */
function expandReplacement(replacement: string, match: PatternMatch, text: string, groupCount: number, names: Readonly<Record<string, number>>): string {
  if (!replacement.includes('$')) return replacement;
  return replacement.replace(/\$(\$|&|`|'|<([^>]*)>|(\d{1,2}))/g, (whole: string, kind: string, name: string | undefined, digits: string | undefined) => {
    if (kind === '$') return '$';
    if (kind === '&') return match.groups[0] ?? '';
    if (kind === '`') return text.slice(0, match.start);
    if (kind === "'") return text.slice(match.end);
    if (name !== undefined) return name in names ? (match.groups[names[name]] ?? '') : whole;
    const two = Number(digits);
    if (digits !== undefined && digits.length === 2 && two >= 1 && two <= groupCount) return match.groups[two] ?? '';
    const one = Number(digits?.[0]);
    if (one >= 1 && one <= groupCount) return (match.groups[one] ?? '') + (digits?.slice(1) ?? '');
    return whole;
  });
}

/** Replaces every match with the text a function returns for it (for masks that keep a match's length). */
export function replaceAllWith(regex: SafeRegex, text: string, replace: (match: PatternMatch) => string): string {
  let out = '';
  let last = 0;
  for (const match of matchAll(regex, text)) {
    out += text.slice(last, match.start) + replace(match);
    last = match.end;
  }
  return out + text.slice(last);
}

export interface ReplacementProblem {
  message: string;
  start: number;
  end: number;
}

/** Group references in a replacement that the pattern does not have (`$3` with two groups): JavaScript would insert them literally. */
export function checkReplacement(regex: SafeRegex, replacement: string): ReplacementProblem[] {
  const problems: ReplacementProblem[] = [];
  const names = regex.names;
  const reference = /\$(\$|&|`|'|<([^>]*)>|(\d{1,2}))/g;
  for (let m = reference.exec(replacement); m; m = reference.exec(replacement)) {
    const [whole, , name, digits] = m;
    if (digits !== undefined) {
      const one = Number(digits[0]);
      const two = Number(digits);
      // JavaScript reads two digits only when they name a group; otherwise one digit and a literal.
      const group = digits.length === 2 && two >= 1 && two <= regex.groupCount ? two : one;
      if (group === 0 || group > regex.groupCount) {
        const shown = digits.length === 2 && two <= regex.groupCount ? whole : `$${one}`;
        problems.push({
          message:
            group === 0
              ? '$0 is not a group reference; use $& for the whole match.'
              : `${shown} refers to group ${group}, but the pattern has ${regex.groupCount} group${regex.groupCount === 1 ? '' : 's'}.`,
          start: m.index,
          end: m.index + shown.length,
        });
      }
    } else if (name !== undefined && !(name in names)) {
      problems.push({ message: `The pattern has no group named "${name}".`, start: m.index, end: m.index + whole.length });
    }
  }
  return problems;
}

interface Located {
  message: string;
  start: number;
  end: number;
}

interface ScanToken {
  kind: 'escape' | 'class' | 'group' | 'close' | 'other';
  start: number;
  end: number;
  /** For a character class: whether its closing bracket was found. */
  closed?: boolean;
}

function* scan(pattern: string): Generator<ScanToken> {
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        // \Q…\E is literal text.
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end === -1 ? pattern.length : end + 2;
        yield { kind: 'other', start: i, end: stop };
        i = stop;
        continue;
      }
      yield { kind: 'escape', start: i, end: Math.min(i + 2, pattern.length) };
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = classEnd(pattern, i);
      yield { kind: 'class', start: i, end: end ?? pattern.length, closed: end !== undefined };
      i = end ?? pattern.length;
      continue;
    }
    yield { kind: c === '(' ? 'group' : c === ')' ? 'close' : 'other', start: i, end: i + 1 };
    i++;
  }
}

const FRIENDLY: Record<string, string> = {
  'missing closing )': 'This "(" is never closed; add ")" or escape it as \\(.',
  'unexpected )': 'This ")" has no matching "("; remove it or escape it as \\).',
  'missing closing ]': 'This "[" starts a character class that is never closed; add "]" or escape it as \\[.',
  'invalid nested repetition operator':
    'A repetition of a repetition (such as a** or a++; possessive quantifiers do not exist here). Remove one, or group first: (a*)*.',
  'missing argument to repetition operator': 'Nothing comes before this repetition operator; escape it (\\*, \\+, \\?) to match it literally.',
  'invalid repeat count': 'Invalid repeat count: counts go up to 1000, in total when repeats are nested, and {min,max} needs min ≤ max.',
  'invalid escape sequence': 'Unknown escape: this engine knows \\d \\w \\s \\b \\pL, \\n, \\t, \\x{…} and escaped punctuation.',
  'invalid character class range': 'Invalid character class or range: a range runs from low to high ([a-z]), and named classes are like [[:alpha:]] or \\p{Greek}.',
  'trailing backslash at end of expression': 'The pattern ends with a lone backslash; write \\\\ to match a backslash.',
  'invalid or unsupported Perl syntax': 'This group syntax is not supported by the linear-time regex engine; flags (?i) (?m) (?s) and named groups (?<name>…) are.',
  'invalid named capture': 'Invalid named group: write (?<name>…) with a name of letters, digits and _.',
  'duplicate capture group name': 'Two groups have this name; give each group its own name.',
};

/** Turns a re2js syntax error into a message and the span of the pattern that caused it. */
function describeError(pattern: string, flags: PatternFlags, error: unknown): Located {
  if (!(error instanceof RE2JSSyntaxException)) {
    const message = error instanceof Error ? error.message : String(error);
    return { message: `The pattern does not compile: ${message}`, start: 0, end: pattern.length };
  }
  const kind = error.error;
  const piece = error.input;
  const message = FRIENDLY[kind] ?? `The pattern does not compile: ${kind}.`;
  const span = locate(pattern, flags, kind, piece);
  return { message, ...span };
}

function locate(pattern: string, flags: PatternFlags, kind: string, piece: string | null): { start: number; end: number } {
  if (kind === 'trailing backslash at end of expression') return { start: pattern.length - 1, end: pattern.length };
  if (kind === 'missing closing )' || kind === 'unexpected )') {
    const at = unbalancedParen(pattern);
    if (at !== undefined) return { start: at, end: at + 1 };
  }
  if (kind === 'missing closing ]') {
    const at = unclosedClass(pattern);
    if (at !== undefined) return { start: at, end: at + 1 };
  }
  if (!piece) return { start: 0, end: pattern.length };
  if (kind === 'duplicate capture group name') {
    const second = [`(?P<${piece}>`, `(?<${piece}>`]
      .flatMap((opening) => occurrences(pattern, opening).map((at) => at + opening.length - piece.length - 1))
      .sort((a, b) => a - b)[1];
    if (second !== undefined) return { start: second, end: second + piece.length };
  }
  // RE2 names the offending text but not where it is. It reads left to right and stops at the first
  // error, so the copy it means is one where the pattern up to the copy is still free of that error and
  // the pattern through the copy is not. A cut can make an earlier, valid copy look the same ("(?" of
  // "(?i)"), but never a later one, so it is the last copy with an error-free start. Every later copy
  // has the error before it, so a binary search finds it in a few compiles even among many copies.
  const copies = occurrences(pattern, piece);
  let low = 0;
  let high = copies.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (failsWith(pattern.slice(0, copies[mid]), flags, kind, piece)) {
      high = mid - 1;
    } else {
      found = copies[mid];
      low = mid + 1;
    }
  }
  if (found === undefined || !failsWith(pattern.slice(0, found + piece.length), flags, kind, piece)) found = copies[0];
  return found === undefined ? { start: 0, end: pattern.length } : { start: found, end: found + piece.length };
}

function occurrences(text: string, part: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) found.push(at);
  return found;
}

function failsWith(prefix: string, flags: PatternFlags, kind: string, piece: string): boolean {
  try {
    RE2JS.compile(prefix, engineFlags(flags));
    return false;
  } catch (error) {
    return error instanceof RE2JSSyntaxException && error.error === kind && error.input === piece;
  }
}

/** The first ")" without a "(" or, failing that, the innermost "(" never closed. */
function unbalancedParen(pattern: string): number | undefined {
  const open: number[] = [];
  for (const token of scan(pattern)) {
    if (token.kind === 'group') open.push(token.start);
    else if (token.kind === 'close' && open.pop() === undefined) return token.start;
  }
  return open.at(-1);
}

function unclosedClass(pattern: string): number | undefined {
  for (const token of scan(pattern)) {
    if (token.kind === 'class' && !token.closed) return token.start;
  }
  return undefined;
}
