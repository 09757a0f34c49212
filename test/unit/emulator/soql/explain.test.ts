import assert from 'node:assert/strict';
import { createOrg } from '../../../../src/emulator/org/create';
import { explainSoql } from '../../../../src/emulator/soql/execute';
import { NOW } from './fixture';

describe('explainSoql', () => {
  let org: ReturnType<typeof createOrg>;
  before(() => {
    org = createOrg({ seed: 31, now: NOW, records: { cases: 2000 } });
  });

  it('leads with an Index plan for a selective filter on an indexed field', () => {
    const result = explainSoql(org, 'SELECT Id FROM Case WHERE SystemModstamp > 2026-03-09T00:00:00Z', { now: NOW });
    const best = result.plans[0]!;
    assert.equal(best.leadingOperationType, 'Index');
    assert.deepEqual(best.fields, ['SystemModstamp']);
    assert.equal(best.sobjectType, 'Case');
    assert.equal(best.sobjectCardinality, org.rows('Case').filter((c) => c.IsDeleted !== true).length);
    assert.ok(best.cardinality < best.sobjectCardinality * 0.3);
    assert.ok(best.relativeCost < 1);
    assert.ok(result.plans.some((p) => p.leadingOperationType === 'TableScan'));
    assert.equal(result.sourceQuery, 'SELECT Id FROM Case WHERE SystemModstamp > 2026-03-09T00:00:00Z');
  });

  it('falls back to a TableScan with a note for a filter on an unindexed field', () => {
    const result = explainSoql(org, "SELECT Id FROM Case WHERE Status = 'New'", { now: NOW });
    assert.equal(result.plans.length, 1);
    const [plan] = result.plans;
    assert.equal(plan!.leadingOperationType, 'TableScan');
    assert.equal(plan!.cardinality, org.rows('Case').filter((c) => c.IsDeleted !== true && c.Status === 'New').length);
    assert.deepEqual(plan!.notes, [{ description: 'Not considering filter for optimization because unindexed', fields: ['Status'], tableEnumOrId: 'Case' }]);
  });

  it('does not use an index that would select most of the table', () => {
    const result = explainSoql(org, 'SELECT Id FROM Case WHERE CreatedDate > 2020-01-01T00:00:00Z', { now: NOW });
    assert.deepEqual(result.plans.map((p) => p.leadingOperationType), ['TableScan']);
  });
});
