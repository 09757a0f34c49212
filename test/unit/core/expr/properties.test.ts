import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkExpression, compileExpression, parseExpression, type ExprType } from '../../../../src/core/expr';

const FIELDS = new Map<string, ExprType>([
  ['Status', 'text'],
  ['Amount', 'number'],
  ['Flag', 'boolean'],
  ['Day', 'date'],
  ['At', 'datetime'],
  ['Owner.Name', 'text'],
  ['Any', 'unknown'],
]);

/** Pieces of the language, so generated text is often valid or nearly valid rather than noise. */
const PIECES = [
  'Status', 'Amount', 'Flag', 'Day', 'At', 'Owner.Name', 'Any', 'status', 'Nope', '"x"', '"2024-05-01"', "'y'", '"\\"q\\""', '0', '1', '2.5', 'true', 'false', 'null',
  '=', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '&', 'AND', 'OR', 'NOT', '&&', '||', '!', '(', ')', ',',
  'AND(', 'OR(', 'NOT(', 'IF(', 'ISBLANK(', 'CONTAINS(', 'BEGINS(', 'UPPER(', 'LOWER(', 'TRIM(', 'LEN(', 'ABS(', 'ROUND(', 'TEXT(', 'VALUE(', 'DATEVALUE(', 'TODAY()', 'NOW()', 'FOO(',
];

const nearlyExpressions = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(' '));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), nearlyExpressions);

const jsonValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('2024-05-01', '2024-05-01T10:00:00.000+0000', '2024-02-30', ''),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('Name', 'attributes', '__proto__'), fc.string({ maxLength: 5 })),
);
const records = fc.dictionary(fc.constantFrom('Status', 'Amount', 'Flag', 'Day', 'At', 'Owner', 'Any', 'constructor'), jsonValue);

describe('expression properties', () => {
  it('parses any text without throwing, and every problem lies inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseExpression(text);
        assert.ok(result.ast !== undefined || result.problems.length > 0);
        for (const p of result.problems) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, JSON.stringify(p));
      }),
      { numRuns: 400 },
    );
  });

  it('checks any text against typed fields without throwing', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom<'boolean' | 'any'>('boolean', 'any'), (text, expect) => {
        const result = checkExpression(text, { fields: FIELDS, expect });
        for (const p of result.problems) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, JSON.stringify(p));
        if (result.problems.length === 0) assert.ok(result.type !== undefined);
      }),
      { numRuns: 400 },
    );
  });

  it('evaluates whatever compiles on any record without throwing, giving a value of the language', () => {
    const compiledCount = { value: 0 };
    fc.assert(
      fc.property(nearlyExpressions, fc.array(records, { minLength: 1, maxLength: 5 }), (text, recordList) => {
        const compiled = compileExpression(text, { fields: FIELDS });
        if (!compiled.ok) return;
        compiledCount.value++;
        for (const record of recordList) {
          const value = compiled.evaluate(record, { now: new Date('2026-01-01T00:00:00Z') });
          const kind = value === null ? 'null' : value instanceof Date ? 'date' : typeof value;
          assert.ok(['null', 'date', 'string', 'number', 'boolean'].includes(kind), kind);
          if (typeof value === 'number') assert.ok(Number.isFinite(value), `${text} gave ${value}`);
          // Fields of unknown type (Any) can put any kind of value into a boolean-typed IF.
          if (compiled.type === 'boolean' && !text.includes('Any')) {
            assert.ok(value === null || typeof value === 'boolean', `${text} is boolean but gave ${String(value)}`);
          }
        }
      }),
      { numRuns: 1500 },
    );
    // The generator must reach the evaluator, or this property tests nothing.
    assert.ok(compiledCount.value > 20, `only ${compiledCount.value} expressions compiled`);
  });

  it('gives true/false or null for boolean expressions over typed fields, whatever the record holds', () => {
    for (const text of ['Flag', 'NOT Flag', 'IF(Flag, Flag, false)', 'Amount > 1', 'ISBLANK(Status)']) {
      const compiled = compileExpression(text, { fields: FIELDS });
      assert.ok(compiled.ok && compiled.type === 'boolean');
      for (const raw of ['yes', 1, {}, [true], null, true]) {
        const value = compiled.evaluate({ Flag: raw, Amount: raw, Status: raw }, { now: new Date() });
        assert.ok(value === null || typeof value === 'boolean', `${text} on ${JSON.stringify(raw)} gave ${String(value)}`);
      }
    }
  });

  it('treats a constant expression the same whatever the record', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), records, (a, b, record) => {
        const compiled = compileExpression(`${a} + ${b} * 2 > ${a}`, {});
        assert.ok(compiled.ok);
        assert.equal(compiled.evaluate(record, { now: new Date() }), a + b * 2 > a);
      }),
      { numRuns: 100 },
    );
  });
});
