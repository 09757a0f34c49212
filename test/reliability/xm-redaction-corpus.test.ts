import * as assert from 'node:assert/strict';
import { compilePattern, matchAll, type SafeRegex } from '../../src/core/regex';

/**
 * XM Discover redaction files are .NET regular expressions without negative lookaheads. These are the
 * kinds of patterns such files hold: each must be accepted or refused as XM would (refused too when
 * sfjob cannot run it safely), and no accepted pattern may take more than linear time on long hostile
 * text, whichever engine runs it.
 */

const ACCEPTED = [
  // email
  '[\\w.+-]+@[\\w-]+\\.[\\w.]+',
  '\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b',
  // phone
  '\\(?\\d{3}\\)?[-. ]?\\d{3}[-. ]?\\d{4}',
  '\\+?1?[ -]?\\(?\\d{3}\\)?[ -]?\\d{3}[ -]?\\d{4}',
  '\\+\\d{1,3}[ -]?\\d{2,4}[ -]?\\d{3,4}[ -]?\\d{3,4}',
  // card
  '\\b(?:\\d[ -]?){13,16}\\b',
  '\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b',
  '(?<!\\d)\\d{16}',
  // lookbehind on "account no"
  '(?<=account no\\.? ?)\\d+',
  '(?i)(?<=acct(?:ount)? ?(?:no|number|#)\\.?:? ?)\\d{6,12}',
  '(?<=\\bpin:? ?)\\d{4}\\b',
  '(?<=@)[\\w-]+',
  // backreferences
  '\\b(\\w+)\\s+\\1\\b',
  '\\b(\\d)\\1{3,}\\b',
  // named groups, both spellings
  '(?<area>\\d{3})-(?<num>\\d{4})',
  "(?'area'\\d{3})-\\d{4}",
  // positive lookahead
  '\\d{4}(?= ?(?:USD|EUR))',
  '(?<=\\s)\\d{6}(?=\\s)',
  // anchors
  '\\A\\d+\\z',
  // everything else a redaction file tends to hold
  '\\b\\d{3}-\\d{2}-\\d{4}\\b',
  '\\b[A-Z]{2}\\d{2}[A-Z0-9]{11,30}\\b',
  '\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b',
  '\\b\\d{5}(?:-\\d{4})?\\b',
  '\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b',
  '\\b[A-Z]\\d{8}\\b',
  'https?://[^\\s]+',
  '(?i)password:? ?\\S+',
  '\\b[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}\\b',
  '#\\w+',
  '(a+)+$',
  '(\\w+\\s?)*$',
];

const REFUSED: [string, RegExp][] = [
  ['\\b\\d{3}-\\d{2}-\\d{4}(?!\\d)', /negative lookahead/],
  ['(?!0000)\\d{4}', /negative lookahead/],
  ['(?>\\d+)-', /atomic group/],
  ['\\d++', /possessive/],
  ['(?<open>\\()[^()]*(?<close-open>\\))', /balancing group/],
  ['(?(?=\\d)\\d{3}|[a-z]{3})', /conditional/],
  ['[a-z-[aeiou]]+', /subtraction/],
  ['\\G\\d{3}', /\\G/],
  ['(?x) \\d{3} - \\d{4}', /x option/],
  ['(\\d+)\\s+\\1', /backtrack catastrophically/],
  ['(?<=key: )(\\w+\\s?)+x', /backtrack catastrophically/],
  ['\\d+(?=x)', /backtrack catastrophically/],
  ['(?<=a.*)b', /bounded length/],
];

const SIZE = 100_000;

/** Long texts that make backtracking matchers work hardest: runs of one character, repeated words and near-misses. */
function adversarialTexts(pattern: string): string[] {
  const literal = [...new Set(pattern.replace(/\\[a-zA-Z]/g, '').replace(/[^A-Za-z0-9 @.#:/-]/g, ''))];
  const units = ['a', '0', ' ', 'a ', '0 ', 'account no ', 'ab-', '0-', '@a', 'x1', '\t', 'the ', ...literal];
  return units.map((unit) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE) + '\u0000!');
}

function compiled(pattern: string): SafeRegex {
  const result = compilePattern(pattern);
  if (!result.ok) assert.fail(`${pattern} was refused: ${result.message}`);
  return result.regex;
}

describe('XM-style redaction patterns', function () {
  this.timeout(240_000);

  it('accepts what XM Discover accepts and sfjob can run safely', () => {
    for (const pattern of ACCEPTED) compiled(pattern);
  });

  it("refuses negative lookahead, .NET-only constructs and patterns that could backtrack catastrophically, saying why", () => {
    for (const [pattern, reason] of REFUSED) {
      const result = compilePattern(pattern);
      assert.ok(!result.ok, `${pattern} was accepted`);
      assert.match(result.message, reason, pattern);
    }
  });

  it('runs every accepted pattern over 100 KB of hostile text in linear time', () => {
    // Attack strings the analyzer found for the refused patterns are hostile text for the others too.
    const attacks = REFUSED.map(([pattern]) => compilePattern(pattern))
      .flatMap((result) => (!result.ok ? [/attack string is '(.)'\.repeat/.exec(result.message)?.[1]] : []))
      .filter((unit): unit is string => unit !== undefined)
      .map((unit) => unit.repeat(SIZE) + '\u0000');
    for (const pattern of ACCEPTED) {
      const regex = compiled(pattern);
      for (const text of [...adversarialTexts(pattern), ...attacks]) {
        const started = performance.now();
        let count = 0;
        for (const _match of matchAll(regex, text)) count++;
        const took = performance.now() - started;
        // Linear work on 100 KB takes milliseconds; a quadratic matcher would take minutes.
        assert.ok(took < 1_500, `${pattern} took ${took.toFixed(0)} ms on ${JSON.stringify(text.slice(0, 12))}… (${count} matches)`);
      }
    }
  });
});
