import assert from 'node:assert/strict';
import { analyzeSoql, composeWindowQuery, countQuery, type SoqlProblem } from '../../../../src/core/soql';
import { allTokens } from '../../../../src/core/soql/library';
import { jobText, only, rangeOf, validate } from '../lint/job-fixture';

function errors(query: string): SoqlProblem[] {
  return analyzeSoql(query).problems.filter((p) => (p.severity ?? 'error') === 'error');
}

function underlined(query: string, code = 'soql-syntax'): string[] {
  return analyzeSoql(query)
    .problems.filter((p) => p.code === code && (p.severity ?? 'error') === 'error')
    .map((p) => query.slice(p.start, p.end));
}

const window = { dateField: 'CreatedDate', since: new Date('2024-05-01T00:00:00Z'), until: new Date('2024-05-02T00:00:00Z') };

describe('SOQL the parser library refuses but Salesforce accepts', () => {
  for (const scope of ['mine_and_my_groups', 'scopingRule', 'mru', 'my_team_territory', 'Everything', 'allPrivate']) {
    it(`accepts USING SCOPE ${scope} and keeps it in the window query`, () => {
      const query = `SELECT Id, CreatedDate FROM Account USING SCOPE ${scope} WHERE Name LIKE 'A%'`;
      assert.deepEqual(analyzeSoql(query).problems, []);
      assert.ok(analyzeSoql(query).facts);
      assert.match(composeWindowQuery(query, window), new RegExp(`^SELECT Id, CreatedDate FROM Account USING SCOPE ${scope} WHERE \\(Name LIKE 'A%'\\) AND CreatedDate >= `));
      assert.match(countQuery(query), new RegExp(`USING SCOPE ${scope} WHERE`));
    });
  }

  it('says a scope it does not know is not checked, as information, never as an error', () => {
    const query = 'SELECT Id FROM Account USING SCOPE newScopeFromNextRelease';
    const problems = analyzeSoql(query).problems;
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'info');
    assert.equal(query.slice(problems[0].start, problems[0].end), 'newScopeFromNextRelease');
    assert.match(problems[0].message, /^Not checked: .*Salesforce checks it/);
  });

  it('reports a scope that is not a word where the scope belongs, in words', () => {
    const query = 'SELECT Id FROM Account USING SCOPE 42';
    assert.deepEqual(underlined(query), ['42']);
    assert.match(errors(query)[0].message, /expected a scope such as mine or everything/);
  });

  it('accepts several objects in FROM and keeps them in the window query', () => {
    const query = "SELECT Id, Name, CreatedDate, a.Name FROM Contact c, c.Account a WHERE a.Name = 'MyriadPubs'";
    assert.deepEqual(analyzeSoql(query).problems, []);
    assert.equal(analyzeSoql(query).facts?.object, 'Contact');
    assert.match(composeWindowQuery(query, window), /FROM Contact c, c\.Account a WHERE \(a\.Name = 'MyriadPubs'\) AND CreatedDate/);
  });

  it('refuses USING SCOPE inside a subquery, which the window query could not keep', () => {
    const query = 'SELECT Id FROM Case WHERE Id IN (SELECT CaseId FROM CaseComment USING SCOPE mine)';
    assert.deepEqual(underlined(query, 'soql-unsupported'), ['USING SCOPE mine']);
    assert.throws(() => composeWindowQuery(query, window), /subquery/);
  });

  it('accepts a direction after GROUPING() in ORDER BY (only the job check objects, to GROUP BY)', () => {
    const query = 'SELECT Type, GROUPING(Type) g, COUNT(Id) FROM Account GROUP BY ROLLUP(Type) ORDER BY GROUPING(Type) DESC NULLS LAST, Type';
    assert.deepEqual(analyzeSoql(query).problems.map((p) => p.code), ['soql-group-by']);
  });

  it('accepts UPDATE TRACKING, VIEWSTAT as SOQL and refuses it for a job as one unsupported clause', () => {
    const query = "SELECT Title FROM FAQ__kav WHERE Keyword = 'Apex' UPDATE TRACKING, VIEWSTAT";
    assert.deepEqual(analyzeSoql(query).problems.map((p) => p.code), ['soql-unsupported']);
  });
});

describe('SOQL Salesforce refuses though the parser library accepts it', () => {
  it('points at the operator that mixes AND and OR at one level', () => {
    assert.deepEqual(underlined("SELECT Id FROM Case WHERE Status = 'New' AND Priority = 'High' OR Origin = 'Web'"), ['OR']);
    assert.deepEqual(underlined("SELECT Id FROM Case WHERE (Status = 'New' OR Status = 'Working') AND Priority = 'High'"), []);
    const [problem] = errors("SELECT Id FROM Case WHERE a = 1 OR b = 2 AND c = 3");
    assert.match(problem.message, /need parentheses.*\(a AND b\) OR c/);
  });

  it('keeps each parenthesised group and subquery a level of its own', () => {
    assert.deepEqual(underlined("SELECT Id FROM Account WHERE Name = 'x' OR Id IN (SELECT AccountId FROM Case WHERE a = 1 AND b = 2)"), []);
    assert.deepEqual(underlined("SELECT Id FROM Account WHERE (a = 1 OR b = 2) AND (c = 3 OR (d = 4 AND e = 5))"), []);
  });

  it('points at AND or OR with nothing before it', () => {
    assert.deepEqual(underlined('SELECT Id FROM Case WHERE OR x = 5'), ['OR']);
    assert.deepEqual(underlined('SELECT Id FROM Case WHERE x = 5 AND (AND y = 1)'), ['AND']);
  });

  it('points at NOT right after AND or OR, and accepts it in parentheses', () => {
    assert.deepEqual(underlined('SELECT Id FROM Account WHERE Name != NULL AND NOT (AnnualRevenue > 0)'), ['NOT']);
    assert.deepEqual(underlined('SELECT Id FROM Account WHERE Name != NULL AND (NOT (AnnualRevenue > 0))'), []);
    assert.deepEqual(underlined('SELECT Id FROM Account WHERE NOT Name = null'), []);
    assert.deepEqual(underlined("SELECT Id FROM Account WHERE Industry NOT IN ('x') AND Name != null"), []);
  });

  it('points at the second of two conditions with no AND or OR between them', () => {
    assert.deepEqual(underlined("SELECT Id FROM Case WHERE Status = 'New' Priority = 'High'"), ['Priority']);
    assert.match(errors("SELECT Id FROM Case WHERE Status = 'New' Priority = 'High'")[0].message, /Missing AND or OR before 'Priority'/);
  });

  it('names a function SOQL does not have, with the closest one it has', () => {
    assert.deepEqual(underlined('SELECT Id FROM Case WHERE foo_bar(CreatedDate) = 2020'), ['foo_bar']);
    const [problem] = errors('SELECT Id FROM Case WHERE calendarYear(CreatedDate) = 2020');
    assert.match(problem.message, /'calendarYear' is not a SOQL function\. Did you mean CALENDAR_YEAR\(\)\?/);
  });

  it('accepts function names in any case', () => {
    assert.deepEqual(errors('SELECT Id, calendar_year(CreatedDate), TOLABEL(Status), Format(Amount) FROM Opportunity WHERE Day_Only(CreatedDate) = TODAY'), []);
  });

  it('checks how many arguments a function takes', () => {
    assert.deepEqual(underlined('SELECT calendar_year() FROM Case'), ['calendar_year()']);
    assert.match(errors('SELECT calendar_year() FROM Case')[0].message, /takes one argument, not 0: for example CALENDAR_YEAR\(CreatedDate\)/);
    assert.deepEqual(underlined('SELECT COUNT() FROM Case'), []);
    assert.deepEqual(underlined("SELECT Id FROM W__c WHERE DISTANCE(L__c, GEOLOCATION(1, 2)) < 5"), ['DISTANCE(L__c, GEOLOCATION(1, 2))']);
  });

  it('accepts convertTimezone() only inside a date function', () => {
    assert.deepEqual(underlined('SELECT Id, convertTimezone(CreatedDate) FROM Case'), ['convertTimezone(CreatedDate)']);
    assert.deepEqual(underlined('SELECT Id FROM Case WHERE HOUR_IN_DAY(convertTimezone(CreatedDate)) > 9'), []);
  });

  it('refuses aggregates in WHERE', () => {
    assert.deepEqual(underlined('SELECT Id FROM Case WHERE COUNT(Id) > 1'), ['COUNT']);
    assert.deepEqual(underlined('SELECT Status FROM Case GROUP BY Status HAVING COUNT(Id) > 1'), []);
  });

  it('refuses TYPEOF and a second field in a subquery in WHERE', () => {
    assert.deepEqual(underlined('SELECT Id FROM Task WHERE WhatId IN (SELECT TYPEOF What WHEN Account THEN Id END FROM Event)'), ['TYPEOF']);
    assert.deepEqual(underlined('SELECT Id FROM Account WHERE Id IN (SELECT AccountId, Name FROM Contact)'), ['Name']);
    assert.deepEqual(underlined('SELECT Id, (SELECT Id, Name FROM Contacts) FROM Account'), []);
  });
});

describe('SOQL mistakes named where they are written', () => {
  it('points at a misspelt keyword and says which one was meant', () => {
    const cases: [string, string, string][] = [
      ['SELECT Id FORM Case', 'FORM', 'FROM'],
      ['SELCT Id FROM Case', 'SELCT', 'SELECT'],
      ["SELECT Id FROM Case WERE Status = 'x'", 'WERE', 'WHERE'],
      ['SELECT Id FROM Case ORDER BT Name', 'ORDER BT', 'ORDER BY'],
      ['SELECT Id FROM Case LIMT 5', 'LIMT', 'LIMIT'],
      ['SELECT Id FRM Case', 'FRM', 'FROM'],
      ["SELECT Id FROM Case WHERE Status = 'New' ADN Priority = 'High'", 'ADN', 'AND'],
      ["SELECT Id FROM Case WHERE Status = 'New' ODER BY Id", 'ODER', 'ORDER BY'],
    ];
    for (const [query, text, keyword] of cases) {
      assert.deepEqual(underlined(query), [text], query);
      assert.match(errors(query)[0].message, new RegExp(`did you mean ${keyword}\\?`), query);
    }
  });

  it('does not take a field or alias that looks like a keyword for a typo', () => {
    assert.deepEqual(errors('SELECT Id, Form, Were FROM Case acc WHERE Form = 1 ORDER BY Were'), []);
    const [problem] = errors('SELECT Id FROM Account acc LIMIT x');
    assert.doesNotMatch(problem.message, /did you mean/);
  });

  it('points at a trailing comma before FROM and at the second of two commas', () => {
    assert.deepEqual(underlined('SELECT Id, Subject, FROM Case'), [',']);
    assert.equal(errors('SELECT Id, Subject, FROM Case')[0].start, 'SELECT Id, Subject'.length);
    const doubled = 'SELECT Id, , Subject FROM Case';
    assert.equal(errors(doubled)[0].start, doubled.lastIndexOf(','));
  });

  it('names SQL words SOQL does not have', () => {
    assert.match(errors('SELECT DISTINCT Name FROM Account')[0].message, /SOQL has no DISTINCT/);
    assert.match(errors('SELECT TOP 10 Id FROM Case')[0].message, /SOQL has no TOP/);
    assert.match(errors('SELECT Id FROM Account WHERE ParentId IS NULL')[0].message, /SOQL has no IS/);
  });

  it('uses no parser-internal names in any message', () => {
    // Token and category names of the lexer that are not SOQL words (toLabel and its kin are SOQL's own spelling).
    const internal = allTokens
      .map((t) => t.name)
      .filter((name) => /[a-z]/.test(name) || /_(PAREN|BRACKET|INTEGER|DECIMAL|THAN|EQUAL|UNIT)$/.test(name) || ['COMMA', 'COLON', 'SEMICOLON', 'ASTERISK', 'PLUS', 'MINUS', 'EQUAL'].includes(name))
      .filter((name) => !['toLabel', 'convertTimezone', 'convertCurrency', 'new'].includes(name));
    internal.push('Identifier', 'UsingScopeEnumeration', 'EOF', 'ORDER_BY', 'GROUP_BY', 'DATA_CATEGORY', 'Expecting', 'token of type');
    const queries = [
      'SELECT Id FROM Case USING SCOPE 42',
      'SELECT Id FROM Case WHERE Status IN ()',
      'SELECT Id FROM Case WHERE Status =',
      'SELECT Id FROM Case WHERE CreatedDate = LAST_N_DAYS:',
      'SELECT Id FROM Case ORDER BY',
      'SELECT Id FROM Case LIMIT x',
      'SELECT Id FROM Case WITH',
      'SELECT Id FROM Case WITH DATA CATEGORY',
      'SELECT DISTANCE(L__c, GEOLOCATION(1, 2), miles) FROM W__c',
      'SELECT FIELDS(SOME) FROM Case',
      'SELECT Id FROM Case WHERE Amount > USD',
      'SELECT TYPEOF What WHEN THEN Name END FROM Event',
      'SELECT Id FROM Case GROUP BY',
      'SELECT Id FROM Case FOR',
      'SELECT Id FROM Case UPDATE',
      'SELECT Id FROM',
      'SELECT',
      'FROM Case',
      'SELECT Id FROM Case WHERE Id IN (SELECT',
      "SELECT Id FROM Case WHERE Subject LIKE",
      'SELECT Id FROM Case OFFSET',
      'SELECT Id FROM Case WHERE x = 1 HAVING',
    ];
    for (const query of queries) {
      for (const problem of analyzeSoql(query).problems) {
        // What the query itself says may be quoted; only the words around it must be plain.
        const words = problem.message.replace(/'[^']*'/g, "''");
        for (const name of internal) {
          assert.ok(!new RegExp(`(^|[^A-Za-z_])${name}([^A-Za-z_]|$)`).test(words), `${query}: "${problem.message}" names ${name}`);
        }
      }
    }
  });
});

describe('SOQL aggregates and aliases', () => {
  it('flags an aggregate wrapped in FORMAT, toLabel or convertCurrency, and not the wrapper alone', () => {
    assert.deepEqual(underlined('SELECT Id, FORMAT(MIN(CloseDate)) FROM Opportunity', 'soql-aggregate'), ['FORMAT(MIN(CloseDate))']);
    assert.deepEqual(underlined('SELECT FORMAT(convertCurrency(SUM(Amount))) total FROM Opportunity', 'soql-aggregate'), ['FORMAT(convertCurrency(SUM(Amount)))']);
    assert.deepEqual(underlined('SELECT toLabel(MAX(Status)) FROM Case', 'soql-aggregate'), ['toLabel(MAX(Status))']);
    assert.deepEqual(analyzeSoql('SELECT Id, toLabel(Status), FORMAT(Amount), FORMAT(convertCurrency(Amount)) c FROM Opportunity').problems, []);
  });

  it('accepts an alias on a grouped field and still refuses one on a plain field without GROUP BY', () => {
    assert.deepEqual(underlined('SELECT LeadSource src, COUNT(Name) cnt FROM Lead GROUP BY LeadSource'), []);
    assert.deepEqual(underlined('SELECT Owner.Name owner, COUNT(Id) FROM Case GROUP BY Owner.Name'), []);
    assert.deepEqual(underlined('SELECT Id Subject FROM Case'), ['Subject']);
  });
});

describe('SOQL problems in a job file', () => {
  it('underline the operator inside an array-of-lines query', () => {
    const text = jobText({ query: ['SELECT Id, Description, CreatedDate', 'FROM Case', "WHERE Status = 'New' AND Priority = 'High'", "  OR Origin = 'Web'"] });
    assert.deepEqual(only(validate(text), 'soql-syntax').range, rangeOf(text, 'OR'));
  });

  it('underline the trailing comma after JSON escapes in a single string', () => {
    const text = jobText({ query: 'SELECT Id, Description, CreatedDate, FROM Case WHERE Subject = \'say "hi"\\\\\'' });
    assert.ok(text.includes('\\"hi\\"'), 'the query holds escaped quotes');
    const diagnostic = only(validate(text), 'soql-syntax');
    assert.deepEqual(diagnostic.range.start, rangeOf(text, ', FROM').start);
    assert.equal(diagnostic.range.end.character - diagnostic.range.start.character, 1);
  });

  it('underline a misspelt keyword after escapes', () => {
    const text = jobText({ query: 'SELECT Id, Description, CreatedDate FROM Case WHERE Subject = \'a\\tb\' ODER BY CreatedDate' });
    assert.deepEqual(only(validate(text), 'soql-syntax').range, rangeOf(text, 'ODER'));
  });
});
