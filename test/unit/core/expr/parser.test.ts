import * as assert from 'node:assert/strict';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, parseExpression, type Expr } from '../../../../src/core/expr';

/** A compact, readable form of a tree: (op a b), fields bare, text quoted. */
function show(node: Expr): string {
  switch (node.kind) {
    case 'text':
      return JSON.stringify(node.value);
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'field':
      return node.path;
    case 'unary':
      return `(${node.operator} ${show(node.operand)})`;
    case 'binary':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
    case 'chain':
      return `(${node.operator} ${node.operands.map(show).join(' ')})`;
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
    case 'error':
      return '<error>';
  }
}

function tree(text: string): string {
  const result = parseExpression(text);
  assert.deepEqual(result.problems, [], `problems in ${text}`);
  assert.ok(result.ast);
  return show(result.ast);
}

function problemsOf(text: string): { message: string; span: string }[] {
  const result = parseExpression(text);
  assert.equal(result.ast, undefined, 'no tree is returned when there are problems');
  return result.problems.map((p) => ({ message: p.message, span: text.slice(p.start, p.end) }));
}

describe('parseExpression', () => {
  describe('values', () => {
    it('reads bare field names and relationship paths', () => {
      assert.equal(tree('Status'), 'Status');
      assert.equal(tree('Owner.Name'), 'Owner.Name');
      assert.equal(tree('Account__r.Owner.Email__c'), 'Account__r.Owner.Email__c');
    });

    it('reads text in double quotes with escaped quotes, backslashes and new lines', () => {
      assert.equal(tree('"say \\"hi\\""'), JSON.stringify('say "hi"'));
      assert.equal(tree('"a\\\\b\\nc"'), JSON.stringify('a\\b\nc'));
    });

    it('also reads text in single quotes, as Salesforce formulas do', () => {
      assert.equal(tree("'it''s'".slice(0, 4)), JSON.stringify('it'));
      assert.equal(tree("'don\\'t'"), JSON.stringify("don't"));
    });

    it('reads whole and decimal numbers, true, false and null in any case', () => {
      assert.equal(tree('42'), '42');
      assert.equal(tree('3.25'), '3.25');
      assert.equal(tree('TRUE'), 'true');
      assert.equal(tree('false'), 'false');
      assert.equal(tree('Null'), 'null');
    });

    it('upper-cases function names, which are case-insensitive', () => {
      assert.equal(tree('isBlank(Comment__c)'), 'ISBLANK(Comment__c)');
      assert.equal(tree('today()'), 'TODAY()');
    });
  });

  describe('precedence', () => {
    it('binds * and / tighter than + and -, and those tighter than &', () => {
      assert.equal(tree('1 + 2 * 3'), '(+ 1 (* 2 3))');
      assert.equal(tree('1 - 2 - 3'), '(- (- 1 2) 3)');
      assert.equal(tree('"n" & 1 + 2'), '(& "n" (+ 1 2))');
    });

    it('binds comparisons tighter than AND, and AND tighter than OR', () => {
      assert.equal(tree('a = 1 OR b = 2 AND c = 3'), '(or (= a 1) (and (= b 2) (= c 3)))');
    });

    it('lets NOT apply to a whole comparison', () => {
      assert.equal(tree('NOT Status = "Closed"'), '(not (= Status "Closed"))');
      assert.equal(tree('NOT a AND b'), '(and (not a) b)');
    });

    it('binds unary minus tightest', () => {
      assert.equal(tree('-a * b'), '(* (- a) b)');
      assert.equal(tree('- -1'), '(- (- 1))');
    });

    it('follows parentheses', () => {
      assert.equal(tree('(1 + 2) * 3'), '(* (+ 1 2) 3)');
      assert.equal(tree('(a OR b) AND c'), '(and (or a b) c)');
    });

    it('keeps AND, OR and & chains flat', () => {
      assert.equal(tree('a AND b AND c AND d'), '(and a b c d)');
      assert.equal(tree('a & b & c'), '(& a b c)');
      assert.equal(tree('(a AND b) AND c'), '(and (and a b) c)');
    });
  });

  describe('operators', () => {
    it('reads every comparison and its aliases', () => {
      assert.equal(tree('a = 1'), '(= a 1)');
      assert.equal(tree('a == 1'), '(= a 1)');
      assert.equal(tree('a != 1'), '(!= a 1)');
      assert.equal(tree('a <> 1'), '(!= a 1)');
      assert.equal(tree('a <= 1'), '(<= a 1)');
      assert.equal(tree('a >= 1'), '(>= a 1)');
      assert.equal(tree('a < 1'), '(< a 1)');
      assert.equal(tree('a > 1'), '(> a 1)');
    });

    it('reads && || and ! as AND, OR and NOT', () => {
      assert.equal(tree('a && b || !c'), '(or (and a b) (not c))');
    });

    it('reads AND, OR and NOT as functions too', () => {
      assert.equal(tree('AND(a, OR(b, c), NOT(d))'), 'AND(a, OR(b, c), NOT(d))');
    });

    it('reads calls with no arguments and nested calls', () => {
      assert.equal(tree('IF(ISBLANK(x), TODAY(), DATEVALUE(y))'), 'IF(ISBLANK(x), TODAY(), DATEVALUE(y))');
    });
  });

  describe('positions', () => {
    it('gives each node its span in the text', () => {
      const text = 'Status = "Closed" AND NOT ISBLANK(Comment__c)';
      const ast = parseExpression(text).ast;
      assert.ok(ast?.kind === 'chain');
      const [comparison, not] = ast.operands;
      assert.equal(text.slice(comparison.start, comparison.end), 'Status = "Closed"');
      assert.equal(text.slice(not.start, not.end), 'NOT ISBLANK(Comment__c)');
      assert.ok(not.kind === 'unary' && not.operand.kind === 'call');
      assert.equal(text.slice(not.operand.nameStart, not.operand.nameEnd), 'ISBLANK');
    });
  });

  describe('problems', () => {
    it('reports an empty expression', () => {
      assert.match(problemsOf('   ')[0].message, /empty/);
    });

    it('reports an unclosed parenthesis at the parenthesis', () => {
      assert.deepEqual(problemsOf('(a = 1'), [{ message: 'Missing ")" to close the "(" at character 1.', span: '(' }]);
    });

    it('reports a stray closing parenthesis', () => {
      assert.deepEqual(problemsOf('a = 1)'), [{ message: 'This ")" has no matching "(".', span: ')' }]);
    });

    it('reports unterminated text from its opening quote', () => {
      const [problem] = problemsOf('Status = "Clos');
      assert.equal(problem.span, '"Clos');
      assert.match(problem.message, /no closing "/);
    });

    it('reports unknown escapes at the escape', () => {
      const [problem] = problemsOf('"a\\db"');
      assert.equal(problem.span, '\\d');
    });

    it('reports a missing value between operators at the second operator', () => {
      assert.deepEqual(problemsOf('a = = 1').map((p) => p.span), ['=']);
    });

    it('reports several problems in one pass, in reading order', () => {
      const spans = problemsOf('a = = 1 b @ c )').map((p) => p.span);
      assert.deepEqual(spans, ['=', 'b', '@', 'c', ')']);
    });

    it('reports a missing comma between arguments and goes on to the next argument', () => {
      const problems = problemsOf('IF(a, 1 2, ~)');
      assert.deepEqual(problems.map((p) => p.span), ['2', '~', ')']);
      assert.match(problems[0].message, /expected "," or "\)"/);
    });

    it('reports a relationship path ending in a dot', () => {
      assert.deepEqual(problemsOf('Owner. = 1').map((p) => p.span), ['.']);
    });

    it('explains SOQL words that expressions spell differently', () => {
      assert.deepEqual(problemsOf('Status IN ("A", "B")')[0], { message: 'IN is SOQL, not part of expressions: write Status = "A" OR Status = "B".', span: 'IN' });
      assert.match(problemsOf("Subject like '%refund%'")[0].message, /use CONTAINS\(field, "part"\)/);
      assert.match(problemsOf('Status "in"')[0].message, /^Unexpected text/);
    });

    it('reports AND with nothing on its left', () => {
      assert.match(problemsOf('AND b')[0].message, /AND needs a value on each side/);
    });

    it('reports a dotted name used as a function', () => {
      assert.match(problemsOf('Owner.Name(1)')[0].message, /field path, not a function/);
    });
  });

  describe('bounds', () => {
    it('rejects text over the size limit without parsing it', () => {
      const text = 'a'.repeat(MAX_EXPRESSION_LENGTH + 1);
      const [problem] = parseExpression(text).problems;
      assert.match(problem.message, /limit is 10000/);
      assert.deepEqual([problem.start, problem.end], [0, text.length]);
    });

    it('rejects parentheses nested past the depth limit', () => {
      const depth = MAX_EXPRESSION_DEPTH + 1;
      const [problem] = parseExpression('('.repeat(depth) + '1' + ')'.repeat(depth)).problems;
      assert.match(problem.message, /more than 100 levels/);
    });

    it('accepts nesting at the depth limit', () => {
      const depth = MAX_EXPRESSION_DEPTH - 2;
      assert.deepEqual(parseExpression('NOT('.repeat(depth) + 'a' + ')'.repeat(depth)).problems, []);
    });

    it('rejects a long run of prefix operators without overflowing the stack', () => {
      assert.match(parseExpression('-'.repeat(9000) + '1').problems[0].message, /levels/);
      assert.match(parseExpression('NOT '.repeat(2000) + 'a').problems[0].message, /levels/);
    });

    it('rejects a long arithmetic chain, which nests, but accepts a long AND chain, which does not', () => {
      assert.match(parseExpression(Array(500).fill('a').join(' + ')).problems[0].message, /levels/);
      assert.deepEqual(parseExpression(Array(1000).fill('a = 1').join(' AND ')).problems, []);
    });
  });
});
