import * as assert from 'node:assert/strict';
import type { Connection } from 'jsforce';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { API_VERSION, apiGet, manualClock, passwordConnection, rejectionOf } from './helpers';

const DATA = `/services/data/v${API_VERSION}`;

/** Calls the control endpoint the way a test script would, answering the parsed JSON. */
async function control(emulator: EmulatorHandle, method: string, path: string, body: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${emulator.url}/__emulator${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(response.ok, `${method} ${path} answered ${response.status}`);
  return response.json();
}

describe('emulator strictness: where a real org is strict, so is the emulator', () => {
  const clock = manualClock(Date.parse('2026-11-20T13:59:18.305Z'));
  let emulator: EmulatorHandle;
  let conn: Connection;
  before(async () => {
    emulator = await startEmulator({ port: 0, now: clock.now });
    conn = await passwordConnection(emulator);
  });
  after(() => emulator.close());

  describe('datetimes to the second', () => {
    it('answers every datetime of generated, inserted and edited records ending in .000+0000', async () => {
      const { records: [inserted] } = await control(emulator, 'POST', '/records/Case', { Subject: 'Precise', Last_Reply_At__c: '2026-11-20T13:00:00.999Z' });
      assert.equal(inserted.CreatedDate, '2026-11-20T13:59:18.000+0000');
      clock.advance(1_450);
      const { record: edited } = await control(emulator, 'PATCH', `/records/Case/${inserted.Id}`, { Status: 'Working' });
      assert.equal(edited.SystemModstamp, '2026-11-20T13:59:19.000+0000');
      const { records } = await conn.query<Record<string, unknown>>('SELECT Id, CreatedDate, LastModifiedDate, SystemModstamp, ClosedDate, Last_Reply_At__c FROM Case');
      assert.ok(records.length > 100);
      for (const record of records) {
        for (const name of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'ClosedDate', 'Last_Reply_At__c']) {
          const value = record[name];
          if (value !== null) assert.match(String(value), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/, `${name} ${String(value)}`);
        }
      }
      const { records: [again] } = await conn.query<Record<string, unknown>>(`SELECT Last_Reply_At__c FROM Case WHERE Id = '${inserted.Id as string}'`);
      assert.equal(again!.Last_Reply_At__c, '2026-11-20T13:00:00.000+0000');
    });

    it('ignores the milliseconds of a literal: >= 13:59:18.900Z matches a record stamped 13:59:18, > does not', async () => {
      const { records: [stamped] } = await control(emulator, 'POST', '/records/Case', { Subject: 'Boundary', CreatedDate: '2026-11-20T13:59:18Z', LastModifiedDate: '2026-11-20T13:59:18Z', SystemModstamp: '2026-11-20T13:59:18Z' });
      const select = (condition: string) => conn.query<{ Id: string }>(`SELECT Id FROM Case WHERE Subject = 'Boundary' AND ${condition}`);
      assert.deepEqual((await select('SystemModstamp >= 2026-11-20T13:59:18.900Z')).records.map((r) => r.Id), [stamped.Id]);
      assert.deepEqual((await select('SystemModstamp <= 2026-11-20T13:59:18.100Z')).records.map((r) => r.Id), [stamped.Id]);
      assert.deepEqual((await select('SystemModstamp = 2026-11-20T13:59:18.999Z')).records.map((r) => r.Id), [stamped.Id]);
      assert.equal((await select('SystemModstamp > 2026-11-20T13:59:18.001Z')).totalSize, 0);
      assert.equal((await select('SystemModstamp < 2026-11-20T13:59:18.999Z')).totalSize, 0);
    });
  });

  describe('the Organization object', () => {
    it('answers one row with the org id and the fields the Salesforce CLI reads', async () => {
      const { records } = await conn.query<Record<string, unknown>>('SELECT Id, Name, IsSandbox, InstanceName, OrganizationType, NamespacePrefix, TrialExpirationDate, CreatedDate FROM Organization');
      assert.equal(records.length, 1);
      const [org] = records;
      assert.equal(org!.Id, emulator.org.orgId);
      assert.match(String(org!.Id), /^00D/);
      assert.equal(org!.IsSandbox, false);
      assert.equal(typeof org!.Name, 'string');
      assert.equal(typeof org!.InstanceName, 'string');
      assert.equal(org!.OrganizationType, 'Developer Edition');
      assert.equal(org!.NamespacePrefix, null);
    });

    it('is described and listed, and cannot be created or deleted', async () => {
      const describe = await conn.describe('Organization');
      assert.equal(describe.keyPrefix, '00D');
      assert.deepEqual([describe.createable, describe.deletable, describe.queryable], [false, false, true]);
      for (const name of ['Id', 'Name', 'IsSandbox', 'InstanceName', 'OrganizationType', 'NamespacePrefix']) assert.ok(describe.fields.some((f) => f.name === name), name);
      assert.ok((await conn.describeGlobal()).sobjects.some((s) => s.name === 'Organization'));
    });
  });

  describe('toLabel() and FORMAT() in SELECT', () => {
    it('answers the picklist label under the field name, or under an alias beside the value', async () => {
      const { records } = await conn.query<Record<string, unknown>>("SELECT Id, ChannelType, toLabel(ChannelType) channelLabel, toLabel(Origin) FROM MessagingSession WHERE ChannelType = 'Text' LIMIT 1");
      assert.equal(records.length, 1);
      assert.equal(records[0]!.ChannelType, 'Text');
      assert.equal(records[0]!.channelLabel, 'SMS');
      assert.equal(records[0]!.Origin, 'Inbound');
      const filtered = await conn.query("SELECT Id FROM MessagingSession WHERE toLabel(ChannelType) = 'sms'");
      const byValue = await conn.query("SELECT Id FROM MessagingSession WHERE ChannelType = 'Text'");
      assert.ok(byValue.totalSize > 0);
      assert.equal(filtered.totalSize, byValue.totalSize);
    });

    it('refuses a field selected plainly and through toLabel() without an alias, as a duplicate', async () => {
      const error = await rejectionOf(conn.query('SELECT Status, toLabel(Status) FROM Case'));
      assert.equal(error.name, 'MALFORMED_QUERY');
      assert.match(error.message, /duplicate field selected: Status/);
    });

    it('formats numbers, currency and datetimes as the user locale writes them, text unchanged', async () => {
      const { records: [account] } = await control(emulator, 'POST', '/records/Account', { Name: 'Format Co', AnnualRevenue: 1234567, NumberOfEmployees: 12345 });
      const { records } = await conn.query<Record<string, unknown>>(`SELECT FORMAT(AnnualRevenue) revenue, FORMAT(NumberOfEmployees) staff, FORMAT(CreatedDate) created, FORMAT(Name) FROM Account WHERE Id = '${account.Id as string}'`);
      // The integration user is in America/New_York: 13:59 UTC is 8:59 AM there in November.
      assert.deepEqual(
        { revenue: records[0]!.revenue, staff: records[0]!.staff, created: records[0]!.created, name: records[0]!.Name },
        { revenue: '$1,234,567.00', staff: '12,345', created: '11/20/2026 8:59 AM', name: 'Format Co' },
      );
    });

    it('keeps FORMAT(MIN(x)) an aggregate: one AggregateResult row, the column named like the aggregate', async () => {
      const { records } = await conn.query<Record<string, unknown>>('SELECT FORMAT(MIN(CreatedDate)), FORMAT(MAX(CreatedDate)) latest, COUNT(Id) FROM Case');
      assert.equal(records.length, 1);
      assert.equal((records[0]!.attributes as { type: string }).type, 'AggregateResult');
      assert.match(String(records[0]!.expr0), /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d [AP]M$/);
      assert.match(String(records[0]!.latest), /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d [AP]M$/);
      assert.equal(typeof records[0]!.expr1, 'number');
    });
  });

  describe('describe as Salesforce answers it', () => {
    const STANDARD_KEYS = [
      'aggregatable', 'autoNumber', 'byteLength', 'calculated', 'cascadeDelete', 'caseSensitive', 'controllerName', 'createable', 'custom',
      'defaultValue', 'defaultedOnCreate', 'dependentPicklist', 'deprecatedAndHidden', 'digits', 'encrypted', 'externalId', 'extraTypeInfo',
      'filterable', 'groupable', 'htmlFormatted', 'idLookup', 'inlineHelpText', 'label', 'length', 'name', 'nameField', 'namePointing',
      'nillable', 'picklistValues', 'polymorphicForeignKey', 'precision', 'referenceTo', 'relationshipName', 'restrictedPicklist', 'scale',
      'soapType', 'sortable', 'type', 'unique', 'updateable',
    ];

    it('gives every field of every object the standard keys', async () => {
      for (const { name } of (await conn.describeGlobal()).sobjects) {
        const describe = await conn.describe(name);
        for (const field of describe.fields) {
          const missing = STANDARD_KEYS.filter((key) => !(key in field));
          assert.deepEqual(missing, [], `${name}.${field.name}`);
        }
      }
    });

    it('describes Case.OwnerId as polymorphic (Group or User), Account.OwnerId as a plain User lookup', async () => {
      const ownerOf = async (name: string) => (await conn.describe(name)).fields.find((f) => f.name === 'OwnerId') as unknown as Record<string, unknown>;
      const caseOwner = await ownerOf('Case');
      assert.deepEqual([caseOwner.referenceTo, caseOwner.polymorphicForeignKey, caseOwner.relationshipName], [['Group', 'User'], true, 'Owner']);
      const accountOwner = await ownerOf('Account');
      assert.deepEqual([accountOwner.referenceTo, accountOwner.polymorphicForeignKey], [['User'], false]);
    });

    it('reads a queue-owned case through Owner with the Name entity, and refuses a User-only field there', async () => {
      const { records: [queue] } = await conn.query<{ Id: string }>("SELECT Id FROM Group WHERE Type = 'Queue' LIMIT 1");
      const { records: [queued] } = await control(emulator, 'POST', '/records/Case', { Subject: 'Waiting in the queue', OwnerId: queue!.Id });
      const { records } = await conn.query<Record<string, any>>(`SELECT Owner.Name, Owner.Type, Owner.Username FROM Case WHERE Id = '${queued.Id as string}'`); // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(records[0]!.Owner.attributes.type, 'Name');
      assert.equal(records[0]!.Owner.attributes.url, `${DATA}/sobjects/Group/${queue!.Id}`);
      assert.deepEqual([records[0]!.Owner.Name, records[0]!.Owner.Type, records[0]!.Owner.Username], ['Support Queue', 'Queue', null]);
      const error = await rejectionOf(conn.query('SELECT Owner.Department FROM Case'));
      assert.equal(error.name, 'INVALID_FIELD');
      assert.match(error.message, /No such column 'Department' on entity 'Name'/);
    });

    it('answers describe URLs at the version asked for', async () => {
      const token = conn.accessToken ?? '';
      for (const version of ['45.0', '64.0']) {
        const { body } = await apiGet(emulator, `/services/data/v${version}/sobjects/Case/describe`, token);
        assert.deepEqual([body.urls.describe, body.urls.sobject, body.urls.rowTemplate], [`/services/data/v${version}/sobjects/Case/describe`, `/services/data/v${version}/sobjects/Case`, `/services/data/v${version}/sobjects/Case/{ID}`]);
        const global = await apiGet(emulator, `/services/data/v${version}/sobjects`, token);
        assert.equal(global.body.sobjects.find((s: { name: string }) => s.name === 'Case').urls.describe, `/services/data/v${version}/sobjects/Case/describe`);
      }
    });
  });

  describe('query limits', () => {
    it('matches LIKE with dozens of % against a long value in linear time', async () => {
      // A backtracking matcher tries every way to spread the wildcards over the value: with 50 of them over
      // 254 characters that never ends. A greedy one answers at once.
      const { records: [row] } = await control(emulator, 'POST', '/records/Case', { Subject: 'ab'.repeat(127) });
      for (const count of [10, 30, 50]) {
        const started = Date.now();
        const hit = await conn.query<{ Id: string }>(`SELECT Id FROM Case WHERE Subject LIKE '${'%A'.repeat(count)}%b'`);
        assert.deepEqual(hit.records.map((r) => r.Id), [row.Id]);
        const miss = await conn.query(`SELECT Id FROM Case WHERE Subject LIKE '${'%a'.repeat(count)}%c%'`);
        assert.equal(miss.totalSize, 0);
        assert.ok(Date.now() - started < 1000, `${count} wildcards took ${Date.now() - started} ms`);
      }
    });

    it('refuses a value longer than its field, as an insert into a real org would', async () => {
      const response = await fetch(`${emulator.url}/__emulator/records/Case`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Subject: 'x'.repeat(256) }) });
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { error: string }).error, /Case\.Subject.*255/);
    });

    it('refuses a WHERE string over 4,000 characters and an OFFSET over 2,000', async () => {
      const tooLong = await rejectionOf(conn.query(`SELECT Id FROM Case WHERE Subject = '${'x'.repeat(4001)}'`));
      assert.equal(tooLong.name, 'MALFORMED_QUERY');
      assert.match(tooLong.message, /4,000/);
      assert.equal((await conn.query(`SELECT Id FROM Case WHERE Subject = '${'x'.repeat(4000)}'`)).totalSize, 0);
      const offset = await apiGet(emulator, `${DATA}/query?q=${encodeURIComponent('SELECT Id FROM Case LIMIT 10 OFFSET 2001')}`, conn.accessToken ?? '');
      assert.equal(offset.status, 400);
      assert.equal(offset.body[0].errorCode, 'NUMBER_OUTSIDE_VALID_RANGE');
      assert.ok(offset.headers.get('sforce-limit-info'), 'errors carry Sforce-Limit-Info too');
    });
  });
});
