import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../../src/core/job/parse';
import { LineIndex } from '../../../../src/core/text';

function parse(text: string) {
  return parseDocument(text, new LineIndex(text));
}

describe('parseDocument', () => {
  it('accepts comments and trailing commas, as VS Code settings do', () => {
    const parsed = parse('{\n  // why\n  "name": "x", /* note */\n  "list": [1, 2,],\n}');
    assert.deepEqual(parsed.syntaxErrors, []);
    assert.deepEqual(JSON.parse(JSON.stringify(parsed.value)), { name: 'x', list: [1, 2] });
  });

  it('reports a missing comma at the token that should have been preceded by one', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    const [error] = parse(text).syntaxErrors;
    assert.equal(error.code, 'json-syntax');
    assert.deepEqual(error.range.start, { line: 2, character: 2 });
    assert.match(error.message, /","/);
  });

  it('reports an unclosed string on its line with advice', () => {
    const errors = parse('{"a": "oops\n}').syntaxErrors;
    assert.ok(errors.some((e) => /not closed/.test(e.message) && e.range.start.line === 0));
  });

  it('reports an empty file as a json-syntax error rather than returning nothing', () => {
    const parsed = parse('  // only a comment\n');
    assert.equal(parsed.root, undefined);
    assert.equal(parsed.syntaxErrors[0]?.code, 'json-syntax');
  });

  it('keeps the tree of a valid document with offsets', () => {
    const parsed = parse('{"a": "b"}');
    assert.equal(parsed.root?.type, 'object');
    assert.equal(parsed.root?.children?.[0].children?.[1].offset, 6);
  });
});
