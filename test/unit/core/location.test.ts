import * as assert from 'node:assert/strict';
import { formatLocation, lineAndColumn, oneBased, oneBasedRange } from '../../../src/core/location';
import { LineIndex } from '../../../src/core/text';

describe('locations for people (1-based)', () => {
  it('prints the first character of a file as line 1, column 1', () => {
    assert.equal(formatLocation('jobs/a.sfjob.json', { line: 0, character: 0 }), 'jobs/a.sfjob.json:1:1');
  });

  it('adds one to both the line and the column of a 0-based position', () => {
    assert.deepEqual(oneBased({ line: 4, character: 17 }), { line: 5, column: 18 });
    assert.deepEqual(oneBasedRange({ start: { line: 2, character: 0 }, end: { line: 3, character: 9 } }), { start: { line: 3, column: 1 }, end: { line: 4, column: 10 } });
  });

  it('finds the line and column of an offset as the 0-based line index does, plus one', () => {
    const text = 'first\nsecond line\n\n  fourth';
    const lines = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(lineAndColumn(text, offset), oneBased(lines.positionAt(offset)), `offset ${offset}`);
    }
  });

  it('keeps an offset past either end of the text inside it', () => {
    assert.deepEqual(lineAndColumn('ab\ncd', 99), { line: 2, column: 3 });
    assert.deepEqual(lineAndColumn('ab', -4), { line: 1, column: 1 });
  });
});
