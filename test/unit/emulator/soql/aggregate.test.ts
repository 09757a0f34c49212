import assert from 'node:assert/strict';
import { fixtureOrg, query, type Fixture } from './fixture';

describe('executeSoql: aggregates', () => {
  let f: Fixture;
  before(() => {
    f = fixtureOrg();
  });

  it('answers COUNT() with totalSize only and no records', () => {
    const result = query(f, "SELECT COUNT() FROM Case WHERE Status = 'New'");
    assert.equal(result.totalSize, 2);
    assert.deepEqual(result.records, []);
    assert.equal(query(f, 'SELECT COUNT() FROM Case', true).totalSize, 6);
  });

  it('answers COUNT(Id) without GROUP BY as one AggregateResult row with expr0', () => {
    const result = query(f, 'SELECT COUNT(Id) FROM Case');
    assert.equal(result.totalSize, 1);
    assert.deepEqual(result.records, [{ attributes: { type: 'AggregateResult' }, expr0: 5 }]);
  });

  it('counts non-null values only with COUNT(field)', () => {
    assert.equal(query(f, 'SELECT COUNT(Subject) FROM Case').records[0]!.expr0, 4);
  });

  it('groups rows with GROUP BY, numbering unaliased aggregates expr0, expr1 and keeping given aliases', () => {
    const result = query(f, 'SELECT Status, COUNT(Id), MAX(CreatedDate) latest, MIN(CreatedDate) FROM Case GROUP BY Status ORDER BY Status');
    assert.deepEqual(result.records, [
      { attributes: { type: 'AggregateResult' }, Status: 'Closed', expr0: 1, latest: '2026-03-09T09:00:00.000+0000', expr1: '2026-03-09T09:00:00.000+0000' },
      { attributes: { type: 'AggregateResult' }, Status: 'Escalated', expr0: 1, latest: '2026-02-01T00:00:00.000+0000', expr1: '2026-02-01T00:00:00.000+0000' },
      { attributes: { type: 'AggregateResult' }, Status: 'New', expr0: 2, latest: '2026-03-10T09:00:00.000+0000', expr1: '2025-12-31T23:30:00.000+0000' },
      { attributes: { type: 'AggregateResult' }, Status: 'Working', expr0: 1, latest: '2026-03-09T09:00:00.000+0000', expr1: '2026-03-09T09:00:00.000+0000' },
    ]);
    assert.equal(result.totalSize, 4);
  });

  it('sums and averages numbers, and orders groups by an aggregate', () => {
    const result = query(f, 'SELECT Channel__c, SUM(Score__c) total, AVG(Score__c), COUNT_DISTINCT(Case__c) FROM Survey_Response__c GROUP BY Channel__c ORDER BY SUM(Score__c) DESC NULLS LAST');
    assert.deepEqual(result.records.map((r) => [r.Channel__c, r.total, r.expr0, r.expr1]), [
      ['Chat', 16.5, 8.25, 1],
      ['Email', 3, 3, 1],
      ['SMS', null, null, 0],
    ]);
  });

  it('groups by a parent field', () => {
    const result = query(f, 'SELECT Owner.Name, COUNT(Id) FROM Case GROUP BY Owner.Name');
    assert.deepEqual(result.records, [{ attributes: { type: 'AggregateResult' }, Name: f.agent.name, expr0: 5 }]);
  });

  it('applies LIMIT to groups', () => {
    assert.equal(query(f, 'SELECT Status, COUNT(Id) FROM Case GROUP BY Status LIMIT 2').totalSize, 2);
  });
});

describe('executeSoql: HAVING', () => {
  let f: Fixture;
  before(() => {
    f = fixtureOrg();
  });

  it('keeps the groups whose aggregates pass, combining conditions with AND and OR', () => {
    const counted = query(f, 'SELECT Status, COUNT(Id) FROM Case GROUP BY Status HAVING COUNT(Id) > 1');
    assert.deepEqual(counted.records.map((r) => r.Status), ['New']);
    const combined = query(f, "SELECT Priority, COUNT(Id) FROM Case GROUP BY Priority HAVING COUNT(Id) = 1 AND (Priority = 'Medium' OR MAX(CreatedDate) > 2026-03-01T00:00:00Z)");
    assert.deepEqual(combined.records.map((r) => r.Priority), ['High', 'Medium']);
  });

  it('refuses HAVING without GROUP BY and on a field that is not grouped', () => {
    assert.throws(() => query(f, 'SELECT COUNT(Id) FROM Case HAVING COUNT(Id) > 1'), { errorCode: 'MALFORMED_QUERY' });
    assert.throws(() => query(f, "SELECT Status, COUNT(Id) FROM Case GROUP BY Status HAVING Origin = 'Web'"), { errorCode: 'MALFORMED_QUERY', message: /Field must be grouped or aggregated: Origin$/ });
  });
});

describe('executeSoql: ordering groups', () => {
  it('orders by an aggregate that is not selected, and by a grouped field that is not selected', () => {
    const f = fixtureOrg();
    const byCount = query(f, 'SELECT Status FROM Case GROUP BY Status ORDER BY COUNT(Id) DESC, Status');
    assert.deepEqual(byCount.records.map((r) => r.Status), ['New', 'Closed', 'Escalated', 'Working']);
    assert.deepEqual(Object.keys(byCount.records[0]!), ['attributes', 'Status']);
    const byGroup = query(f, 'SELECT MIN(Subject) FROM Case GROUP BY Origin ORDER BY Origin DESC');
    assert.deepEqual(byGroup.records.map((r) => r.expr0), ['Order has not arrived', '100% sure_thing', 'refund REQUEST again', 'Refund request', null]);
    assert.equal(query(f, 'SELECT Status, COUNT(Id) FROM Case GROUP BY Status ORDER BY Status LIMIT 2 OFFSET 1').records[0]!.Status, 'Escalated');
  });
});
