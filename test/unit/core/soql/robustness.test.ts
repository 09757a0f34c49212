import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeSoql } from '../../../../src/core/soql';
import { lexQuery } from '../../../../src/core/soql/tokens';

const validQueries = [
  "SELECT Id, Subject, CreatedDate FROM Case WHERE Status = 'New' AND (Priority = 'High' OR IsEscalated = true) ORDER BY CreatedDate LIMIT 100",
  'SELECT Id, Body, StartTime, Owner.Name FROM LiveChatTranscript WHERE CreatedDate = LAST_N_DAYS:30',
  'SELECT Id, (SELECT Id FROM Contacts), TYPEOF What WHEN Account THEN Name ELSE Id END FROM Task',
];

/** A valid query with a random slice removed or a random character inserted: mostly broken SOQL. */
const damagedQuery = fc.oneof(
  fc.tuple(fc.constantFrom(...validQueries), fc.nat(), fc.nat({ max: 12 })).map(([q, at, length]) => {
    const start = at % q.length;
    return q.slice(0, start) + q.slice(start + length);
  }),
  fc.tuple(fc.constantFrom(...validQueries), fc.nat(), fc.string({ minLength: 1, maxLength: 3 })).map(([q, at, insert]) => {
    const start = at % q.length;
    return q.slice(0, start) + insert + q.slice(start);
  }),
);

describe('analyzeSoql on any input', () => {
  it('never throws and keeps every problem range inside the query', () => {
    fc.assert(
      fc.property(fc.oneof(damagedQuery, fc.string({ unit: 'binary', maxLength: 80 })), (query) => {
        const { problems, facts } = analyzeSoql(query);
        for (const problem of problems) {
          assert.ok(problem.start >= 0 && problem.start <= problem.end && problem.end <= query.length, JSON.stringify({ query, problem }));
        }
        if (!facts) assert.ok(problems.some((p) => p.severity !== 'warning'), 'a query without facts has an error saying why');
      }),
      { numRuns: 200 },
    );
  });

  it('points a syntax error at non-blank characters of the query', () => {
    fc.assert(
      fc.property(damagedQuery, (query) => {
        for (const problem of analyzeSoql(query).problems.filter((p) => p.code === 'soql-syntax')) {
          assert.ok(problem.end > problem.start, JSON.stringify({ query, problem }));
          assert.notEqual(query.slice(problem.start, problem.end).trim(), '', JSON.stringify({ query, problem }));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never places a syntax error before a stray token inserted into a valid query', () => {
    // Not '(': an unclosed parenthesis is reported where the unmatched one opens, which may come earlier.
    const stray = fc.constantFrom(',', '=', 'WHERE', 'FROM', '!', '42', "'x'", 'AND', 'LIMIT', ')', 'SELECT');
    fc.assert(
      fc.property(fc.constantFrom(...validQueries), fc.nat(), stray, (valid, at, inserted) => {
        const lexed = lexQuery(valid);
        assert.ok(lexed.ok);
        const boundary = lexed.tokens[at % lexed.tokens.length].start;
        const query = `${valid.slice(0, boundary)} ${inserted} ${valid.slice(boundary)}`;
        for (const problem of analyzeSoql(query).problems.filter((p) => p.code === 'soql-syntax')) {
          // A comma right before an inserted clause keyword (`Id, FROM`) is a trailing comma, reported on the comma.
          const commaBefore = query.slice(problem.start, problem.end) === ',' && query.slice(problem.end, boundary + 1).trim() === '';
          assert.ok(problem.start >= boundary || commaBefore, JSON.stringify({ query, boundary, problem }));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives every selected field of a random SELECT list the characters that spell it', () => {
    const space = fc.constantFrom(' ', '  ', '\n', '\n\t', ' \r\n ');
    const field = fc.constantFrom('Id', 'Subject', 'CreatedDate', 'Owner.Name', 'Account.Owner.Email', 'Custom_Field__c', 'What.Type');
    const list = fc.array(fc.tuple(field, space, space, fc.boolean()), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(list, fc.boolean(), (items, aliased) => {
        const prefix = aliased ? 'c.' : '';
        const select = items.map(([name, before, after, keepPrefix]) => `${before}${keepPrefix ? prefix : ''}${name}${after}`).join(',');
        const query = `SELECT${select}FROM Case${aliased ? ' c' : ''}`;
        const facts = analyzeSoql(query).facts;
        assert.ok(facts, query);
        assert.deepEqual(facts.fields.map((f) => f.path), items.map(([name]) => name), query);
        for (const f of facts.fields) assert.equal(query.slice(f.start, f.end), f.path, query);
      }),
      { numRuns: 150 },
    );
  });

  it('gives every selected field the characters of its last name segment', () => {
    for (const query of validQueries) {
      for (const field of analyzeSoql(query).facts?.fields ?? []) {
        const written = query.slice(field.start, field.end);
        assert.ok(field.path.toLowerCase().endsWith(written.split('.').pop()!.toLowerCase()) || written.startsWith('('), `${field.path} at '${written}'`);
      }
    }
  });
});
