import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePattern, maskingEngine, maskMatches, matchAll, type SafeRegex } from '../../../src/core/regex';
import { TEXTS_BEFORE_ANALYSIS, translateToJavaScript } from '../../../src/core/regex-native';

const NO_FLAGS = { ignoreCase: false, multiline: false, dotAll: false };

function compiled(pattern: string, flags = {}): SafeRegex {
  const result = compilePattern(pattern, flags);
  if (!result.ok) assert.fail(`${pattern}: ${result.message}`);
  return result.regex;
}

/** Match spans as re2js finds them. */
function re2Spans(pattern: string, text: string, flags = {}): [number, number][] {
  return [...matchAll(compiled(pattern, flags), text)].map((match) => [match.start, match.end]);
}

/** Match spans of the JavaScript translation, advancing past empty matches as matchAll does. */
function jsSpans(pattern: string, text: string, flags = NO_FLAGS): [number, number][] | undefined {
  const translated = translateToJavaScript(pattern, flags);
  if (!translated) return undefined;
  const regex = new RegExp(translated.source, `${translated.flags}g`);
  const spans: [number, number][] = [];
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const end = match.index + match[0].length;
    spans.push([match.index, end]);
    if (end === match.index) {
      const code = text.charCodeAt(end);
      regex.lastIndex = end + (code >= 0xd800 && code <= 0xdbff && end + 1 < text.length ? 2 : 1);
      if (regex.lastIndex > text.length) break;
    }
  }
  return spans;
}

describe('patterns run in V8 for masking', () => {
  it('translates only what both engines read alike', () => {
    assert.deepEqual(translateToJavaScript('\\s+\\S', NO_FLAGS), { source: '[\\t\\n\\f\\r ]+[^\\t\\n\\f\\r ]', flags: 'u' });
    assert.deepEqual(translateToJavaScript('a.b', NO_FLAGS), { source: 'a[^\\n]b', flags: 'u' });
    assert.deepEqual(translateToJavaScript('(?i)secret', NO_FLAGS), { source: 'secret', flags: 'ui' });
    assert.equal(translateToJavaScript('\\pL+', NO_FLAGS), undefined);
    assert.equal(translateToJavaScript('[[:alpha:]]', NO_FLAGS), undefined);
    assert.equal(translateToJavaScript('(?i)\\w+', NO_FLAGS), undefined, 'case folding widens \\w in JavaScript');
    assert.equal(translateToJavaScript('^a', { ...NO_FLAGS, multiline: true }), undefined, 'line ends differ under m');
    assert.equal(translateToJavaScript('a(?i)b', NO_FLAGS), undefined);
    assert.equal(translateToJavaScript('\\Qa.b\\E', NO_FLAGS), undefined);
  });

  it('finds the same spans as re2js on any text', () => {
    const patterns = ['\\s+', '\\S+', 'a.b', '(?s)a.b', '(?i)k+', '(?i)[a-z]+', '[^a]+', '\\d{2,3}', '[\\w.+-]+@[\\w-]+', '\\bab\\b', 'x*', '.', '[]a]+', 'a{,2}', '\\.\\-', '(?i)ss', 'é+', '[^\\s]+'];
    const alphabet = ['a', 'b', 'A', 'k', 'K', '\u212a', 's', 'S', '\u017f', 'x', '\n', '\r', '\u2028', ' ', '\u00a0', '\v', '\t', '1', '2', '@', '.', '-', '{', ',', '}', ']', '\u{1f600}', 'é', 'É', '_', 'ß'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((parts) => parts.join(''));
    for (const pattern of patterns) {
      assert.ok(translateToJavaScript(pattern, NO_FLAGS), `${pattern} has a translation`);
      fc.assert(
        fc.property(text, (sample) => {
          assert.deepEqual(jsSpans(pattern, sample), re2Spans(pattern, sample), `${pattern} on ${JSON.stringify(sample)}`);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('masks as re2js does once a pattern is proven, and keeps re2js for long texts when it is only polynomial', function () {
    this.timeout(60_000);
    const pattern = compiled('\\d+x');
    const samples = ['12x 3x', 'no digits', 'x', '1111', '9x9x9x'];
    const before = samples.map((sample) => maskMatches(pattern, sample, '#'));
    assert.equal(maskingEngine(pattern, 10), 're2');
    for (let i = 0; i < TEXTS_BEFORE_ANALYSIS; i++) maskMatches(pattern, '1x', '#');
    assert.equal(maskingEngine(pattern, 10), 'v8', '\\d+x is quadratic at worst, fine on a short text');
    const long = `${'1'.repeat(50_000)}x`;
    assert.equal(maskingEngine(pattern, long.length), 're2', 'a long text could cost a quadratic search');
    assert.deepEqual(samples.map((sample) => maskMatches(pattern, sample, '#')), before);
    assert.deepEqual(before.map((result) => result.count), [2, 0, 0, 0, 3]);
    assert.deepEqual(maskMatches(pattern, long, '#'), { text: '#', count: 1 });
  });

  it('never runs an exponential pattern in V8', function () {
    this.timeout(60_000);
    const pattern = compiled('(a|a)*b');
    for (let i = 0; i < TEXTS_BEFORE_ANALYSIS; i++) maskMatches(pattern, 'ab', '#');
    assert.equal(maskingEngine(pattern, 10), 're2');
    assert.deepEqual(maskMatches(pattern, `${'a'.repeat(40)}c`, '#'), { text: `${'a'.repeat(40)}c`, count: 0 });
  });
});
