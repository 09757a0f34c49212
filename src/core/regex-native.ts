import type { Diagnostics } from 'recheck';
import { LruCache } from './memo';
import { recheck } from './regex-analysis';

/**
 * A faster way to find where a linear-time (RE2) pattern matches, for the texts a run masks by the
 * hundred thousand: V8's own regular expression engine, compiled to machine code, is many times faster
 * than re2js. It backtracks, though, so it is used for a pattern only when
 *
 * - the pattern is written in the part of the syntax where both engines mean the same thing, translated
 *   so that they do (`\s` and `.` spelt as RE2 reads them, the `u` flag so both read code points and fold
 *   case the same way). Anything else (Unicode classes, inline options after the start, `\Q…\E`, `\w`
 *   or `\b` under case folding, the m flag) keeps re2js; and
 * - recheck, the analyzer the backtracking engine already answers to (see regex-analysis.ts), proves the
 *   translation free of super-linear backtracking. A pattern proven only polynomial (such as an e-mail
 *   pattern, quadratic on a long run of letters with no "@") uses V8 only on texts short enough for
 *   its worst case to stay small, re2js on longer ones; an exponential or undecided one keeps re2js.
 *
 * Only match spans come from V8, never groups (the engines fill groups inside a repetition differently),
 * so this serves masking, which replaces whole matches. The analysis costs up to a second per pattern,
 * so a pattern is analysed only once it has been applied to enough texts for the speed to pay for it.
 */

/** How many texts a pattern masks before its V8 form is worth proving. */
export const TEXTS_BEFORE_ANALYSIS = 20_000;
/** recheck's time for one pattern; past it the pattern simply keeps re2js. */
const ANALYSIS_TIMEOUT_MS = 3_000;
/** Worst-case backtracking steps allowed on one text for a pattern proven polynomial: a few milliseconds. */
const POLYNOMIAL_STEPS = 2_000_000;

export interface NativeFlags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

export interface NativeForm {
  regex: RegExp;
  /** The longest text V8 is used on; longer ones go to re2js. */
  maxTextLength: number;
}

/** One key for a pattern and the flags it runs with, for the caches that remember work per pattern. */
export function patternKey(pattern: string, flags: { ignoreCase?: boolean; multiline?: boolean; dotAll?: boolean }): string {
  return `${flags.ignoreCase ? 'i' : ''}${flags.multiline ? 'm' : ''}${flags.dotAll ? 's' : ''}\u0000${pattern}`;
}

/** Verdicts by flags and pattern, so a pattern is analysed once per process. */
const verdicts = new LruCache<string, NativeForm | null>(1_000);

/**
 * The V8 form of an RE2 pattern, or undefined when it has none (outside the shared syntax, or not proven
 * safe enough). `re2` is the pattern as RE2 reads it, leading inline options included.
 */
export function nativeForm(re2: string, flags: NativeFlags): NativeForm | undefined {
  const key = patternKey(re2, flags);
  const known = verdicts.get(key);
  if (known !== undefined) return known ?? undefined;
  const form = prove(re2, flags) ?? null;
  verdicts.set(key, form);
  return form ?? undefined;
}

function prove(re2: string, flags: NativeFlags): NativeForm | undefined {
  const translated = translateToJavaScript(re2, flags);
  if (!translated) return undefined;
  let regex: RegExp;
  try {
    regex = new RegExp(translated.source, `${translated.flags}g`);
  } catch {
    return undefined;
  }
  let verdict: Diagnostics;
  try {
    verdict = recheck().checkSync(translated.source, translated.flags, { checker: 'automaton', timeout: ANALYSIS_TIMEOUT_MS });
  } catch {
    return undefined;
  }
  if (verdict.status === 'safe') return { regex, maxTextLength: Number.POSITIVE_INFINITY };
  if (verdict.status === 'vulnerable' && verdict.complexity.type === 'polynomial') {
    return { regex, maxTextLength: Math.floor(POLYNOMIAL_STEPS ** (1 / verdict.complexity.degree)) };
  }
  return undefined;
}

/** `\s` as RE2 reads it: ASCII white space only, without the vertical tab. */
const RE2_SPACE = '\\t\\n\\f\\r ';
/** Characters JavaScript accepts escaped in `u` mode outside a class. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

/**
 * The pattern in JavaScript syntax with the meaning RE2 gives it, or undefined when it uses anything
 * outside the subset both engines agree on.
 */
export function translateToJavaScript(re2: string, options: NativeFlags): { source: string; flags: string } | undefined {
  let i = 0;
  let ignoreCase = options.ignoreCase;
  let dotAll = options.dotAll;
  let multiline = options.multiline;
  for (let leading = /^\(\?([ims]+)\)/.exec(re2); leading; leading = /^\(\?([ims]+)\)/.exec(re2.slice(i))) {
    if (leading[1].includes('i')) ignoreCase = true;
    if (leading[1].includes('s')) dotAll = true;
    if (leading[1].includes('m')) multiline = true;
    i += leading[0].length;
  }
  // RE2's ^ and $ under m know only \n as a line end; JavaScript's know \r and U+2028 too.
  if (multiline) return undefined;
  let out = '';
  while (i < re2.length) {
    const c = re2[i];
    if (c === '\\') {
      const escaped = escapeOutsideClass(re2[i + 1], ignoreCase);
      if (escaped === undefined) return undefined;
      out += escaped;
      i += 2;
      continue;
    }
    if (c === '[') {
      const translated = translateClass(re2, i, ignoreCase);
      if (!translated) return undefined;
      out += translated.text;
      i = translated.end;
      continue;
    }
    if (c === '(') {
      const named = /^\(\?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(re2.slice(i, i + 200));
      if (re2.startsWith('(?:', i)) {
        out += '(?:';
        i += 3;
      } else if (named) {
        out += named[0];
        i += named[0].length;
      } else if (re2[i + 1] === '?') {
        return undefined;
      } else {
        out += '(';
        i++;
      }
      continue;
    }
    if (c === '{') {
      const count = /^\{\d+(?:,\d*)?\}/.exec(re2.slice(i, i + 24));
      // A brace that starts no repeat count is a literal in RE2 and an error in JavaScript's u mode.
      out += count ? count[0] : '\\{';
      i += count ? count[0].length : 1;
      continue;
    }
    if (c === '}' || c === ']') {
      out += `\\${c}`;
      i++;
      continue;
    }
    if (c === '.') {
      out += dotAll ? '[^]' : '[^\\n]';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return { source: out, flags: `u${ignoreCase ? 'i' : ''}` };
}

function escapeOutsideClass(next: string | undefined, ignoreCase: boolean): string | undefined {
  if (next === undefined) return undefined;
  if (next === 's') return `[${RE2_SPACE}]`;
  if (next === 'S') return `[^${RE2_SPACE}]`;
  if (next === 'd' || next === 'D') return `\\${next}`;
  // Under case folding JavaScript's \w and \b take in ſ and the Kelvin sign; RE2's do not.
  if (next === 'w' || next === 'W' || next === 'b' || next === 'B') return ignoreCase ? undefined : `\\${next}`;
  if (next === 'n' || next === 't' || next === 'r' || next === 'f' || next === 'v') return `\\${next}`;
  if (SYNTAX.has(next)) return `\\${next}`;
  // Other escaped punctuation is the character itself in both; u mode only refuses the escape.
  if (/^[!"#%&',\-:;<=>@_`~ ]$/.test(next)) return next;
  return undefined;
}

/** A character class from `open` (its "["), translated; undefined when it uses what JavaScript reads otherwise. */
function translateClass(re2: string, open: number, ignoreCase: boolean): { text: string; end: number } | undefined {
  let i = open + 1;
  let out = '[';
  if (re2[i] === '^') {
    out += '^';
    i++;
  }
  // A "]" first in the class is a literal in RE2, and closes an empty class in JavaScript.
  if (re2[i] === ']') {
    out += '\\]';
    i++;
  }
  while (i < re2.length) {
    const c = re2[i];
    if (c === ']') return { text: `${out}]`, end: i + 1 };
    if (c === '[') {
      // [:alpha:] and friends are RE2's own.
      if (re2[i + 1] === ':') return undefined;
      out += '\\[';
      i++;
      continue;
    }
    if (c === '\\') {
      const next = re2[i + 1];
      if (next === undefined) return undefined;
      if (next === 's') out += RE2_SPACE;
      else if (next === 'd') out += '\\d';
      else if (next === 'w' && !ignoreCase) out += '\\w';
      else if (next === 'n' || next === 't' || next === 'r' || next === 'f' || next === 'v') out += `\\${next}`;
      else if (SYNTAX.has(next) || next === '-') out += `\\${next}`;
      else if (/^[!"#%&',:;<=>@_`~ ]$/.test(next)) out += next;
      else return undefined;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return undefined;
}
