import * as assert from 'node:assert/strict';
import { compileExpression, explainExpression } from '../../../../src/core/expr';
import { expressionTargets, parseTypedValue, testExpression } from '../../../../src/core/expression-tester';

const NOW = { now: new Date('2026-11-25T08:00:00.000Z') };

describe('explaining an expression', () => {
  it('gives the value of every comparison, call and field, agreeing with the compiled expression', () => {
    const text = 'Score >= 5 AND NOT ISBLANK(Comment) OR Status = "Escalated"';
    const record = { Score: 3, Comment: 'hi', Status: 'Open' };
    const explained = explainExpression(text, record, NOW);
    assert.ok(explained.ok);
    const compiled = compileExpression(text);
    assert.ok(compiled.ok);
    assert.equal(explained.value, compiled.evaluate(record, NOW));
    const byText = new Map(explained.parts.map((part) => [part.text, part.value]));
    assert.equal(byText.get('Score >= 5'), false);
    assert.equal(byText.get('ISBLANK(Comment)'), false);
    assert.equal(byText.get('NOT ISBLANK(Comment)'), true);
    assert.equal(byText.get('Status = "Escalated"'), false);
    assert.equal(byText.get('Score'), 3);
    assert.ok(!byText.has('5'), 'constants are not listed');
  });

  it('returns the problems of an expression that does not check', () => {
    const explained = explainExpression('Score >= ', {}, NOW);
    assert.ok(!explained.ok);
    assert.ok(explained.problems.length > 0);
  });
});

describe('testing a job expression', () => {
  const job = {
    filter: 'Amount > 100 AND Owner.Name = "Ann"',
    filterAction: 'exclude',
    mapping: { fields: [{ source: 'Status', name: 'state', type: 'text', transform: { expression: 'LOWER(VALUE) & "!"' } }, { source: 'x', type: 'skip' }] },
  };

  it('lists the filter and the expression of mapped fields', () => {
    assert.deepEqual(expressionTargets(job).map((target) => [target.label, target.isTransform]), [['filter', false], ['state', true]]);
    assert.deepEqual(expressionTargets({ filter: 3, mapping: { fields: [null, { source: { expression: 7 } }] } }), []);
  });

  it('reads typed values as JSON and the rest as text', () => {
    assert.equal(parseTypedValue('12'), 12);
    assert.equal(parseTypedValue('"12"'), '12');
    assert.equal(parseTypedValue('true'), true);
    assert.equal(parseTypedValue('null'), null);
    assert.equal(parseTypedValue('Closed'), 'Closed');
  });

  it('uses given values first, the sample record for the rest, and follows relationship paths', () => {
    const [filter] = expressionTargets(job);
    const test = testExpression(filter, { Amount: 250 }, { Amount: 5, Owner: { Name: 'Ann' } }, NOW.now, 'exclude');
    assert.ok(test.ok);
    assert.equal(test.value, true);
    assert.equal(test.outcome, 'dropped');
    assert.deepEqual(test.inputs, [
      { field: 'Amount', value: 250, from: 'given' },
      { field: 'Owner.Name', value: 'Ann', from: 'sample' },
    ]);
    const overridden = testExpression(filter, { 'Owner.Name': 'Bob', Amount: 250 }, { Owner: { Name: 'Ann' } }, NOW.now, 'exclude');
    assert.ok(overridden.ok);
    assert.equal(overridden.value, false);
    assert.equal(overridden.outcome, 'kept');
  });

  it("feeds a transform's VALUE from its source field", () => {
    const transform = expressionTargets(job)[1];
    const test = testExpression(transform, { Status: 'OPEN' }, { Status: 'Closed' }, NOW.now);
    assert.ok(test.ok);
    assert.equal(test.value, 'open!');
  });
});
