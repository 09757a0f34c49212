import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cpuMs } from '../../helpers/cpu';
import {
  MAX_PATTERN_LENGTH,
  checkReplacement,
  compilePattern,
  matchAll,
  replaceAll,
  replaceAllWith,
  testPattern,
  type SafeRegex,
} from '../../../src/core/regex';

function compiled(pattern: string, flags = {}): SafeRegex {
  const result = compilePattern(pattern, flags);
  if (!result.ok) assert.fail(`${pattern}: ${result.message}`);
  return result.regex;
}

/** The failure's message and the characters of the pattern it points at. */
function failure(pattern: string): { message: string; at: string; start: number } {
  const result = compilePattern(pattern);
  assert.ok(!result.ok, `${pattern} compiled`);
  return { message: result.message, at: pattern.slice(result.start, result.end), start: result.start };
}

describe('compilePattern', () => {
  it('compiles RE2 patterns with groups, classes and inline flags', () => {
    assert.equal(compiled('(\\d{3})-(\\d{4})').groupCount, 2);
    assert.ok(testPattern(compiled('(?i)secret'), 'A SECRET'));
    assert.ok(testPattern(compiled('\\b[A-Z]{2}\\d{6}\\b'), 'id AB123456 here'));
    assert.ok(testPattern(compiled('(?<card>\\d{4})'), '1234'));
  });

  it('applies the flags it is given', () => {
    assert.ok(testPattern(compiled('secret', { ignoreCase: true }), 'SeCrEt'));
    assert.ok(!testPattern(compiled('secret'), 'SeCrEt'));
    assert.ok(testPattern(compiled('^b', { multiline: true }), 'a\nb'));
    assert.ok(testPattern(compiled('a.b', { dotAll: true }), 'a\nb'));
  });

  describe("XM Discover's dialect", () => {
    it('refuses negative lookahead with the reason XM gives, at its characters', () => {
      const { message, at } = failure('foo(?!bar)');
      assert.equal(at, '(?!');
      assert.match(message, /XM Discover does not support negative lookaheads/);
    });

    it('refuses .NET constructs JavaScript lacks, saying so', () => {
      assert.deepEqual([failure('(?>ab)').at, /atomic group/.test(failure('(?>ab)').message)], ['(?>', true]);
      assert.match(failure('(?(x)a|b)').message, /conditional/);
      assert.match(failure('(?<a-b>x)').message, /balancing group/);
      assert.match(failure("(?'a-b'x)").message, /balancing group/);
      assert.match(failure('\\Gx').message, /\\G/);
      assert.equal(failure('[a-z-[aeiou]]').at, '-[');
      assert.match(failure('(?#note)a').message, /inline comment/);
      assert.match(failure('(?n)(a)').message, /n option/);
    });

    it('runs lookbehind, positive lookahead, backreferences and named groups', () => {
      const account = compiled('(?<=account no\\.? ?)\\d+');
      assert.equal(account.engine, 'javascript');
      assert.deepEqual(
        [...matchAll(account, 'account no. 12345 and 678')].map((m) => m.groups[0]),
        ['12345'],
      );
      assert.ok(testPattern(compiled('card(?= \\d{4})'), 'card 1234'));
      assert.ok(!testPattern(compiled('card(?= \\d{4})'), 'card abcd'));
      assert.deepEqual([...matchAll(compiled('\\b(\\w+) \\1\\b'), 'say the the word')].map((m) => m.groups[0]), ['the the']);
      assert.equal(replaceAll(compiled("\\b(?'word'\\w+)-\\k'word'\\b"), 'ab-ab cd-ce', '[$<word>]'), '[ab] cd-ce');
      assert.equal(replaceAll(compiled('(?<d>\\d)\\k<d>'), 'x11y', '<$1>'), 'x<1>y');
      assert.ok(testPattern(compiled('(?<!\\d)\\d{4}'), 'x1234'));
    });

    it('turns leading inline options into flags and keeps RE2 for patterns that need no backtracking', () => {
      assert.ok(testPattern(compiled('(?i)(?<=acct )\\d'), 'ACCT 1'));
      assert.equal(compiled('(?i)[\\w.+-]+@[\\w-]+\\.[\\w.]+').engine, 're2');
      assert.match(failure('a(?<=b)(?i)c').message, /put them at the very start/);
    });

    it('expresses \\A, \\z and \\Z', () => {
      assert.ok(testPattern(compiled('\\Aab'), 'abc'));
      assert.ok(!testPattern(compiled('\\Aab', { multiline: true }), 'x\nab'));
      assert.ok(testPattern(compiled('ab\\z'), 'xab'));
      assert.ok(!testPattern(compiled('ab\\z'), 'ab\n'));
      assert.ok(testPattern(compiled('ab\\Z'), 'ab\n'));
      assert.ok(!testPattern(compiled('ab\\Z'), 'ab\nx'));
    });

    it('refuses a pattern that could backtrack catastrophically, naming an attack string', () => {
      const { message } = failure('(\\d+)\\s+\\1');
      assert.match(message, /backtrack catastrophically/);
      assert.match(message, /attack string is '0'/);
      assert.match(failure('\\d+(?=x)').message, /backtrack catastrophically/);
      assert.match(failure('(?<=a.*)b').message, /bounded length/);
    });

    it('does not mistake escaped or bracketed text for those constructs', () => {
      compiled('\\(?=');
      compiled('[(?=]');
      compiled('\\\\d');
      compiled('[1-9]\\.');
    });
  });

  describe('syntax errors at the offending characters', () => {
    const cases: [string, string, RegExp][] = [
      ['ab(cd', '(', /is never closed/],
      ['ab)cd', ')', /has no matching/],
      ['a(b(c)', '(', /is never closed/],
      ['x[abc', '[', /never closed/],
      ['x[a\\]', '[', /never closed/],
      ['ab**', '**', /repetition of a repetition/],
      ['ok+ then a++', '++', /possessive quantifier/],
      ['*a', '*', /Nothing comes before/],
      ['x{3,2}', '{3,2}', /repeat count/],
      ['x{1001}', '{1001}', /repeat count/],
      ['[a-z][z-a]', 'z-a', /low to high/],
      ['\\q', '\\q', /Unknown escape/],
      ['ab\\', '\\', /lone backslash/],
      ['(?x)a', '(?x)', /x option/],
      ['(?<n>a)(?<n>b)', 'n', /Two groups have this name/],
    ];
    for (const [pattern, at, message] of cases) {
      it(`points at ${JSON.stringify(at)} in ${JSON.stringify(pattern)}`, () => {
        const result = failure(pattern);
        assert.equal(result.at, at);
        assert.match(result.message, message);
      });
    }

    it('picks the copy of the offending text that the engine stopped at', () => {
      assert.equal(failure('[**]a**').start, 5);
      assert.equal(failure('[a-z]x[z-a]').start, 7);
      assert.equal(failure('(?i)(?').start, 4);
      assert.equal(failure('a**b**').start, 1);
      const many = 'a*'.repeat(1500) + '|*';
      const cpu = cpuMs(() => assert.equal(failure(many).start, many.length - 1));
      assert.ok(cpu < 1000, `took ${Math.round(cpu)} ms of CPU`);
      assert.equal(failure('(?<n>a)(?<n>b)').start, 10);
    });
  });

  it('rejects patterns over the size limit', () => {
    const result = compilePattern('a'.repeat(MAX_PATTERN_LENGTH + 1));
    assert.ok(!result.ok);
    assert.match(result.message, /limit is 4000/);
  });

  it('rejects patterns that compile too large', () => {
    const result = compilePattern('(\\pL{1000}){2}'.repeat(10));
    assert.ok(!result.ok);
    assert.match(result.message, /too large once compiled|repeat count/);
  });

  it('never throws on arbitrary patterns and always points inside them', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom(...'ab()[]{}*+?|\\^$.-:<>=!,0123456789dwsPpkQE') }), (pattern) => {
        const result = compilePattern(pattern);
        if (!result.ok) assert.ok(result.start >= 0 && result.start <= result.end && result.end <= pattern.length, JSON.stringify(result));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('matching', () => {
  it('finishes (a+)+$ on a long non-matching input in linear time', () => {
    const regex = compiled('(a+)+$');
    const input = 'a'.repeat(100_000) + 'b';
    const cpu = cpuMs(() => {
      assert.equal(testPattern(regex, input), false);
      assert.equal([...matchAll(regex, input)].length, 0);
    });
    assert.ok(cpu < 3000, `took ${Math.round(cpu)} ms of CPU`);
  });

  it('finishes (x+x+)+y and (.*a){20} on long inputs', () => {
    const cpu = cpuMs(() => {
      assert.equal(testPattern(compiled('(x+x+)+y'), 'x'.repeat(50_000)), false);
      assert.equal(testPattern(compiled('(.*a){20}'), 'a'.repeat(30) + 'b'.repeat(20_000)), true);
    });
    assert.ok(cpu < 3000, `took ${Math.round(cpu)} ms of CPU`);
  });

  it('iterates matches with their offsets and groups, unmatched groups undefined', () => {
    const matches = [...matchAll(compiled('(\\w+)@(\\w+)(!)?'), 'a@b, cc@dd!')];
    assert.deepEqual(matches, [
      { start: 0, end: 3, groups: ['a@b', 'a', 'b', undefined] },
      { start: 5, end: 11, groups: ['cc@dd!', 'cc', 'dd', '!'] },
    ]);
  });

  it('advances past empty matches, including between the halves of an emoji', () => {
    assert.deepEqual([...matchAll(compiled('x*'), 'a😀')].map((m) => m.start), [0, 1, 3]);
  });

  it('gives offsets in UTF-16 units, as JavaScript strings count', () => {
    const [match] = matchAll(compiled('b+'), '😀é bb');
    assert.equal('😀é bb'.slice(match.start, match.end), 'bb');
  });
});

describe('replacing', () => {
  it('replaces every match with group references', () => {
    assert.equal(replaceAll(compiled('(\\d{3})-(\\d{4})'), 'call 555-1234 or 555-9876', '$1-XXXX'), 'call 555-XXXX or 555-XXXX');
    assert.equal(replaceAll(compiled('(?<user>\\w+)@\\w+'), 'ann@x', '$<user>@redacted'), 'ann@redacted');
    assert.equal(replaceAll(compiled('cost'), 'cost', '$$5 ($&)'), '$5 (cost)');
  });

  it('replaces with a function, for masks that depend on the match', () => {
    assert.equal(replaceAllWith(compiled('\\d'), 'pin 1234', (m) => '*'.repeat(m.end - m.start)), 'pin ****');
  });

  it('flags group references the pattern does not have', () => {
    const regex = compiled('(a)(b)');
    assert.deepEqual(
      checkReplacement(regex, '$1 $3 $0 $<x> $$ $&').map((p) => p.message),
      ['$3 refers to group 3, but the pattern has 2 groups.', '$0 is not a group reference; use $& for the whole match.', 'The pattern has no group named "x".'],
    );
    assert.deepEqual(checkReplacement(regex, '[$1]').length, 0);
    const [problem] = checkReplacement(regex, 'x $3');
    assert.deepEqual([problem.start, problem.end], [2, 4]);
  });

  it('reads $12 as group 1 then "2" when there is no group 12, as JavaScript does', () => {
    assert.deepEqual(checkReplacement(compiled('(a)'), '$12'), []);
    assert.equal(replaceAll(compiled('(a)'), 'a', '$12'), 'a2');
  });
});
