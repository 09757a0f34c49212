import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { formatPath, keySpan, propertySpan, spanAtPath } from '../../../../src/core/job/locate';

const text = '{ "mapping": { "fields": [ { "source": "A", "type": "txt" } ] }, "name": "n" }';
const root = parseTree(text);

function textOf(span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

describe('locate', () => {
  it('finds the value at a path', () => {
    assert.equal(textOf(spanAtPath(root, ['mapping', 'fields', 0, 'type'])), '"txt"');
  });

  it('points a missing key at the opening brace of the object that should hold it', () => {
    const span = spanAtPath(root, ['mapping', 'fields', 0, 'name']);
    assert.equal(textOf(span), '{');
    assert.equal(span.start, text.indexOf('{ "source"'));
  });

  it('points a key missing from the top level at the first brace of the file', () => {
    assert.deepEqual(spanAtPath(root, ['project']), { start: 0, end: 1 });
  });

  it("gives a key's own name for diagnostics about the key", () => {
    assert.equal(textOf(keySpan(root, [], 'name') ?? { start: 0, end: 0 }), '"name"');
    assert.equal(keySpan(root, [], 'missing'), undefined);
  });

  it('gives a whole property, key through value', () => {
    assert.equal(textOf(propertySpan(root, [], 'name') ?? { start: 0, end: 0 }), '"name": "n"');
  });

  it('formats paths as a user reads them', () => {
    assert.equal(formatPath(['mapping', 'fields', 1, 'type']), 'mapping.fields[1].type');
    assert.equal(formatPath([]), '(the file)');
  });
});
