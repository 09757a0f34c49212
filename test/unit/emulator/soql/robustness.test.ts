import assert from 'node:assert/strict';
import fc from 'fast-check';
import { executeSoql } from '../../../../src/emulator/soql/execute';
import { SoqlError } from '../../../../src/emulator/soql/types';
import { fixtureOrg, NOW, type Fixture } from './fixture';

const PIECES = [
  'SELECT', 'Id', ',', 'Subject', 'Owner.Name', 'COUNT()', 'COUNT(Id)', 'FROM', 'Case', 'Survey_Response__c', 'WHERE', 'AND', 'OR', 'NOT',
  '(', ')', '=', '!=', '>', '<=', 'IN', 'LIKE', "'x%'", "'New'", 'null', 'TODAY', 'LAST_N_DAYS:3', '2026-01-01T00:00:00Z', '2026-01-01',
  '5', 'true', 'ORDER BY', 'DESC', 'NULLS LAST', 'LIMIT', 'OFFSET', 'GROUP BY', 'Status', 'HAVING', 'CreatedDate', 'Score__c', 'Tags__c',
  'INCLUDES', "('a;b')", '(SELECT Id FROM LiveChatTranscripts)', 'FIELDS(ALL)', 'Body', 'Nope', "'", '\n',
];

describe('executeSoql on arbitrary input', () => {
  let f: Fixture;
  before(() => {
    f = fixtureOrg();
  });

  function answersOrRefuses(soql: string): void {
    try {
      const execution = executeSoql(f.org, soql, { includeDeleted: false, now: NOW, apiVersion: '62.0' });
      assert.ok(Array.isArray(execution.page(0, 5)));
    } catch (error) {
      if (!(error instanceof SoqlError)) throw new Error(`${soql} threw ${String(error)}`);
      assert.ok(error.status === 400 && /^[A-Z_]+$/.test(error.errorCode), soql);
    }
  }

  it('either answers or throws a SoqlError for statements made of SOQL pieces', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }), (pieces) => answersOrRefuses(['SELECT', ...pieces].join(' '))), { numRuns: 150, seed: 4510 });
  });

  it('either answers or throws a SoqlError for any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => answersOrRefuses(text)), { numRuns: 100, seed: 4510 });
  });
});
