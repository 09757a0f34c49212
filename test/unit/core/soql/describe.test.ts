import assert from 'node:assert/strict';
import { describeSourceOf, type FieldDescribe, type SObjectDescribe } from '../../../../src/core/describe';
import { analyzeSoql, closestNames, dateCandidatesByName, editDistance, resolveFieldPath } from '../../../../src/core/soql';

function field(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
  return { name, label: name, type, filterable: true, groupable: true, ...extra };
}

const caseObject: SObjectDescribe = {
  name: 'Case',
  label: 'Case',
  fields: [
    field('Id', 'id'),
    field('Subject', 'string'),
    field('Status', 'picklist'),
    field('CreatedDate', 'datetime'),
    field('ClosedDate', 'datetime'),
    field('SlaStartDate', 'datetime'),
    field('Follow_Up_Date__c', 'date'),
    field('LastUpdateTime__c', 'string'),
    field('AccountId', 'reference', { relationshipName: 'Account', referenceTo: ['Account'] }),
    field('OwnerId', 'reference', { relationshipName: 'Owner', referenceTo: ['User', 'Group'] }),
    field('ContactId', 'reference', { relationshipName: 'Contact', referenceTo: ['Contact'] }),
  ],
};

const accountObject: SObjectDescribe = {
  name: 'Account',
  label: 'Account',
  fields: [field('Id', 'id'), field('Name', 'string'), field('LastActivityDate', 'date'), field('Industry', 'picklist')],
};

const orgDescribe = describeSourceOf([caseObject, accountObject, { name: 'LiveChatTranscript', label: 'Chat Transcript', fields: [field('Id', 'id')] }]);

function marked(query: string, problems: readonly { code: string; start: number; end: number }[]): [string, string][] {
  return problems.map((p) => [p.code, query.slice(p.start, p.end)]);
}

describe('analyzeSoql with describe data', () => {
  it('flags an unknown object at its name and suggests the closest ones', () => {
    const query = 'SELECT Id FROM Cse';
    const { problems, facts } = analyzeSoql(query, { describe: orgDescribe });
    assert.deepEqual(marked(query, problems), [['unknown-object', 'Cse']]);
    assert.match(problems[0].message, /did you mean 'Case'\?/);
    assert.deepEqual(problems[0].data?.suggestions, ['Case']);
    assert.equal(facts?.object, 'Cse');
  });

  it('gives no suggestion when nothing is close', () => {
    const { problems } = analyzeSoql('SELECT Id FROM Opportunity', { describe: orgDescribe });
    assert.equal(problems[0].code, 'unknown-object');
    assert.doesNotMatch(problems[0].message, /did you mean/);
  });

  it('spells the object as the org does', () => {
    assert.equal(analyzeSoql('SELECT Id FROM livechattranscript', { describe: orgDescribe }).facts?.object, 'LiveChatTranscript');
  });

  it('flags an unknown field at its characters with "did you mean"', () => {
    const query = 'SELECT Id, Subjcet, Status FROM Case';
    const { problems } = analyzeSoql(query, { describe: orgDescribe });
    assert.deepEqual(marked(query, problems), [['unknown-field', 'Subjcet']]);
    assert.match(problems[0].message, /Case has no field 'Subjcet' \(did you mean 'Subject'\?\)/);
  });

  it('accepts field names in any case, as SOQL does', () => {
    assert.deepEqual(analyzeSoql('SELECT id, SUBJECT, createddate FROM case', { describe: orgDescribe }).problems, []);
  });

  it('follows a relationship path and flags the segment that is wrong', () => {
    const badField = 'SELECT Account.Nmae FROM Case';
    assert.deepEqual(marked(badField, analyzeSoql(badField, { describe: orgDescribe }).problems), [['unknown-field', 'Nmae']]);
    const badRelationship = 'SELECT Acount.Name FROM Case';
    const { problems } = analyzeSoql(badRelationship, { describe: orgDescribe });
    assert.deepEqual(marked(badRelationship, problems), [['unknown-field', 'Acount']]);
    assert.match(problems[0].message, /no relationship 'Acount' \(did you mean 'Account'\?\)/);
  });

  it('leaves alone paths through objects that are not cached or are polymorphic', () => {
    assert.deepEqual(analyzeSoql('SELECT Contact.Whatever, Owner.Anything FROM Case', { describe: orgDescribe }).problems, []);
  });

  it('flags a field written with the FROM alias at the field name only', () => {
    const query = 'SELECT c.Id, c.Stauts FROM Case c';
    assert.deepEqual(marked(query, analyzeSoql(query, { describe: orgDescribe }).problems), [['unknown-field', 'Stauts']]);
  });

  it('checks the fields WHERE and ORDER BY use, but not those of a semi-join subquery', () => {
    const query =
      "SELECT Id FROM Case c WHERE (c.Stauts = 'New' OR Account.Industy NOT IN ('x')) AND Id IN (SELECT CaseId FROM CaseComment WHERE Nope = 1) " +
      'AND CALENDAR_YEAR(CreatedDate) = 2024 ORDER BY ClosedDat DESC NULLS LAST, Subject';
    assert.deepEqual(marked(query, analyzeSoql(query, { describe: orgDescribe }).problems), [
      ['unknown-field', 'Stauts'],
      ['unknown-field', 'Industy'],
      ['unknown-field', 'ClosedDat'],
    ]);
  });

  it('takes exactly the selected date and datetime fields as candidates, whatever their names', () => {
    const query = 'SELECT Id, SlaStartDate, LastUpdateTime__c, Follow_Up_Date__c, Account.LastActivityDate, Subject FROM Case';
    assert.deepEqual(analyzeSoql(query, { describe: orgDescribe }).facts?.dateFieldCandidates, ['SlaStartDate', 'Follow_Up_Date__c', 'Account.LastActivityDate']);
    assert.ok(analyzeSoql(query).facts?.dateFieldCandidates.includes('LastUpdateTime__c'), 'by name alone it looked like a date');
  });

  it('offers the date fields FIELDS() brings, split into standard and custom by the __c suffix', () => {
    const candidates = (query: string) => analyzeSoql(query, { describe: orgDescribe }).facts?.dateFieldCandidates;
    assert.deepEqual(candidates('SELECT FIELDS(STANDARD) FROM Case'), ['CreatedDate', 'ClosedDate', 'SlaStartDate']);
    assert.deepEqual(candidates('SELECT Id, FIELDS(CUSTOM) FROM Case LIMIT 200'), ['Follow_Up_Date__c']);
    assert.deepEqual(candidates('SELECT CreatedDate, FIELDS(ALL) FROM Case LIMIT 200'), ['CreatedDate', 'ClosedDate', 'SlaStartDate', 'Follow_Up_Date__c']);
    assert.deepEqual(analyzeSoql('SELECT FIELDS(STANDARD) FROM Case').facts?.dateFieldCandidates, [], 'without describe data nothing is known');
  });

  it('falls back to names for fields it cannot resolve', () => {
    const query = 'SELECT Id, Contact.Birthdate, Owner.CreatedDate FROM Case';
    assert.deepEqual(analyzeSoql(query, { describe: orgDescribe }).facts?.dateFieldCandidates, ['Contact.Birthdate', 'Owner.CreatedDate']);
  });

  it('uses a date candidate source passed in instead of the defaults', () => {
    const onlyFirst = { dateCandidates: (_object: string | undefined, fields: readonly { path: string }[]) => fields.slice(0, 1).map((f) => f.path) };
    assert.deepEqual(analyzeSoql('SELECT Subject, CreatedDate FROM Case', { dateCandidates: onlyFirst }).facts?.dateFieldCandidates, ['Subject']);
    assert.deepEqual(dateCandidatesByName.dateCandidates('Case', [{ path: 'CreatedDate', start: 0, end: 11 }]), ['CreatedDate']);
  });
});

describe('resolveFieldPath', () => {
  it('resolves a field through a single-target lookup', () => {
    const resolved = resolveFieldPath(orgDescribe, 'case', 'account.industry');
    assert.equal(resolved.status, 'found');
    assert.equal(resolved.status === 'found' && resolved.field.name, 'Industry');
  });

  it('says unresolved when the object is not cached', () => {
    assert.deepEqual(resolveFieldPath(orgDescribe, 'Lead', 'Name'), { status: 'unresolved' });
  });
});

describe('closestNames', () => {
  it('orders suggestions by edit distance and keeps only close ones', () => {
    assert.deepEqual(closestNames('Stats', ['Status', 'State', 'Subject', 'Stats__c']), ['State', 'Status']);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
  });
  it('leaves fields reached through a second FROM object unchecked, and checks the others', () => {
    const query = "SELECT Id, Subject, a.Name, a.Whatever FROM Case c, c.Account a WHERE a.Name != null AND Stauts = 'New'";
    assert.deepEqual(marked(query, analyzeSoql(query, { describe: orgDescribe }).problems), [['unknown-field', 'Stauts']]);
  });
});
