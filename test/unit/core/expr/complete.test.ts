import * as assert from 'node:assert/strict';
import { expressionCompletions } from '../../../../src/core/expr';

const FIELDS = ['Status', 'Subject', 'Owner.Name', 'CreatedDate'];

function labels(text: string, offset = text.length): string[] {
  return expressionCompletions(text, offset, FIELDS).items.map((i) => i.label);
}

describe('expressionCompletions', () => {
  it('offers fields, functions and keywords starting with the word typed, ignoring case', () => {
    assert.deepEqual(labels('s'), ['Status', 'Subject']);
    assert.deepEqual(labels('Status = "x" AND up'), ['UPPER']);
    assert.deepEqual(labels('Status = "x" an'), ['AND']);
    assert.deepEqual(labels('ow'), ['Owner.Name']);
  });

  it('offers everything at an empty position', () => {
    const all = labels('');
    assert.ok(all.includes('Status') && all.includes('IF') && all.includes('NOT') && all.includes('TODAY'));
  });

  it('replaces the whole word around the cursor', () => {
    const result = expressionCompletions('UPPER(Sta) = "X"', 8, FIELDS);
    assert.deepEqual([result.start, result.end], [6, 9]);
    assert.deepEqual(result.items.map((i) => i.label), ['Status']);
  });

  it('inserts functions with their parentheses and describes them', () => {
    const [today] = expressionCompletions('TOD', 3, FIELDS).items;
    assert.deepEqual(today, { label: 'TODAY', kind: 'function', insertText: 'TODAY()', detail: 'TODAY()', documentation: "Today's date (UTC) at the time of the run." });
    assert.equal(expressionCompletions('CONT', 4).items[0].insertText, 'CONTAINS(');
  });

  it('offers nothing inside quoted text', () => {
    assert.deepEqual(labels('Status = "Sta'), []);
    assert.deepEqual(labels('Status = "a \\" Sta'), []);
    assert.deepEqual(labels('Status = "x" AND St'), ['Status']);
    assert.deepEqual(labels('Status = "a\\\\" AND St'), ['Status']);
  });
});
