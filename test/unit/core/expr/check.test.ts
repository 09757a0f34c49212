import * as assert from 'node:assert/strict';
import { checkExpression, exprTypeOfSalesforceType, type ExprType } from '../../../../src/core/expr';

const FIELDS = new Map<string, ExprType>([
  ['Status', 'text'],
  ['Subject', 'text'],
  ['Amount', 'number'],
  ['IsEscalated', 'boolean'],
  ['CloseDate', 'date'],
  ['CreatedDate', 'datetime'],
  ['Owner.Name', 'text'],
  ['Custom__c', 'unknown'],
]);

function problems(text: string, expect: 'boolean' | 'any' = 'any'): { message: string; span: string; suggestion?: string }[] {
  return checkExpression(text, { fields: FIELDS, expect }).problems.map((p) => ({
    message: p.message,
    span: text.slice(p.start, p.end),
    ...(p.suggestion !== undefined ? { suggestion: p.suggestion } : {}),
  }));
}

function typeOf(text: string): ExprType | undefined {
  const result = checkExpression(text, { fields: FIELDS });
  assert.deepEqual(result.problems, []);
  return result.type;
}

describe('checkExpression', () => {
  describe('types', () => {
    it('infers the type of literals, fields and operators', () => {
      assert.equal(typeOf('"x"'), 'text');
      assert.equal(typeOf('Amount * 2'), 'number');
      assert.equal(typeOf('Status = "Closed"'), 'boolean');
      assert.equal(typeOf('Status & Amount'), 'text');
      assert.equal(typeOf('Owner.Name'), 'text');
      assert.equal(typeOf('Custom__c'), 'unknown');
    });

    it('types date arithmetic: date + days is a date, date - date is a number of days', () => {
      assert.equal(typeOf('CloseDate + 7'), 'date');
      assert.equal(typeOf('CreatedDate - 1'), 'datetime');
      assert.equal(typeOf('TODAY() - CloseDate'), 'number');
      assert.equal(typeOf('NOW() - CreatedDate'), 'number');
    });

    it('gives functions their result types', () => {
      assert.equal(typeOf('LEN(Status)'), 'number');
      assert.equal(typeOf('TEXT(Amount)'), 'text');
      assert.equal(typeOf('VALUE("12")'), 'number');
      assert.equal(typeOf('DATEVALUE(CreatedDate)'), 'date');
      assert.equal(typeOf('TODAY()'), 'date');
      assert.equal(typeOf('NOW()'), 'datetime');
      assert.equal(typeOf('IF(IsEscalated, "high", Status)'), 'text');
      assert.equal(typeOf('IF(IsEscalated, CloseDate, CreatedDate)'), 'datetime');
      assert.equal(typeOf('IF(IsEscalated, null, Amount)'), 'number');
    });

    it('types date arithmetic with an untyped field as unknown, without complaint', () => {
      assert.equal(typeOf('Custom__c - CloseDate'), 'unknown');
      assert.equal(typeOf('CloseDate - Custom__c'), 'unknown');
      assert.equal(typeOf('CloseDate + Custom__c'), 'date');
      assert.deepEqual(problems('5 - CloseDate').map((p) => p.span), ['CloseDate']);
    });

    it('reads date text beside a date in date arithmetic', () => {
      assert.equal(typeOf('CloseDate - "2024-01-01"'), 'number');
      assert.equal(typeOf('"2024-01-01T00:00:00Z" - CreatedDate'), 'number');
      assert.deepEqual(problems('CloseDate - "soon"').map((p) => p.span), ['"soon"']);
    });

    it('accepts text that holds a date where a date is compared', () => {
      assert.deepEqual(problems('CloseDate >= "2024-05-01" AND CreatedDate < "2024-05-01T10:00:00Z"'), []);
      assert.deepEqual(problems('DATEVALUE("2024-02-29") = CloseDate'), []);
    });

    it('accepts fields of unknown type anywhere', () => {
      assert.deepEqual(problems('Custom__c + 1 > 2 AND CONTAINS(Custom__c, "x") AND Custom__c'), []);
    });
  });

  describe('fields', () => {
    it('reports a field the query does not select, with a close match', () => {
      assert.deepEqual(problems('Statuss = "x"'), [
        { message: 'Unknown field "Statuss": the query does not select it. Did you mean "Status"? Add it to the SELECT list or fix the name.', span: 'Statuss', suggestion: 'Status' },
      ]);
    });

    it('reports a field with no close match without guessing', () => {
      const [problem] = problems('Priority = "High"');
      assert.equal(problem.span, 'Priority');
      assert.equal(problem.suggestion, undefined);
      assert.match(problem.message, /Unknown field "Priority"/);
    });

    it('reports a field written in the wrong case with its exact spelling, because record keys are case-sensitive', () => {
      assert.deepEqual(problems('status = "x" AND owner.name = "y"'), [
        { message: 'Field "status" is spelled "Status" in the records; field names in expressions are case-sensitive.', span: 'status', suggestion: 'Status' },
        { message: 'Field "owner.name" is spelled "Owner.Name" in the records; field names in expressions are case-sensitive.', span: 'owner.name', suggestion: 'Owner.Name' },
      ]);
    });

    it('tells a function written without parentheses from a field', () => {
      assert.deepEqual(problems('CloseDate < TODAY'), [
        { message: 'TODAY is a function: write TODAY(…) with parentheses.', span: 'TODAY', suggestion: 'TODAY()' },
      ]);
    });

    it('accepts a plain list of field names, with unknown types', () => {
      const result = checkExpression('Status = "x" AND Amount > 1', { fields: ['Status', 'Amount'], expect: 'boolean' });
      assert.deepEqual(result.problems, []);
      assert.equal(result.type, 'boolean');
    });

    it('accepts any field when no fields are given', () => {
      assert.deepEqual(checkExpression('Anything__c = 1', {}).problems, []);
    });
  });

  describe('functions', () => {
    it('reports an unknown function at its name with the closest function', () => {
      assert.deepEqual(problems('CONTIANS(Status, "x")'), [{ message: 'Unknown function CONTIANS; did you mean CONTAINS?', span: 'CONTIANS', suggestion: 'CONTAINS' }]);
    });

    it('lists the functions when nothing is close', () => {
      const [problem] = problems('FOO(1)');
      assert.match(problem.message, /^Unknown function FOO\. The functions are AND, OR, NOT, IF/);
      assert.equal(problem.span, 'FOO');
    });

    it('reports wrong arity on the whole call with the signature', () => {
      assert.deepEqual(problems('IF(IsEscalated, 1)'), [
        { message: 'IF takes 3 arguments but was given 2: IF(condition, value if true, value if false).', span: 'IF(IsEscalated, 1)' },
      ]);
      assert.match(problems('TODAY(1)')[0].message, /TODAY takes 0 arguments but was given 1/);
      assert.match(problems('ROUND()')[0].message, /ROUND takes 1 to 2 arguments/);
      assert.match(problems('AND()')[0].message, /AND takes at least 1 argument but was given 0/);
    });

    it('reports an argument of the wrong type at the argument', () => {
      assert.deepEqual(problems('UPPER(Amount)'), [
        { message: 'The first argument of UPPER must be text, not a number. Wrap it in TEXT(…) to use it as text.', span: 'Amount' },
      ]);
      assert.deepEqual(problems('ROUND(Amount, "2")').map((p) => p.span), ['"2"']);
      assert.deepEqual(problems('IF(Status, 1, 2)').map((p) => p.span), ['Status']);
    });

    it('reports IF branches of different kinds at the second branch', () => {
      assert.deepEqual(problems('IF(IsEscalated, "high", 2)').map((p) => p.span), ['2']);
    });

    it('reports text that is not a date where a date is needed', () => {
      assert.deepEqual(problems('DATEVALUE("yesterday")'), [{ message: '"yesterday" is not a date; write it as "2024-05-01".', span: '"yesterday"' }]);
      assert.deepEqual(problems('CloseDate > "2024-02-30"').map((p) => p.span), ['"2024-02-30"']);
    });
  });

  describe('operators', () => {
    it('reports + on text with a hint to use &', () => {
      assert.deepEqual(problems('Status + "x"'), [{ message: 'Text cannot be added with "+": use "&" to join text.', span: 'Status' }]);
    });

    it('reports comparing text with a number at the right-hand side', () => {
      assert.deepEqual(problems('Amount > "5"'), [
        { message: 'Cannot compare a number with text. Write numbers without quotes, or use VALUE(text) / TEXT(number).', span: '"5"' },
      ]);
    });

    it('reports ordering true/false values', () => {
      assert.deepEqual(problems('IsEscalated > false').map((p) => p.span), ['IsEscalated']);
    });

    it('reports AND over something that is not a condition', () => {
      assert.deepEqual(problems('Status AND IsEscalated').map((p) => p.span), ['Status']);
    });

    it('reports arithmetic on true/false and adding two dates', () => {
      assert.deepEqual(problems('IsEscalated * 2').map((p) => p.span), ['IsEscalated']);
      assert.deepEqual(problems('CloseDate + CloseDate').map((p) => p.span), ['CloseDate']);
    });
  });

  describe('filters', () => {
    it('requires a filter to be true or false', () => {
      assert.deepEqual(problems('UPPER(Status)', 'boolean'), [
        { message: 'A filter must be true or false, such as Status = "Closed"; this expression gives text.', span: 'UPPER(Status)' },
      ]);
    });

    it('accepts a boolean filter and one whose type depends on an untyped field', () => {
      assert.deepEqual(problems('Status = "Closed" AND NOT ISBLANK(Subject)', 'boolean'), []);
      assert.deepEqual(problems('Custom__c', 'boolean'), []);
    });
  });

  it('reports parse and check problems together, in reading order', () => {
    const text = 'Statuss = "x" AND (Amount > 1';
    assert.deepEqual(
      checkExpression(text, { fields: FIELDS }).problems.map((p) => text.slice(p.start, p.end)),
      ['Statuss', '('],
    );
  });

  it('returns the tree and type only when there are no problems', () => {
    const bad = checkExpression('Statuss', { fields: FIELDS });
    assert.equal(bad.ast, undefined);
    assert.equal(bad.type, undefined);
    const good = checkExpression('Status', { fields: FIELDS });
    assert.equal(good.ast?.kind, 'field');
  });

  it('maps Salesforce describe types to expression types', () => {
    assert.equal(exprTypeOfSalesforceType('double'), 'number');
    assert.equal(exprTypeOfSalesforceType('currency'), 'number');
    assert.equal(exprTypeOfSalesforceType('picklist'), 'text');
    assert.equal(exprTypeOfSalesforceType('datetime'), 'datetime');
    assert.equal(exprTypeOfSalesforceType('date'), 'date');
    assert.equal(exprTypeOfSalesforceType('boolean'), 'boolean');
    assert.equal(exprTypeOfSalesforceType('address'), 'unknown');
  });
});

describe('checkExpression limits', () => {
  it('reports at most twenty problems for one expression', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Missing${i} = 1`).join(' AND ');
    assert.equal(checkExpression(text, { fields: ['Status'] }).problems.length, 20);
  });
});
