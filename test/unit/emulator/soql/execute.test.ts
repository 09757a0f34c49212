import assert from 'node:assert/strict';
import { executeSoql } from '../../../../src/emulator/soql/execute';
import { fixtureOrg, ids, idsOf, NOW, query, type Fixture } from './fixture';

describe('executeSoql: selecting records', () => {
  let f: Fixture;
  before(() => {
    f = fixtureOrg();
  });

  it('answers object and field names in canonical case whatever case the query used', () => {
    const { records } = query(f, 'select id, SUBJECT, createddate from case where subject = \'Order has not arrived\'');
    assert.deepEqual(Object.keys(records[0]!), ['attributes', 'Id', 'Subject', 'CreatedDate']);
    assert.equal(records[0]!.CreatedDate, '2026-03-10T09:00:00.000+0000');
  });

  it('puts attributes {type, url} with the API version on every record', () => {
    const { records } = query(f, 'SELECT Id FROM Case');
    for (const record of records) {
      assert.deepEqual(record.attributes, { type: 'Case', url: `/services/data/v62.0/sobjects/Case/${String(record.Id)}` });
    }
  });

  it('leaves deleted rows out of query and includes them for queryAll', () => {
    assert.equal(query(f, 'SELECT Id FROM Case').totalSize, 5);
    const all = query(f, 'SELECT Id, IsDeleted FROM Case', true);
    assert.equal(all.totalSize, 6);
    assert.ok(all.records.some((r) => r.IsDeleted === true));
  });

  it('nests parent fields in objects with their own attributes, merging fields of one parent', () => {
    const { records } = query(f, `SELECT Id, Owner.Name, Owner.Email, Account.Name FROM Case WHERE Id = '${String(f.cases[0]!.Id)}'`);
    const owner = records[0]!.Owner as Record<string, unknown>;
    assert.deepEqual(owner, {
      // Owner may be a user or a queue: Salesforce types it as the Name entity, with the real object's URL.
      attributes: { type: 'Name', url: `/services/data/v62.0/sobjects/User/${f.agent.userId}` },
      Name: f.agent.name,
      Email: f.agent.email,
    });
    assert.equal((records[0]!.Account as Record<string, unknown>).Name, f.account.Name);
  });

  it('answers null for an empty lookup, and follows custom relationships (__r) two levels deep', () => {
    const noAccount = query(f, `SELECT Account.Name FROM Case WHERE Id = '${String(f.cases[2]!.Id)}'`);
    assert.equal(noAccount.records[0]!.Account, null);
    const deep = query(f, "SELECT Name, Case__r.Subject, Case__r.Owner.Name FROM Survey_Response__c WHERE Name IN ('S1', 'S3') ORDER BY Name");
    assert.deepEqual((deep.records[0]!.Case__r as Record<string, unknown>).Subject, 'Order has not arrived');
    assert.equal(((deep.records[0]!.Case__r as Record<string, unknown>).Owner as Record<string, unknown>).Name, f.agent.name);
    assert.equal(deep.records[1]!.Case__r, null);
  });

  it('answers a child subquery as {totalSize, done, records}, filtered and sorted, or null when there are none', () => {
    const { records } = query(f, "SELECT Subject, (SELECT Status, StartTime FROM LiveChatTranscripts ORDER BY StartTime) FROM Case WHERE Status IN ('New', 'Closed') ORDER BY CreatedDate DESC");
    const first = records[0]!.LiveChatTranscripts as { totalSize: number; done: boolean; records: Record<string, unknown>[] };
    assert.equal(first.totalSize, 2);
    assert.equal(first.done, true);
    assert.deepEqual(first.records.map((r) => r.Status), ['Missed', 'Completed']);
    assert.equal((first.records[0]!.attributes as { type: string }).type, 'LiveChatTranscript');
    // The only chat of the closed case is deleted, so the subquery is empty.
    assert.equal(records[1]!.LiveChatTranscripts, null);
    const filtered = query(f, "SELECT (SELECT Id FROM LiveChatTranscripts WHERE Status = 'Completed') FROM Case WHERE Status = 'New' ORDER BY CreatedDate DESC LIMIT 1");
    assert.equal((filtered.records[0]!.LiveChatTranscripts as { totalSize: number }).totalSize, 1);
  });

  it('orders by several keys, ascending and descending, with nulls first or last', () => {
    const bySubject = query(f, 'SELECT Subject FROM Case ORDER BY Subject');
    assert.equal(bySubject.records[0]!.Subject, null, 'nulls come first when ascending');
    const desc = query(f, 'SELECT Subject FROM Case ORDER BY Subject DESC');
    assert.equal(desc.records[desc.records.length - 1]!.Subject, null, 'nulls come last when descending');
    const nullsLast = query(f, 'SELECT Subject FROM Case ORDER BY Subject ASC NULLS LAST');
    assert.equal(nullsLast.records[nullsLast.records.length - 1]!.Subject, null);
    const twoKeys = query(f, 'SELECT Priority, CreatedDate FROM Case ORDER BY Priority DESC NULLS LAST, CreatedDate ASC');
    assert.deepEqual(twoKeys.records.map((r) => r.Priority), ['Medium', 'Low', 'Low', 'High', null]);
    assert.ok(String(twoKeys.records[1]!.CreatedDate) <= String(twoKeys.records[2]!.CreatedDate));
  });

  it('sorts text without regard to case', () => {
    const { records } = query(f, "SELECT Subject FROM Case WHERE Subject LIKE '%refund%' ORDER BY Subject");
    assert.deepEqual(records.map((r) => r.Subject), ['Refund request', 'refund REQUEST again']);
  });

  it('applies LIMIT and OFFSET after sorting', () => {
    const all = query(f, 'SELECT Id FROM Case ORDER BY CreatedDate, Id');
    const window = query(f, 'SELECT Id FROM Case ORDER BY CreatedDate, Id LIMIT 2 OFFSET 1');
    assert.equal(window.totalSize, 2);
    assert.deepEqual(ids(window.records), ids(all.records).slice(1, 3));
    assert.equal(query(f, 'SELECT Id FROM Case LIMIT 0').totalSize, 0);
  });

  it('serves any page of a result without running the query again', () => {
    const execution = executeSoql(f.org, 'SELECT Id FROM Case ORDER BY CreatedDate DESC', { includeDeleted: false, now: NOW, apiVersion: '61.0' });
    const whole = execution.page(0, 100);
    assert.deepEqual([...execution.page(0, 2), ...execution.page(2, 2), ...execution.page(4, 2)], whole);
    assert.deepEqual(execution.page(10, 5), []);
    assert.match(String((whole[0]!.attributes as { url: string }).url), /^\/services\/data\/v61\.0\//);
  });

  it('expands FIELDS(ALL), FIELDS(STANDARD) and FIELDS(CUSTOM) from the describe', () => {
    const describe = f.org.describe('Survey_Response__c')!;
    const all = query(f, 'SELECT FIELDS(ALL) FROM Survey_Response__c LIMIT 200');
    assert.deepEqual(Object.keys(all.records[0]!).slice(1), describe.fields.map((d) => d.name));
    const custom = query(f, 'SELECT FIELDS(CUSTOM) FROM Survey_Response__c LIMIT 10');
    assert.ok(Object.keys(custom.records[0]!).slice(1).every((k) => k.endsWith('__c')));
    const standard = query(f, 'SELECT FIELDS(STANDARD) FROM Survey_Response__c LIMIT 10');
    assert.ok(Object.keys(standard.records[0]!).slice(1).every((k) => !k.endsWith('__c')));
  });

  it('returns chat bodies and numbers in their JSON types', () => {
    const { records } = query(f, `SELECT Body, ChatDuration FROM LiveChatTranscript WHERE Id = '${String(f.chats[0]!.Id)}'`);
    assert.equal(records[0]!.Body, '<p align="center">Chat Started: x</p>');
    assert.equal(records[0]!.ChatDuration, 300);
  });

  it('filters with a semi-join subquery', () => {
    const { records } = query(f, 'SELECT Id FROM Case WHERE Id IN (SELECT Case__c FROM Survey_Response__c) ORDER BY CreatedDate DESC');
    assert.deepEqual(ids(records), idsOf(f.cases, 0, 1));
    const not = query(f, 'SELECT Id FROM Case WHERE Id NOT IN (SELECT Case__c FROM Survey_Response__c)');
    assert.equal(not.totalSize, 3);
  });
});
