import * as assert from 'node:assert/strict';
import { soqlSuggestions } from '../../../../src/core/soql/completion';

const knowledge = {
  fields: ['Id', 'Subject', 'Status', 'CreatedDate', 'Description'].map((name) => ({ name })),
  objects: [{ name: 'Case' }, { name: 'Contact' }],
};

/** The labels offered where "|" is in the query. */
function at(query: string): string[] {
  const index = query.indexOf('|');
  return soqlSuggestions(query.replace('|', ''), index, knowledge).map((s) => s.label);
}

describe('SOQL completion by where the cursor is', () => {
  it('offers the fields not selected yet and functions after SELECT, never AND, ASC or ELSE', () => {
    const labels = at('SELECT Id, |, Status FROM Case');
    assert.ok(labels.includes('Subject') && labels.includes('CreatedDate') && labels.includes('toLabel'), labels.join(', '));
    for (const absent of ['Id', 'Status', 'AND', 'ASC', 'ELSE', 'WHERE']) assert.ok(!labels.includes(absent), `${absent} offered: ${labels.join(', ')}`);
  });

  it('counts the word being typed as not selected yet', () => {
    assert.ok(at('SELECT Id, Sub| FROM Case').includes('Subject'));
  });

  it('offers FROM after a complete select item', () => {
    assert.deepEqual(at('SELECT Id |'), ['FROM']);
    assert.deepEqual(at('SELECT Id, toLabel(Status) |'), ['FROM']);
  });

  it('offers every field inside a function of the select list', () => {
    assert.ok(at('SELECT Id, toLabel(|').includes('Status'));
  });

  it('offers objects after FROM, and the clauses after the object', () => {
    assert.deepEqual(at('SELECT Id FROM |'), ['Case', 'Contact']);
    const after = at('SELECT Id FROM Case |');
    assert.ok(after.includes('WHERE') && after.includes('ORDER BY') && after.includes('LIMIT'), after.join(', '));
    assert.ok(!after.includes('Subject'));
  });

  it('offers fields after WHERE, AND and an open parenthesis, then operators, then values, then AND/OR', () => {
    for (const query of ['SELECT Id FROM Case WHERE |', "SELECT Id FROM Case WHERE Status = 'New' AND |", 'SELECT Id FROM Case WHERE (|']) {
      const labels = at(query);
      assert.ok(labels.includes('Status') && !labels.includes('='), `${query}: ${labels.join(', ')}`);
    }
    assert.ok(at('SELECT Id FROM Case WHERE Status |').includes('='));
    assert.ok(at('SELECT Id FROM Case WHERE Status |').includes('NOT IN'));
    assert.ok(at('SELECT Id FROM Case WHERE CreatedDate > |').includes('LAST_N_DAYS:'));
    const joiners = at("SELECT Id FROM Case WHERE Status = 'New' |");
    assert.ok(joiners.includes('AND') && joiners.includes('OR') && !joiners.includes('Status'), joiners.join(', '));
  });

  it('treats a date function call in a condition like a field, and a closed value list like a value', () => {
    assert.ok(at('SELECT Id FROM Case WHERE CALENDAR_YEAR(CreatedDate) |').includes('='));
    assert.ok(at("SELECT Id FROM Case WHERE Status IN ('New') |").includes('AND'));
  });

  it('offers fields after ORDER BY, then ASC and DESC, then NULLS FIRST/LAST', () => {
    assert.ok(at('SELECT Id FROM Case ORDER BY |').includes('CreatedDate'));
    const direction = at('SELECT Id FROM Case ORDER BY CreatedDate |');
    assert.ok(direction.includes('ASC') && direction.includes('DESC') && !direction.includes('CreatedDate'), direction.join(', '));
    assert.ok(at('SELECT Id FROM Case ORDER BY CreatedDate DESC |').includes('NULLS LAST'));
    assert.ok(!at('SELECT Id FROM Case ORDER BY CreatedDate DESC |').includes('ASC'));
  });

  it('offers the subquery\'s own clauses inside a subquery', () => {
    assert.deepEqual(at('SELECT Id FROM Case WHERE ContactId IN (SELECT Id FROM |'), ['Case', 'Contact']);
  });

  it('offers SELECT in an empty query, and nothing after LIMIT', () => {
    assert.deepEqual(at('|'), ['SELECT']);
    assert.deepEqual(at('SELECT Id FROM Case LIMIT |'), []);
  });
});
