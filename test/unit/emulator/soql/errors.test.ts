import assert from 'node:assert/strict';
import { executeSoql } from '../../../../src/emulator/soql/execute';
import { SoqlError } from '../../../../src/emulator/soql/types';
import { fixtureOrg, NOW, type Fixture } from './fixture';

const WSDL_FIELD = "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";

describe('executeSoql: errors as Salesforce gives them', () => {
  let f: Fixture;
  before(() => {
    f = fixtureOrg();
  });

  function failure(soql: string): SoqlError {
    try {
      executeSoql(f.org, soql, { includeDeleted: false, now: NOW, apiVersion: '62.0' });
    } catch (error) {
      assert.ok(error instanceof SoqlError, `expected a SoqlError, got ${String(error)}`);
      return error;
    }
    assert.fail(`expected ${soql} to fail`);
  }

  it('reports an unknown column as INVALID_FIELD with the statement, a caret, the row and column', () => {
    const error = failure('SELECT Foo FROM Case');
    assert.equal(error.status, 400);
    assert.equal(error.errorCode, 'INVALID_FIELD');
    assert.equal(error.message, `\nSELECT Foo FROM Case\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Case'. ${WSDL_FIELD}`);
  });

  it('points at the right row and column of a statement over several lines', () => {
    const error = failure('SELECT Id,\n  Subject, Nope__c\nFROM Case');
    assert.equal(error.message, `\n  Subject, Nope__c\n           ^\nERROR at Row:2:Column:12\nNo such column 'Nope__c' on entity 'Case'. ${WSDL_FIELD}`);
  });

  it('reports an unknown object as INVALID_TYPE', () => {
    const error = failure('SELECT Id FROM Cases');
    assert.equal(error.errorCode, 'INVALID_TYPE');
    assert.match(error.message, /^\nSELECT Id FROM Cases\n {15}\^\nERROR at Row:1:Column:16\nsObject type 'Cases' is not supported\. If you are attempting to use a custom object, be sure to append the '__c' after the entity name\./);
  });

  it('reports unknown relationships in a field path and in a subquery', () => {
    const parent = failure('SELECT Id, Ownr.Name FROM Case');
    assert.equal(parent.errorCode, 'INVALID_FIELD');
    assert.match(parent.message, /ERROR at Row:1:Column:12\nDidn't understand relationship 'Ownr' in field path\./);
    const child = failure('SELECT Id, (SELECT Id FROM Chats) FROM Case');
    assert.equal(child.errorCode, 'INVALID_TYPE');
    assert.match(child.message, /ERROR at Row:1:Column:28\nDidn't understand relationship 'Chats' in FROM part of query call\./);
  });

  it('reports a filter on a field that is not filterable, and a sort on one that is not sortable', () => {
    const filter = failure("SELECT Id FROM LiveChatTranscript WHERE Body = 'x'");
    assert.equal(filter.errorCode, 'INVALID_FIELD');
    assert.match(filter.message, /Column:41\nfield 'Body' can not be filtered in a query call$/);
    const comment = failure("SELECT Id FROM Survey_Response__c WHERE Comment__c LIKE '%bad%'");
    assert.match(comment.message, /field 'Comment__c' can not be filtered in a query call$/);
    const sort = failure('SELECT Id FROM LiveChatTranscript ORDER BY Body');
    assert.match(sort.message, /field 'Body' can not be sorted in a query call$/);
  });

  it('reports a value of the wrong kind for the field', () => {
    const quotedDate = failure("SELECT Id FROM Case WHERE CreatedDate > '2026-01-01T00:00:00Z'");
    assert.equal(quotedDate.errorCode, 'INVALID_FIELD');
    assert.match(quotedDate.message, /value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes$/);
    assert.match(failure('SELECT Id FROM Case WHERE CreatedDate > 2026-01-01').message, /must be of type dateTime/);
    assert.match(failure('SELECT Id FROM Case WHERE Subject = 5').message, /field 'Subject' must be of type string and should be enclosed in quotes$/);
    assert.match(failure("SELECT Id FROM Survey_Response__c WHERE Score__c = '5'").message, /must be of type double and should not be enclosed in quotes$/);
    assert.match(failure('SELECT Id FROM Case WHERE Status = 5').message, /field 'Status' must be of type string and should be enclosed in quotes$/);
  });

  it('reports a datetime that names no real day, and a field selected twice', () => {
    assert.match(failure('SELECT Id FROM Case WHERE CreatedDate = 2026-02-30T00:00:00Z').message, /ERROR at Row:1:Column:41\nvalue of filter criterion for field 'CreatedDate' must be of type dateTime/);
    const duplicate = failure('SELECT Id, Subject, subject FROM Case');
    assert.equal(duplicate.errorCode, 'MALFORMED_QUERY');
    assert.match(duplicate.message, /ERROR at Row:1:Column:21\nduplicate field selected: Subject$/);
    assert.doesNotThrow(() => executeSoql(f.org, 'SELECT Id, FIELDS(STANDARD) FROM Case LIMIT 1', { includeDeleted: false, now: NOW, apiVersion: '62.0' }));
  });

  it('reports a malformed id as INVALID_QUERY_FILTER_OPERATOR', () => {
    const error = failure("SELECT Id FROM Case WHERE OwnerId = 'not-an-id'");
    assert.equal(error.errorCode, 'INVALID_QUERY_FILTER_OPERATOR');
    assert.match(error.message, /ERROR at Row:1:Column:37\ninvalid ID field: not-an-id$/);
  });

  it('reports a syntax error as MALFORMED_QUERY at the unexpected token', () => {
    const error = failure('SELECT Id FRM Case');
    assert.equal(error.errorCode, 'MALFORMED_QUERY');
    assert.equal(error.message, "\nSELECT Id FRM Case\n              ^\nERROR at Row:1:Column:15\nunexpected token: 'Case'");
    const end = failure('SELECT Id FROM Case WHERE');
    assert.match(end.message, /ERROR at Row:1:Column:26\nunexpected token: '<EOF>'$/);
    const character = failure("SELECT Id FROM Case WHERE Subject = 'open");
    assert.equal(character.errorCode, 'MALFORMED_QUERY');
    assert.match(character.message, /ERROR at Row:1:Column:37\n/);
  });

  it('does not print the parser diagnostics it reads positions from', () => {
    const printed: unknown[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => printed.push(args);
    try {
      failure('SELECT FROM');
    } finally {
      console.log = original;
    }
    assert.deepEqual(printed, []);
  });

  it('refuses AND and OR side by side without parentheses, as Salesforce does', () => {
    const error = failure("SELECT Id FROM Case WHERE Status = 'New' AND Priority = 'High' OR Origin = 'Web'");
    assert.equal(error.errorCode, 'MALFORMED_QUERY');
    assert.match(error.message, /ERROR at Row:1:Column:64\nunexpected token: 'OR'$/);
    assert.doesNotThrow(() => executeSoql(f.org, "SELECT Id FROM Case WHERE (Status = 'New' AND Priority = 'High') OR Origin = 'Web'", { includeDeleted: false, now: NOW, apiVersion: '62.0' }));
    assert.doesNotThrow(() => executeSoql(f.org, "SELECT Id FROM Case WHERE Status = 'New' OR Priority = 'High' OR Origin = 'Web'", { includeDeleted: false, now: NOW, apiVersion: '62.0' }));
  });

  it('refuses OFFSET above 2000 with NUMBER_OUTSIDE_VALID_RANGE', () => {
    const error = failure('SELECT Id FROM Case OFFSET 2001');
    assert.equal(error.errorCode, 'NUMBER_OUTSIDE_VALID_RANGE');
    assert.match(error.message, /ERROR at Row:1:Column:28\nMaximum SOQL offset allowed is 2000$/);
  });

  it('requires LIMIT 200 or less with FIELDS(ALL) and FIELDS(CUSTOM)', () => {
    for (const soql of ['SELECT FIELDS(ALL) FROM Case', 'SELECT FIELDS(CUSTOM) FROM Survey_Response__c LIMIT 201']) {
      const error = failure(soql);
      assert.equal(error.errorCode, 'MALFORMED_QUERY');
      assert.match(error.message, /ERROR at Row:1:Column:8\nThe SOQL FIELDS function must have a LIMIT of at most 200$/);
    }
  });

  it('refuses a selected field that is neither grouped nor aggregated', () => {
    const error = failure('SELECT Subject, COUNT(Id) FROM Case GROUP BY Status');
    assert.equal(error.errorCode, 'MALFORMED_QUERY');
    assert.match(error.message, /Field must be grouped or aggregated: Subject$/);
  });

  it('refuses grouping by a field that cannot be grouped', () => {
    assert.match(failure('SELECT Score__c FROM Survey_Response__c GROUP BY Score__c').message, /field 'Score__c' can not be grouped in a query call$/);
  });
});

describe('executeSoql: what the emulator does not support', () => {
  let f: Fixture;
  before(() => {
    f = fixtureOrg();
  });

  for (const [soql, column, name] of [
    ['SELECT Id, TYPEOF Owner WHEN User THEN Name END FROM Case', 12, 'TYPEOF'],
    ['SELECT convertCurrency(AnnualRevenue) FROM Account', 8, 'convertCurrency'],
    ['SELECT Id FROM Case WHERE CALENDAR_YEAR(CreatedDate) = 2026', 27, 'CALENDAR_YEAR'],
    ['SELECT Status FROM Case GROUP BY ROLLUP(Status)', 25, 'grouping by a function'],
  ] as const) {
    it(`says so as MALFORMED_QUERY at the spot: ${soql}`, () => {
      assert.throws(() => executeSoql(f.org, soql, { includeDeleted: false, now: NOW, apiVersion: '62.0' }), (error: SoqlError) => {
        assert.equal(error.errorCode, 'MALFORMED_QUERY');
        assert.match(error.message, new RegExp(`ERROR at Row:1:Column:${column}\\n.*${name}`));
        return true;
      });
    });
  }
});

describe('executeSoql: unknown fields behind a relationship', () => {
  it('names the last segment and the parent object, with the caret at the start of the path', () => {
    const f = fixtureOrg();
    assert.throws(() => executeSoql(f.org, 'SELECT Id, Account.Nme FROM Case', { includeDeleted: false, now: NOW, apiVersion: '62.0' }), (error: SoqlError) => {
      assert.equal(error.errorCode, 'INVALID_FIELD');
      assert.match(error.message, /^\nSELECT Id, Account\.Nme FROM Case\n {11}\^\nERROR at Row:1:Column:12\nNo such column 'Nme' on entity 'Account'\./);
      return true;
    });
  });
});
