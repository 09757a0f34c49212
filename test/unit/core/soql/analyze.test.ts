import assert from 'node:assert/strict';
import { analyzeSoql, type SoqlProblem } from '../../../../src/core/soql';

/** The text each problem points at, with its code: what a person would see underlined. */
function marked(query: string, problems: readonly SoqlProblem[]): [string, string][] {
  return problems.map((p) => [p.code, query.slice(p.start, p.end)]);
}

describe('analyzeSoql', () => {
  describe('syntax errors', () => {
    it('points at the unexpected token when the query has extra input', () => {
      const query = 'SELECT Id FROM Case LIMIT 5 Subject';
      const { problems, facts } = analyzeSoql(query);
      assert.equal(facts, undefined);
      assert.deepEqual(marked(query, problems), [['soql-syntax', 'Subject']]);
      assert.match(problems[0].message, /Unexpected 'Subject'/);
    });

    it('points at the last word when the query ends too early', () => {
      const query = 'SELECT Id FROM Case WHERE   ';
      const { problems } = analyzeSoql(query);
      assert.deepEqual(marked(query, problems), [['soql-syntax', 'WHERE']]);
      assert.match(problems[0].message, /ends too early after 'WHERE'/);
    });

    it('names the missing keyword when one token is expected', () => {
      const query = 'SELECT Id, Name\nAccount';
      const { problems } = analyzeSoql(query);
      assert.equal(problems[0].code, 'soql-syntax');
      assert.match(problems[0].message, /expected FROM/);
    });

    it('points at a misplaced token in the middle of a multi-line query', () => {
      const query = 'SELECT Id\nFROM Case\nWHERE Status = = 1';
      const { problems } = analyzeSoql(query);
      assert.deepEqual(marked(query, problems), [['soql-syntax', '=']]);
      assert.equal(problems[0].start, query.lastIndexOf('= 1'));
    });

    it('points at a character SOQL does not have', () => {
      const query = "SELECT Id FROM Case WHERE Subject = 'a' # x";
      const { problems } = analyzeSoql(query);
      assert.deepEqual(marked(query, problems), [['soql-syntax', '#']]);
    });

    it('reports an empty query over its whole text', () => {
      const { problems } = analyzeSoql('   ');
      assert.deepEqual(problems.map((p) => [p.code, p.start, p.end]), [['soql-syntax', 0, 3]]);
    });

    it('locates the error again on a second failing query, not at the first one', () => {
      analyzeSoql('SELECT FROM Case');
      const query = 'SELECT Id FROM Case LIMIT x';
      assert.deepEqual(marked(query, analyzeSoql(query).problems), [['soql-syntax', 'x']]);
    });

    it('writes nothing to the console while locating errors', () => {
      const original = console.log;
      const written: unknown[] = [];
      console.log = (...args: unknown[]) => void written.push(args);
      try {
        analyzeSoql('SELECT Id FROM WHERE');
      } finally {
        console.log = original;
      }
      assert.deepEqual(written, []);
    });
  });

  describe('GROUP BY', () => {
    it('flags GROUP BY at the GROUP BY words inside the query string', () => {
      const query = 'SELECT OwnerId FROM Case GROUP BY OwnerId';
      assert.deepEqual(marked(query, analyzeSoql(query).problems), [['soql-group-by', 'GROUP BY']]);
    });

    it('covers both words whatever the whitespace and case between them', () => {
      const query = 'SELECT OwnerId FROM Case group \n\t By OwnerId';
      const { problems, facts } = analyzeSoql(query);
      assert.deepEqual(marked(query, problems), [['soql-group-by', 'group \n\t By']]);
      assert.equal(facts?.object, 'Case');
    });

    it('does not take GROUP BY inside a string literal for the clause', () => {
      const query = "SELECT Id FROM Case WHERE Subject = 'GROUP BY'";
      assert.deepEqual(analyzeSoql(query).problems, []);
    });

    it('does not flag aggregates again when GROUP BY is already reported', () => {
      const query = 'SELECT OwnerId, COUNT(Id) FROM Case GROUP BY OwnerId';
      assert.deepEqual(analyzeSoql(query).problems.map((p) => p.code), ['soql-group-by']);
    });
  });

  describe('aggregates', () => {
    it('flags an aggregate function without GROUP BY at the function', () => {
      const query = 'SELECT MAX(CreatedDate) latest FROM Case';
      const { problems } = analyzeSoql(query);
      assert.deepEqual(marked(query, problems), [['soql-aggregate', 'MAX(CreatedDate)']]);
      assert.match(problems[0].message, /AggregateResult/);
    });

    it('flags COUNT() as returning a count and no records', () => {
      const query = 'SELECT COUNT() FROM Case';
      const { problems } = analyzeSoql(query);
      assert.deepEqual(marked(query, problems), [['soql-aggregate', 'COUNT()']]);
      assert.match(problems[0].message, /number of matching rows/);
    });

    it('does not count date functions such as DAY_ONLY as aggregates', () => {
      const query = 'SELECT Id, DAY_ONLY(CreatedDate) day, CALENDAR_YEAR(CreatedDate) y FROM Case';
      assert.deepEqual(analyzeSoql(query).problems, []);
    });
  });

  describe('unsupported constructs', () => {
    it('flags an Apex bind variable at the colon and the name', () => {
      const query = 'SELECT Id FROM Case WHERE OwnerId = :ownerId AND CreatedDate = LAST_N_DAYS:7';
      const { problems } = analyzeSoql(query);
      assert.deepEqual(marked(query, problems), [['soql-unsupported', ':ownerId']]);
    });

    it('flags OFFSET over 2000 and accepts 2000', () => {
      const over = 'SELECT Id FROM Case OFFSET 2001';
      assert.deepEqual(marked(over, analyzeSoql(over).problems), [['soql-unsupported', 'OFFSET 2001']]);
      assert.deepEqual(analyzeSoql('SELECT Id FROM Case OFFSET 2000').problems, []);
    });

    it('flags a query over 100,000 characters without parsing it', () => {
      // 5 MB: refusing it by its length costs next to nothing, lexing it costs far more than the bound, so the
      // check tells the two apart even on a busy machine.
      const query = `SELECT Id FROM Case WHERE Id IN ('${'x, '.repeat(1_700_000)}')`;
      const started = performance.now();
      const { problems, facts } = analyzeSoql(query);
      assert.ok(performance.now() - started < 500, 'a long query is refused before lexing');
      assert.equal(facts, undefined);
      assert.deepEqual(problems.map((p) => [p.code, p.start, p.end]), [['soql-unsupported', 100_000, query.length]]);
    });

    it('accepts a query of exactly 100,000 characters', () => {
      const values = Array.from({ length: 7_000 }, (_, i) => `'${String(i).padStart(10, '0')}'`).join(',');
      const statement = `SELECT Id FROM Case WHERE Subject IN (${values})`;
      const query = statement.padEnd(100_000, ' ');
      assert.equal(query.length, 100_000);
      assert.deepEqual(analyzeSoql(query).problems, []);
    });

    it('flags a string over 4,000 characters in a condition, at the string', () => {
      const literal = `'${'a'.repeat(4_001)}'`;
      const query = `SELECT Id FROM Case WHERE Subject = ${literal} OR Subject = '${'b'.repeat(4_000)}'`;
      const { problems } = analyzeSoql(query);
      assert.deepEqual(problems.map((p) => [p.code, p.start, p.end]), [['soql-unsupported', query.indexOf(literal), query.indexOf(literal) + literal.length]]);
    });

    it('reports LIMIT and OFFSET with their characters, for checks that know the schedule', () => {
      const query = 'SELECT Id FROM Case WHERE Id IN (SELECT CaseId FROM CaseComment LIMIT 5) ORDER BY CreatedDate LIMIT 500 OFFSET 10';
      const { facts, problems } = analyzeSoql(query);
      assert.deepEqual(problems, []);
      assert.equal(facts?.limit?.value, 500);
      assert.equal(query.slice(facts?.limit?.start, facts?.limit?.end), 'LIMIT 500');
      assert.equal(query.slice(facts?.offset?.start, facts?.offset?.end), 'OFFSET 10');
      assert.equal(analyzeSoql('SELECT Id FROM Case').facts?.limit, undefined);
    });

    it('flags HAVING at its keyword', () => {
      const query = 'SELECT OwnerId FROM Case GROUP BY OwnerId HAVING COUNT(Id) > 1';
      assert.deepEqual(marked(query, analyzeSoql(query).problems), [
        ['soql-group-by', 'GROUP BY'],
        ['soql-unsupported', 'HAVING'],
      ]);
    });

    it('flags FIELDS(ALL) and FIELDS(CUSTOM) without a LIMIT of 200 or less', () => {
      const all = 'SELECT FIELDS(ALL) FROM Case';
      assert.deepEqual(marked(all, analyzeSoql(all).problems), [['soql-unsupported', 'FIELDS(ALL)']]);
      const custom = 'SELECT Id, FIELDS(CUSTOM) FROM Case LIMIT 500';
      assert.deepEqual(marked(custom, analyzeSoql(custom).problems), [['soql-unsupported', 'FIELDS(CUSTOM)']]);
      assert.deepEqual(analyzeSoql('SELECT FIELDS(ALL) FROM Case LIMIT 200').problems, []);
    });

    it('accepts FIELDS(STANDARD) without a LIMIT, as Salesforce does', () => {
      assert.deepEqual(analyzeSoql('SELECT FIELDS(STANDARD) FROM Case').problems, []);
    });

    it('flags ALL ROWS, which only Apex accepts, and still reads the rest of the query', () => {
      const query = 'SELECT Id, CreatedDate FROM Case ALL ROWS';
      const { problems, facts } = analyzeSoql(query);
      assert.deepEqual(marked(query, problems), [['soql-unsupported', 'ALL ROWS']]);
      assert.match(problems[0].message, /includeDeleted/);
      assert.deepEqual(facts?.dateFieldCandidates, ['CreatedDate']);
    });

    it('flags FOR VIEW, FOR REFERENCE and FOR UPDATE at the clause', () => {
      for (const clause of ['FOR VIEW', 'FOR REFERENCE', 'FOR UPDATE']) {
        const query = `SELECT Id FROM Case ${clause}`;
        assert.deepEqual(marked(query, analyzeSoql(query).problems), [['soql-unsupported', clause]]);
      }
    });

    it('flags UPDATE TRACKING, which writes data on every run', () => {
      const query = 'SELECT Id FROM KnowledgeArticleVersion UPDATE TRACKING';
      assert.deepEqual(marked(query, analyzeSoql(query).problems), [['soql-unsupported', 'UPDATE TRACKING']]);
    });

    it('warns that a child subquery cannot be mapped, at the subquery', () => {
      const query = 'SELECT Id, (SELECT Id FROM Contacts) FROM Account';
      const { problems, facts } = analyzeSoql(query);
      assert.deepEqual(marked(query, problems), [['soql-unsupported', '(SELECT Id FROM Contacts)']]);
      assert.equal(problems[0].severity, 'warning');
      assert.deepEqual(facts?.fields.map((f) => f.path), ['Id', 'Contacts']);
    });

    it('flags three NOTs in a row, which cannot be combined with the window, at the NOTs', () => {
      const query = 'SELECT Id FROM Case WHERE Status = \'New\' AND (NOT (NOT ( NOT IsClosed = true)))';
      assert.deepEqual(marked(query, analyzeSoql(query).problems), [['soql-unsupported', 'NOT (NOT ( NOT']]);
      assert.deepEqual(analyzeSoql('SELECT Id FROM Case WHERE NOT (NOT IsClosed = true)').problems, []);
    });

    it('accepts WITH SECURITY_ENFORCED, TYPEOF and semi-join subqueries', () => {
      const query =
        'SELECT Id, TYPEOF What WHEN Account THEN Name ELSE Id END FROM Event ' +
        'WHERE WhatId IN (SELECT Id FROM Account WHERE Name = \'x\') WITH SECURITY_ENFORCED';
      assert.deepEqual(analyzeSoql(query).problems, []);
    });

    it('accepts USING SCOPE, WITH USER_MODE, WITH DATA CATEGORY, convertCurrency and NOT IN subqueries', () => {
      for (const query of [
        'SELECT Id FROM Case USING SCOPE Mine WITH USER_MODE',
        "SELECT Title FROM KnowledgeArticleVersion WHERE PublishStatus = 'online' WITH DATA CATEGORY Geography__c AT usa__c",
        'SELECT Id, convertCurrency(Amount) FROM Opportunity',
        'SELECT Id FROM Case WHERE Id NOT IN (SELECT CaseId FROM CaseComment)',
      ]) {
        assert.deepEqual(analyzeSoql(query).problems, [], query);
      }
    });
  });

  describe('selected fields', () => {
    it('gives each field its characters in the query text', () => {
      const query = 'SELECT Id,\n  Owner.Name , CreatedDate\nFROM Case';
      const { facts } = analyzeSoql(query);
      assert.ok(facts);
      for (const field of facts.fields) assert.equal(query.slice(field.start, field.end), field.path);
      assert.deepEqual(facts.fields.map((f) => f.path), ['Id', 'Owner.Name', 'CreatedDate']);
    });

    it('removes the FROM alias from paths and ranges', () => {
      const query = 'SELECT c.Id, c.Owner.Name FROM Case c';
      const { facts } = analyzeSoql(query);
      assert.deepEqual(facts?.fields.map((f) => [f.path, query.slice(f.start, f.end)]), [
        ['Id', 'Id'],
        ['Owner.Name', 'Owner.Name'],
      ]);
    });

    it('keeps the alias of an aggregate and the wrapped field of toLabel', () => {
      const query = 'SELECT toLabel(Status), FORMAT(Amount) amt, COUNT(Id) total FROM Opportunity GROUP BY Status, Amount';
      const { facts } = analyzeSoql(query);
      assert.deepEqual(facts?.fields.map((f) => [f.path, f.alias, query.slice(f.start, f.end)]), [
        ['Status', undefined, 'Status'],
        ['Amount', 'amt', 'Amount'],
        ['COUNT(Id)', 'total', 'COUNT(Id)'],
      ]);
    });

    it('lists TYPEOF fields under the polymorphic field, once each', () => {
      const query = 'SELECT TYPEOF What WHEN Account THEN Name, Phone WHEN Opportunity THEN Name ELSE Id END FROM Task';
      const { facts } = analyzeSoql(query);
      assert.deepEqual(facts?.fields.map((f) => f.path), ['What.Name', 'What.Phone', 'What.Id']);
    });

    it('reports the FROM object and where it is written', () => {
      const query = 'SELECT Id FROM  LiveChatTranscript';
      const { facts } = analyzeSoql(query);
      assert.equal(facts?.object, 'LiveChatTranscript');
      assert.equal(query.slice(facts?.objectStart, facts?.objectEnd), 'LiveChatTranscript');
    });
  });

  describe('date field candidates without describe data', () => {
    it('lists standard date fields and names that look like dates, in SELECT order', () => {
      const query =
        'SELECT Id, Subject, SystemModstamp, ClosedDate, Resolved_At__c, Due_Date__c, StartTime, Case.CreatedDate FROM Case';
      assert.deepEqual(analyzeSoql(query).facts?.dateFieldCandidates, [
        'SystemModstamp',
        'ClosedDate',
        'Resolved_At__c',
        'Due_Date__c',
        'StartTime',
        'Case.CreatedDate',
      ]);
    });

    it('leaves out durations whose names end in Time and function results', () => {
      const query = 'SELECT WaitTime, AverageResponseTimeOperator, DAY_ONLY(CreatedDate) d, EndTime FROM LiveChatTranscript';
      assert.deepEqual(analyzeSoql(query).facts?.dateFieldCandidates, ['EndTime']);
    });
  });
});
