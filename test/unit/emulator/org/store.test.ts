import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrg } from '../../../../src/emulator/org/create';

const NOW = new Date('2026-03-10T12:00:00Z');
const SMALL = { cases: 5, chats: 2, sms: 2, surveys: 3 };

describe('the in-memory org store', () => {
  it('describes objects whatever the case of the name, in Salesforce shape', () => {
    const org = createOrg({ seed: 1, now: NOW, records: SMALL });
    const chat = org.describe('livechattranscript');
    assert.equal(chat?.name, 'LiveChatTranscript');
    const body = chat!.fields.find((f) => f.name === 'Body')!;
    assert.equal(body.type, 'textarea');
    assert.equal(body.length, 131072);
    assert.equal(body.filterable, false);
    const survey = org.describe('Survey_Response__c')!;
    assert.equal(survey.fields.find((f) => f.name === 'Comment__c')!.filterable, false);
    const caseLookup = survey.fields.find((f) => f.name === 'Case__c')!;
    assert.deepEqual([caseLookup.type, caseLookup.relationshipName, caseLookup.referenceTo], ['reference', 'Case__r', ['Case']]);
    const caseChildren = org.describe('Case')!.childRelationships!.map((r) => r.relationshipName);
    assert.ok(caseChildren.includes('LiveChatTranscripts'));
    assert.ok(caseChildren.includes('Survey_Responses__r'));
    const extra = org.describe('Case') as unknown as Record<string, unknown>;
    assert.equal(extra.keyPrefix, '500');
    assert.equal(extra.queryable, true);
    assert.ok(org.describeGlobal().length >= 8);
  });

  it('fills Id, CreatedDate, LastModifiedDate, SystemModstamp and IsDeleted on insert, in canonical field case', () => {
    const org = createOrg({ seed: 1, now: NOW, records: SMALL });
    const [stored] = org.insert('case', [{ subject: 'Inserted', status: 'New', createddate: '2026-03-01T10:00:00Z' }]);
    assert.ok(String(stored!.Id).startsWith('500'));
    assert.equal(stored!.Subject, 'Inserted');
    assert.equal(stored!.CreatedDate, '2026-03-01T10:00:00.000+0000');
    assert.equal(stored!.LastModifiedDate, stored!.CreatedDate);
    assert.equal(stored!.IsDeleted, false);
    assert.ok(org.rows('Case').includes(stored!));
  });

  it('bumps LastModifiedDate and SystemModstamp on update and answers undefined for an unknown id', () => {
    const org = createOrg({ seed: 1, now: NOW, records: SMALL });
    const target = org.rows('Case')[0]!;
    const before = String(target.SystemModstamp);
    const updated = org.update('Case', String(target.Id).slice(0, 15), { Status: 'Closed' });
    assert.equal(updated?.Status, 'Closed');
    assert.ok(String(updated!.SystemModstamp) > before);
    assert.equal(updated!.LastModifiedDate, updated!.SystemModstamp);
    assert.equal(org.update('Case', '500000000000000AAA', { Status: 'x' }), undefined);
  });

  it('stamps inserts and edits to the second, so two edits within one second share a SystemModstamp', () => {
    let clock = Date.parse('2026-03-01T10:00:05.305Z');
    const org = createOrg({ seed: 1, now: NOW, clock: () => new Date(clock), records: SMALL });
    const [inserted] = org.insert('Case', [{ Subject: 'Stamped', Last_Reply_At__c: '2026-03-01T09:59:59.999Z' }]);
    assert.equal(inserted!.CreatedDate, '2026-03-01T10:00:05.000+0000');
    assert.equal(inserted!.Last_Reply_At__c, '2026-03-01T09:59:59.000+0000');
    clock += 400;
    const first = org.update('Case', String(inserted!.Id), { Status: 'Closed' });
    assert.equal(first!.SystemModstamp, '2026-03-01T10:00:05.000+0000');
    clock += 200;
    const second = org.update('Case', String(inserted!.Id), { Priority: 'High' });
    assert.equal(second!.SystemModstamp, '2026-03-01T10:00:05.000+0000', 'an edit in the same second keeps the stamp');
    for (const describe of org.describeGlobal()) {
      for (const field of describe.fields.filter((f) => f.type === 'datetime')) {
        for (const row of org.rows(describe.name)) {
          const value = row[field.name];
          if (value !== null && value !== undefined) assert.match(String(value), /\.000\+0000$/, `${describe.name}.${field.name}`);
        }
      }
    }
  });

  describe('loading a data folder', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'sfjob-org-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('adds records from <Object>.json and updates the ones whose Id exists', () => {
      const base = createOrg({ seed: 2, now: NOW, records: SMALL });
      const existing = base.rows('Case')[1]!;
      writeFileSync(join(dir, 'Case.json'), JSON.stringify([
        { Id: existing.Id, Subject: 'Replaced subject' },
        { Subject: 'From the file', Status: 'New', CreatedDate: '2026-03-02T08:00:00.000+0100' },
      ]));
      const org = createOrg({ seed: 2, now: NOW, records: SMALL, dataDir: dir });
      assert.equal(org.rows('Case').length, base.rows('Case').length + 1);
      assert.equal(org.rows('Case').find((c) => c.Id === existing.Id)!.Subject, 'Replaced subject');
      const added = org.rows('Case').find((c) => c.Subject === 'From the file')!;
      assert.equal(added.CreatedDate, '2026-03-02T07:00:00.000+0000');
    });

    it('replaces the generated rows of an object in replace mode', () => {
      writeFileSync(join(dir, 'Survey_Response__c.json'), JSON.stringify({ replace: true, records: [{ Name: 'Only one', Score__c: 9 }] }));
      const org = createOrg({ seed: 2, now: NOW, records: SMALL, dataDir: dir });
      assert.deepEqual(org.rows('Survey_Response__c').map((r) => r.Name), ['Only one']);
    });

    it('names the file and what to fix when a file is not usable', () => {
      writeFileSync(join(dir, 'Nope.json'), '[]');
      assert.throws(() => createOrg({ seed: 2, now: NOW, records: SMALL, dataDir: dir }), /Nope\.json: the emulator has no object named 'Nope'\. Name the file after one of: .*Case/);
      rmSync(join(dir, 'Nope.json'));
      writeFileSync(join(dir, 'Case.json'), '{ broken');
      assert.throws(() => createOrg({ seed: 2, now: NOW, records: SMALL, dataDir: dir }), /Case\.json: not valid JSON/);
      writeFileSync(join(dir, 'Case.json'), '{"records": 3}');
      assert.throws(() => createOrg({ seed: 2, now: NOW, records: SMALL, dataDir: dir }), /expected an array of record objects/);
      assert.throws(() => createOrg({ seed: 2, now: NOW, records: SMALL, dataDir: join(dir, 'missing') }), /Cannot read the data folder/);
    });
  });
});

describe('the store refusing bad input', () => {
  const org = () => createOrg({ seed: 1, now: NOW, records: SMALL });

  it('refuses an unknown field, naming the object and listing its fields', () => {
    assert.throws(() => org().insert('Case', [{ Subjekt: 'typo' }]), /^Error: Case has no field named 'Subjekt'\. Its fields are: Id, OwnerId, .*Subject/);
    assert.throws(() => org().update('Case', String(org().rows('Case')[0]!.Id), { Nope__c: 1 }), /Case has no field named 'Nope__c'/);
  });

  it('refuses values of the wrong kind, saying what the field takes', () => {
    assert.throws(() => org().insert('Case', [{ CreatedDate: 'yesterday' }]), /Case\.CreatedDate: "yesterday" is not a datetime; write it like "2024-05-01T10:00:00Z"/);
    assert.throws(() => org().insert('Contact', [{ LastName: 'X', Birthdate: '01/02/2000' }]), /Contact\.Birthdate: "01\/02\/2000" is not a date/);
    assert.throws(() => org().insert('Survey_Response__c', [{ Score__c: 'high' }]), /Survey_Response__c\.Score__c: "high" is not a number/);
    assert.throws(() => org().insert('Case', [{ IsEscalated: 'yes' }]), /Case\.IsEscalated: "yes" is not true or false/);
    assert.throws(() => org().insert('Case', [{ Subject: 42 }]), /Case\.Subject: 42 is not text/);
  });

  it('stores nothing from a batch holding one bad record', () => {
    const store = org();
    const before = store.rows('Case').length;
    assert.throws(() => store.insert('Case', [{ Subject: 'fine' }, { Subject: 1 }]));
    assert.equal(store.rows('Case').length, before);
  });

  it('fills the owner, names and numbers Salesforce would set on a new record', () => {
    const store = org();
    const integration = store.users().find((u) => u.username === 'integration@sfjob.local')!;
    const [contact] = store.insert('Contact', [{ FirstName: 'Ada', LastName: 'Lovelace' }]);
    assert.equal(contact!.Name, 'Ada Lovelace');
    assert.equal(contact!.OwnerId, integration.userId);
    const [first, second] = store.insert('Case', [{ Subject: 'a' }, { Subject: 'b' }]);
    assert.match(String(first!.CaseNumber), /^\d{8}$/);
    assert.notEqual(first!.CaseNumber, second!.CaseNumber);
    const [survey] = store.insert('Survey_Response__c', [{ Score__c: 1 }]);
    assert.equal(typeof survey!.Name, 'string');
  });

  it('merges a record whose Id exists without touching its creation date', () => {
    const store = org();
    const target = store.rows('Case')[0]!;
    const created = target.CreatedDate;
    store.insert('Case', [{ Id: target.Id, Subject: 'merged' }]);
    assert.equal(target.Subject, 'merged');
    assert.equal(target.CreatedDate, created);
  });
});

describe('the store clock', () => {
  it('stamps inserts and updates with the clock passed in, so moving it forward moves the stamps', () => {
    let current = new Date('2026-03-10T12:00:00Z');
    const org = createOrg({ seed: 1, now: NOW, clock: () => current, records: SMALL });
    const [inserted] = org.insert('Case', [{ Subject: 'clocked' }]);
    assert.equal(inserted!.CreatedDate, '2026-03-10T12:00:00.000+0000');
    current = new Date('2026-03-11T08:30:00Z');
    const updated = org.update('Case', String(inserted!.Id), { Status: 'Closed' });
    assert.equal(updated!.SystemModstamp, '2026-03-11T08:30:00.000+0000');
    assert.equal(updated!.CreatedDate, '2026-03-10T12:00:00.000+0000');
  });
});
