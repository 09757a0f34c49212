import assert from 'node:assert/strict';
import { compileLike } from '../../../../src/emulator/soql/like';
import { fixtureOrg, ids, idsOf, query, type Fixture } from './fixture';

describe('executeSoql: WHERE', () => {
  let f: Fixture;
  before(() => {
    f = fixtureOrg();
  });
  const where = (clause: string, object = 'Case') => query(f, `SELECT Id FROM ${object} WHERE ${clause} ORDER BY CreatedDate DESC, Id`);
  const names = (clause: string) => query(f, `SELECT Name FROM Survey_Response__c WHERE ${clause} ORDER BY Name`).records.map((r) => r.Name);

  it('compares text with = and != without regard to case, and != keeps nulls', () => {
    assert.deepEqual(ids(where("Subject = 'REFUND request'").records), idsOf(f.cases, 1));
    assert.deepEqual(ids(where("Status = 'new'").records), idsOf(f.cases, 0, 5));
    assert.deepEqual(ids(where("Subject != 'Refund request'").records), idsOf(f.cases, 0, 2, 3, 5));
  });

  it('combines AND, OR, NOT and parentheses with SOQL precedence', () => {
    assert.deepEqual(ids(where("Status = 'New' AND (Priority = 'High' OR Origin = 'SMS')").records), idsOf(f.cases, 0, 5));
    assert.deepEqual(ids(where("(Status = 'New' AND Priority = 'High') OR Origin = 'Chat'").records), idsOf(f.cases, 0, 3));
    assert.deepEqual(ids(where("NOT Status = 'New' AND Priority = 'Low'").records), idsOf(f.cases, 1, 2));
    assert.deepEqual(ids(where("NOT (Status = 'New' OR Priority = 'Low')").records), idsOf(f.cases, 3));
    assert.deepEqual(ids(where("Origin = 'Web' OR (Origin = 'Email' AND NOT Priority = 'High')").records), idsOf(f.cases, 0, 1));
  });

  it('checks null with = null and != null', () => {
    assert.deepEqual(ids(where('Subject = null').records), idsOf(f.cases, 3));
    assert.equal(where('Subject != null').totalSize, 4);
    assert.deepEqual(names('Case__c = null'), ['S3']);
  });

  it('compares numbers with < > <= >=, leaving nulls out', () => {
    assert.deepEqual(names('Score__c > 7'), ['S1']);
    assert.deepEqual(names('Score__c >= 7'), ['S1', 'S4']);
    assert.deepEqual(names('Score__c < 7'), ['S2']);
    assert.deepEqual(names('Score__c <= 7.0'), ['S2', 'S4']);
    assert.deepEqual(names('Score__c != 3'), ['S1', 'S3', 'S4']);
  });

  it('matches IN and NOT IN lists, NOT IN keeping nulls', () => {
    assert.deepEqual(ids(where("Origin IN ('web', 'Email')").records), idsOf(f.cases, 0, 1));
    assert.deepEqual(ids(where("Priority NOT IN ('High', 'Low')").records), idsOf(f.cases, 3, 5));
    assert.deepEqual(ids(where(`Id IN ('${String(f.cases[2]!.Id).slice(0, 15)}')`).records), idsOf(f.cases, 2));
  });

  it('matches LIKE with % and _ without regard to case, and escaped wildcards literally', () => {
    assert.deepEqual(ids(where("Subject LIKE 'refund%'").records), idsOf(f.cases, 1, 2));
    assert.deepEqual(ids(where("Subject LIKE '%ARRIVED'").records), idsOf(f.cases, 0));
    assert.deepEqual(ids(where("Subject LIKE 'Refund reques_'").records), idsOf(f.cases, 1));
    assert.deepEqual(ids(where("Subject LIKE '100\\% sure\\_thing'").records), idsOf(f.cases, 5));
    assert.equal(compileLike('a\\%b')('axxb'), false);
    assert.equal(compileLike('a\\%b')('a%b'), true);
    assert.equal(compileLike('a.b%')('a.b and more'), true);
    assert.equal(compileLike('a.b')('axb'), false);
  });

  it('matches INCLUDES and EXCLUDES on a multi-select picklist, ; meaning all of', () => {
    assert.deepEqual(names("Tags__c INCLUDES ('Billing')"), ['S1', 'S4']);
    assert.deepEqual(names("Tags__c INCLUDES ('Billing;Support', 'Delivery')"), ['S2', 'S4']);
    assert.deepEqual(names("Tags__c EXCLUDES ('Product')"), ['S2', 'S3']);
  });

  it('compares datetimes given with Z or an offset, at the instant', () => {
    assert.deepEqual(ids(where('CreatedDate > 2026-03-09T09:00:00Z').records), idsOf(f.cases, 0));
    assert.deepEqual(ids(where('CreatedDate >= 2026-03-09T09:00:00Z').records), idsOf(f.cases, 0, 1, 2));
    assert.deepEqual(ids(where('CreatedDate >= 2026-03-09T10:00:00+01:00 AND CreatedDate < 2026-03-09T04:00:01-05:00').records), idsOf(f.cases, 1, 2));
    assert.deepEqual(ids(where('CreatedDate = 2026-03-09T09:00:00.000Z').records), idsOf(f.cases, 1, 2));
    assert.deepEqual(names('Submitted_At__c = 2026-03-10T09:00:00Z'), ['S1']);
  });

  it('compares date fields with date literals', () => {
    const contacts = f.org.rows('Contact').filter((c) => typeof c.Birthdate === 'string');
    const pivot = String(contacts[0]!.Birthdate);
    const expected = f.org.rows('Contact').filter((c) => typeof c.Birthdate === 'string' && String(c.Birthdate) >= pivot).length;
    assert.equal(query(f, `SELECT Id FROM Contact WHERE Birthdate >= ${pivot}`).totalSize, expected);
  });

  it('answers relative date literals from the clock passed in', () => {
    assert.deepEqual(ids(where('CreatedDate = TODAY').records), idsOf(f.cases, 0));
    assert.deepEqual(ids(where('CreatedDate = YESTERDAY').records), idsOf(f.cases, 1, 2));
    assert.deepEqual(ids(where('CreatedDate = LAST_N_DAYS:1').records), idsOf(f.cases, 0, 1, 2));
    assert.deepEqual(ids(where('CreatedDate = THIS_MONTH').records), idsOf(f.cases, 0, 1, 2));
    assert.deepEqual(ids(where('CreatedDate = LAST_MONTH').records), idsOf(f.cases, 3));
    assert.deepEqual(ids(where('CreatedDate = LAST_YEAR').records), idsOf(f.cases, 5));
    assert.deepEqual(ids(where('CreatedDate < THIS_YEAR').records), idsOf(f.cases, 5));
    assert.deepEqual(ids(where('CreatedDate > LAST_N_DAYS:1').records), []);
    assert.deepEqual(ids(where('CreatedDate = NEXT_N_DAYS:5').records), []);
    assert.deepEqual(ids(where('CreatedDate IN (TODAY, LAST_MONTH)').records), idsOf(f.cases, 0, 3));
  });

  it('compares booleans', () => {
    assert.equal(query(f, 'SELECT Id FROM Case WHERE IsDeleted = true', true).totalSize, 1);
    assert.equal(query(f, 'SELECT Id FROM Case WHERE IsDeleted = false', true).totalSize, 5);
  });

  it('filters on parent fields through a relationship', () => {
    assert.deepEqual(names("Case__r.Status = 'New'"), ['S1', 'S4']);
    assert.equal(where(`Owner.Username = '${f.agent.username}'`).totalSize, 5);
  });
});
