import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../src/core/text';

describe('LineIndex', () => {
  it('maps offsets to 0-based line and character across \\n and \\r\\n line ends', () => {
    const index = new LineIndex('ab\ncd\r\nef');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
    assert.equal(index.offsetAt({ line: 2, character: 1 }), 8);
  });

  it('clamps offsets past the end of the text to the last position', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
  });
});
