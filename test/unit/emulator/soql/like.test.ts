import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileLike } from '../../../../src/emulator/soql/like';

/** The obvious matcher, exponential in the number of `%`: only ever run on short inputs, as the reference. */
function reference(pattern: string, value: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i').test(value);
}

describe('LIKE matching', () => {
  it('agrees with a regular-expression reference on short patterns and values', () => {
    const pattern = fc.array(fc.constantFrom('a', 'B', 'b', '%', '_', '\\%', '\\_', '.'), { maxLength: 8 }).map((parts) => parts.join(''));
    const value = fc.array(fc.constantFrom('a', 'b', 'A', '%', '_', '.'), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(fc.property(pattern, value, (p, v) => compileLike(p)(v) === reference(p, v)), { numRuns: 3000 });
  });

  it('treats escaped wildcards literally and ignores case', () => {
    assert.equal(compileLike('100\\% sure')('100% SURE'), true);
    assert.equal(compileLike('100\\% sure')('100x sure'), false);
    assert.equal(compileLike('a\\_b')('a_b'), true);
    assert.equal(compileLike('a\\_b')('axb'), false);
    assert.equal(compileLike('%')(''), true);
    assert.equal(compileLike('_')(''), false);
  });

  it('answers 50 wildcards against a 100,000-character value without backtracking', () => {
    const value = `${'ab'.repeat(50_000)}`;
    const started = Date.now();
    assert.equal(compileLike(`${'%a'.repeat(50)}%c`)(value), false);
    assert.equal(compileLike(`${'%a_'.repeat(50)}%b`)(value), true);
    assert.equal(compileLike(`${'%_'.repeat(50)}`)(value), true);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });
});
