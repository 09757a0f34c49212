import * as assert from 'node:assert/strict';
import { compileExpression, isTrue, type ExprType, type ExprValue } from '../../../../src/core/expr';

const FIELDS = new Map<string, ExprType>([
  ['Status', 'text'],
  ['Amount', 'number'],
  ['IsEscalated', 'boolean'],
  ['CloseDate', 'date'],
  ['CreatedDate', 'datetime'],
  ['Owner.Name', 'text'],
  ['Custom__c', 'unknown'],
]);

const NOW = new Date('2026-11-25T08:15:00.000Z');

/** `anyField` compiles without a field list, as the runner does when the query is not known. */
function evaluate(text: string, record: Record<string, unknown> = {}, fields: ReadonlyMap<string, ExprType> | 'anyField' = FIELDS): ExprValue {
  const compiled = compileExpression(text, fields === 'anyField' ? {} : { fields });
  if (!compiled.ok) assert.fail(`${text}: ${compiled.problems.map((p) => p.message).join('; ')}`);
  return compiled.evaluate(record, { now: NOW });
}

const CASE = {
  attributes: { type: 'Case', url: '/services/data/v62.0/sobjects/Case/500' },
  Status: 'Closed',
  Amount: 120.5,
  IsEscalated: false,
  CloseDate: '2024-05-01',
  CreatedDate: '2024-04-30T22:15:00.000+0000',
  Owner: { attributes: { type: 'User' }, Name: 'Royalle G' },
  Custom__c: null,
};

describe('compileExpression', () => {
  it('refuses to compile an expression with problems and returns them', () => {
    const compiled = compileExpression('Statuss = 1', { fields: FIELDS });
    assert.equal(compiled.ok, false);
    assert.ok(!compiled.ok && compiled.problems[0].message.includes('Unknown field "Statuss"'));
  });

  it('reports the static type of what it compiled', () => {
    const compiled = compileExpression('Amount * 2', { fields: FIELDS });
    assert.ok(compiled.ok);
    assert.equal(compiled.type, 'number');
  });

  describe('fields', () => {
    it('reads fields and nested relationship fields of Salesforce records', () => {
      assert.equal(evaluate('Status', CASE), 'Closed');
      assert.equal(evaluate('Owner.Name', CASE), 'Royalle G');
    });

    it('gives null for a null lookup, a missing key and a record flattened with dotted keys', () => {
      assert.equal(evaluate('Owner.Name', { Owner: null }), null);
      assert.equal(evaluate('Owner.Name', {}), null);
      assert.equal(evaluate('Owner.Name', { 'Owner.Name': 'Flat' }), 'Flat');
    });

    it('reads date and date-time fields from the text Salesforce sends', () => {
      const created = evaluate('CreatedDate', CASE);
      assert.ok(created instanceof Date);
      assert.equal(created.toISOString(), '2024-04-30T22:15:00.000Z');
      assert.equal((evaluate('CloseDate', CASE) as Date).toISOString(), '2024-05-01T00:00:00.000Z');
    });

    it('never reaches the prototype through a field name', () => {
      assert.equal(evaluate('constructor', {}, 'anyField'), null);
      assert.equal(evaluate('Owner.constructor', { Owner: {} }, 'anyField'), null);
      assert.equal(evaluate('toString', {}, 'anyField'), null);
    });

    it('treats objects and arrays where a value is expected as null', () => {
      assert.equal(evaluate('Owner', CASE, 'anyField'), null);
      assert.equal(evaluate('List__c', { List__c: [1, 2] }, 'anyField'), null);
    });
  });

  describe('comparison', () => {
    it('compares text case-sensitively', () => {
      assert.equal(evaluate('Status = "Closed"', CASE), true);
      assert.equal(evaluate('Status = "closed"', CASE), false);
      assert.equal(evaluate('Status != "closed"', CASE), true);
      assert.equal(evaluate('Status < "Open"', CASE), true);
    });

    it('compares numbers', () => {
      assert.equal(evaluate('Amount > 100', CASE), true);
      assert.equal(evaluate('Amount <= 120.5', CASE), true);
      assert.equal(evaluate('Amount >= 121', CASE), false);
    });

    it('compares dates and date-times with date text as instants', () => {
      assert.equal(evaluate('CloseDate = "2024-05-01"', CASE), true);
      assert.equal(evaluate('CreatedDate < "2024-05-01"', CASE), true);
      assert.equal(evaluate('CreatedDate = "2024-05-01T00:15:00+02:00"', CASE), true);
      assert.equal(evaluate('CreatedDate >= CloseDate', CASE), false);
    });

    it('compares date text in fields of unknown type as instants too', () => {
      assert.equal(evaluate('Custom__c > "2024-01-01"', { Custom__c: '2024-04-30T22:15:00.000+0000' }), true);
      assert.equal(evaluate('Custom__c = "2024-04-30T22:15:00Z"', { Custom__c: '2024-04-30T22:15:00.000+0000' }), true);
    });

    it('treats two blanks as equal and a blank as different from any value', () => {
      assert.equal(evaluate('Custom__c = null', CASE), true);
      assert.equal(evaluate('Status = null', CASE), false);
      assert.equal(evaluate('Custom__c != "x"', CASE), true);
    });

    it('gives false, not an error, for ordering with a blank or values of different kinds', () => {
      assert.equal(evaluate('Custom__c > 1', CASE), false);
      assert.equal(evaluate('Custom__c <= 1', CASE), false);
      assert.equal(evaluate('Custom__c = 1', { Custom__c: '1' }), false);
    });
  });

  describe('logic', () => {
    it('evaluates AND, OR and NOT in both notations', () => {
      assert.equal(evaluate('Status = "Closed" AND NOT IsEscalated', CASE), true);
      assert.equal(evaluate('AND(Status = "Closed", IsEscalated)', CASE), false);
      assert.equal(evaluate('OR(IsEscalated, Amount > 100)', CASE), true);
      assert.equal(evaluate('IsEscalated || !IsEscalated', CASE), true);
    });

    it('treats a blank condition as not true', () => {
      assert.equal(evaluate('Custom__c AND true', CASE), false);
      assert.equal(evaluate('NOT Custom__c', CASE), true);
      assert.equal(evaluate('IF(Custom__c, "y", "n")', CASE), 'n');
      assert.equal(isTrue(null), false);
      assert.equal(isTrue(true), true);
    });

    it('short-circuits, so the branch not taken is not evaluated', () => {
      assert.equal(evaluate('IF(Amount > 100, "big", 1 / 0 & "")', CASE), 'big');
      assert.equal(evaluate('OR(true, Custom__c > 1)', CASE), true);
    });
  });

  describe('arithmetic', () => {
    it('adds, subtracts, multiplies and divides', () => {
      assert.equal(evaluate('Amount * 2 - 1', CASE), 240);
      assert.equal(evaluate('(Amount + 0.5) / 11', CASE), 11);
      assert.equal(evaluate('-Amount', CASE), -120.5);
    });

    it('gives null for division by zero instead of Infinity', () => {
      assert.equal(evaluate('Amount / 0', CASE), null);
      assert.equal(evaluate('0 / 0', CASE), null);
    });

    it('propagates null through arithmetic', () => {
      assert.equal(evaluate('Custom__c + 1', CASE), null);
      assert.equal(evaluate('-Custom__c', CASE), null);
    });

    it('adds days to dates and subtracts dates to days', () => {
      assert.equal((evaluate('CloseDate + 30', CASE) as Date).toISOString(), '2024-05-31T00:00:00.000Z');
      assert.equal(evaluate('TODAY() - CloseDate', CASE), 938);
      assert.equal(evaluate('CloseDate - DATEVALUE(CreatedDate)', CASE), 1);
      assert.equal((evaluate('CreatedDate - 0.5', CASE) as Date).toISOString(), '2024-04-30T10:15:00.000Z');
    });

    it('counts days between a date and date text', () => {
      assert.equal(evaluate('CloseDate - "2024-04-01"', CASE), 30);
      assert.equal(evaluate('"2024-05-02T12:00:00Z" - CloseDate', CASE), 1.5);
    });

    it('treats date text in fields of unknown type as dates in date arithmetic', () => {
      assert.equal((evaluate('Custom__c + 1', { Custom__c: '2024-02-28' }) as Date).toISOString(), '2024-02-29T00:00:00.000Z');
    });
  });

  describe('text', () => {
    it('joins with &, writing numbers, booleans and dates as text and blanks as nothing', () => {
      assert.equal(evaluate('Status & "/" & Amount & "/" & IsEscalated & "/" & CloseDate & "/" & Custom__c', CASE), 'Closed/120.5/false/2024-05-01/');
      assert.equal(evaluate('"at " & CreatedDate', CASE), 'at 2024-04-30T22:15:00.000Z');
    });

    it('evaluates the text functions', () => {
      assert.equal(evaluate('UPPER(Status) & LOWER("AB") & TRIM("  x  ")', CASE), 'CLOSEDabx');
      assert.equal(evaluate('LEN(Owner.Name)', CASE), 9);
      assert.equal(evaluate('CONTAINS(Owner.Name, "G")', CASE), true);
      assert.equal(evaluate('CONTAINS(Owner.Name, "g")', CASE), false);
      assert.equal(evaluate('BEGINS(Status, "Clo")', CASE), true);
      assert.equal(evaluate('BEGINS(Status, "clo")', CASE), false);
    });

    it('propagates blanks through text functions, with LEN of a blank 0 and CONTAINS false', () => {
      assert.equal(evaluate('UPPER(Custom__c)', CASE), null);
      assert.equal(evaluate('LEN(Custom__c)', CASE), 0);
      assert.equal(evaluate('CONTAINS(Custom__c, "x")', CASE), false);
      assert.equal(evaluate('BEGINS(Custom__c, "")', CASE), false);
    });

    it('tests blanks with ISBLANK: null, a missing field and empty text', () => {
      assert.equal(evaluate('ISBLANK(Custom__c)', CASE), true);
      assert.equal(evaluate('ISBLANK(Missing__c)', CASE, 'anyField'), true);
      assert.equal(evaluate('ISBLANK(Status)', { Status: '' }), true);
      assert.equal(evaluate('ISBLANK(Status)', CASE), false);
      assert.equal(evaluate('ISBLANK(Amount)', { Amount: 0 }), false);
    });
  });

  describe('conversions and numbers', () => {
    it('converts with TEXT and VALUE', () => {
      assert.equal(evaluate('TEXT(Amount)', CASE), '120.5');
      assert.equal(evaluate('TEXT(CloseDate)', CASE), '2024-05-01');
      assert.equal(evaluate('TEXT(CreatedDate)', CASE), '2024-04-30T22:15:00.000Z');
      assert.equal(evaluate('TEXT(IsEscalated)', CASE), 'false');
      assert.equal(evaluate('VALUE(" 12.5 ")', CASE), 12.5);
      assert.equal(evaluate('VALUE("1e3")', CASE), 1000);
      assert.equal(evaluate('VALUE("12 apples")', CASE), null);
    });

    it('reads dates with DATEVALUE, blank when the text is not a date', () => {
      assert.equal((evaluate('DATEVALUE(CreatedDate)', CASE) as Date).toISOString(), '2024-04-30T00:00:00.000Z');
      assert.equal((evaluate('DATEVALUE("2024-02-29")', CASE) as Date).toISOString(), '2024-02-29T00:00:00.000Z');
      assert.equal(evaluate('DATEVALUE(Custom__c)', { Custom__c: '2023-02-29' }), null);
      assert.equal(evaluate('DATEVALUE(Custom__c)', { Custom__c: 'soon' }), null);
    });

    it('rounds half away from zero, to decimals or tens', () => {
      assert.equal(evaluate('ROUND(2.5)', CASE), 3);
      assert.equal(evaluate('ROUND(-2.5)', CASE), -3);
      assert.equal(evaluate('ROUND(1.005, 2)', CASE), 1.01);
      assert.equal(evaluate('ROUND(1234, -2)', CASE), 1200);
      assert.equal(evaluate('ABS(Custom__c)', { Custom__c: '-3' }), null);
      assert.equal(evaluate('ABS(-3)', CASE), 3);
    });

    it('reads TODAY and NOW from the run clock it is given', () => {
      assert.equal((evaluate('TODAY()', CASE) as Date).toISOString(), '2026-11-25T00:00:00.000Z');
      assert.equal((evaluate('NOW()', CASE) as Date).toISOString(), NOW.toISOString());
    });
  });

  describe('robustness', () => {
    it('gives a value for records that are not what the expression expects', () => {
      const compiled = compileExpression('UPPER(Status) & Amount * 2 & DATEVALUE(CreatedDate)', { fields: FIELDS });
      assert.ok(compiled.ok);
      const odd = [{}, { Status: 5, Amount: 'many', CreatedDate: 17 }, { Status: { nested: true }, Amount: null, CreatedDate: 'never' }];
      for (const record of odd) assert.equal(typeof compiled.evaluate(record, { now: NOW }), 'string');
    });

    it('evaluates with an invalid clock without throwing', () => {
      const compiled = compileExpression('TODAY() & NOW()', {});
      assert.ok(compiled.ok);
      assert.equal(compiled.evaluate({}, { now: new Date(Number.NaN) }), '');
    });

    it('evaluates a hundred thousand records quickly once compiled', () => {
      const compiled = compileExpression('Status = "Closed" AND Amount > 100 AND CONTAINS(Owner.Name, "G")', { fields: FIELDS });
      assert.ok(compiled.ok);
      const started = process.hrtime.bigint();
      let matched = 0;
      for (let i = 0; i < 100_000; i++) if (compiled.evaluate(CASE, { now: NOW }) === true) matched++;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.equal(matched, 100_000);
      assert.ok(ms < 2000, `took ${ms} ms`);
    });
  });
});
