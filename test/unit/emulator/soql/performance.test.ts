import assert from 'node:assert/strict';
import { createOrg } from '../../../../src/emulator/org/create';
import { executeSoql } from '../../../../src/emulator/soql/execute';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('executeSoql over 200,000 rows', function () {
  this.timeout(60_000);
  let org: ReturnType<typeof createOrg>;
  before(() => {
    org = createOrg({ seed: 41, now: NOW, records: { cases: 200_000, chats: 0, sms: 0, surveys: 0 } });
  });

  it('runs a windowed incremental query sorted by a datetime in about a second and pages it cheaply', () => {
    const started = Date.now();
    const execution = executeSoql(org, 'SELECT Id, Subject, Owner.Name, SystemModstamp FROM Case WHERE SystemModstamp >= 2026-01-01T00:00:00Z AND SystemModstamp < 2026-03-10T00:00:00Z ORDER BY SystemModstamp, Id', { includeDeleted: false, now: NOW, apiVersion: '62.0' });
    const ran = Date.now() - started;
    assert.ok(execution.totalSize > 100_000);
    assert.ok(ran < 5_000, `query took ${ran} ms`);
    const pageStarted = Date.now();
    const page = execution.page(execution.totalSize - 2000, 2000);
    assert.ok(Date.now() - pageStarted < 500, `page took ${Date.now() - pageStarted} ms`);
    assert.equal(page.length, 2000);
    for (let i = 1; i < page.length; i++) {
      const [a, b] = [page[i - 1]!, page[i]!];
      assert.ok(String(a.SystemModstamp) < String(b.SystemModstamp) || (a.SystemModstamp === b.SystemModstamp && String(a.Id) < String(b.Id)));
    }
  });

  it('counts without building records', () => {
    const started = Date.now();
    const execution = executeSoql(org, 'SELECT COUNT() FROM Case WHERE CreatedDate = LAST_N_DAYS:30', { includeDeleted: false, now: NOW, apiVersion: '62.0' });
    assert.ok(execution.totalSize > 0);
    assert.ok(Date.now() - started < 2_000);
  });
});
