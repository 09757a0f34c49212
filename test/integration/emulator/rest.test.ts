import * as assert from 'node:assert/strict';
import type { Connection } from 'jsforce';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { API_VERSION, apiGet, manualClock, passwordConnection, passwordToken, rejectionOf } from './helpers';

const DATA = `/services/data/v${API_VERSION}`;

describe('emulator REST API', () => {
  let emulator: EmulatorHandle;
  let conn: Connection;
  let token: string;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    conn = await passwordConnection(emulator);
    token = conn.accessToken ?? '';
  });
  after(() => emulator.close());

  describe('versions and resources', () => {
    it('lists versions at /services/data without a session and without Sforce-Limit-Info', async () => {
      const { status, headers, body } = await apiGet(emulator, '/services/data', undefined);
      assert.equal(status, 200);
      assert.equal(headers.get('sforce-limit-info'), null);
      assert.deepEqual(
        body.find((v: { version: string }) => v.version === '62.0'),
        { label: "Winter '25", url: '/services/data/v62.0', version: '62.0' },
      );
    });

    it('lists the resources of a version, including the identity URL', async () => {
      const { status, body } = await apiGet(emulator, `${DATA}/`, token);
      assert.equal(status, 200);
      assert.equal(body.query, `${DATA}/query`);
      assert.equal(body.sobjects, `${DATA}/sobjects`);
      assert.match(body.identity, new RegExp(`^${emulator.url}/id/${emulator.org.orgId}/005`));
    });

    it('answers 410 GONE for a retired version (7.0 to 30.0), with or without a session, and lists none of them', async () => {
      for (const [path, bearer] of [['/services/data/v30.0/sobjects', token], ['/services/data/v20.0/query?q=SELECT+Id+FROM+Case', token], ['/services/data/v7.0', undefined]] as const) {
        const { status, body } = await apiGet(emulator, path, bearer);
        assert.equal(status, 410, path);
        assert.equal(body[0].errorCode, 'GONE');
        assert.match(body[0].message, /retired/);
      }
      const listed = (await apiGet(emulator, '/services/data', undefined)).body as { version: string }[];
      assert.deepEqual([listed[0]!.version, listed[listed.length - 1]!.version], ['31.0', '64.0']);
      assert.equal((await apiGet(emulator, '/services/data/v31.0/limits', token)).status, 200);
    });

    it('answers 404 NOT_FOUND for a version that never existed or is newer than the org, and for an unknown resource', async () => {
      for (const path of ['/services/data/v6.0/sobjects', '/services/data/v99.0/sobjects', `${DATA}/nothing-here`]) {
        const { status, body } = await apiGet(emulator, path, token);
        assert.deepEqual([status, body], [404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]], path);
      }
    });

    it('answers 405 for a method a resource does not take', async () => {
      const response = await fetch(`${emulator.url}${DATA}/query?q=SELECT+Id+FROM+Case`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 405);
      const [error] = (await response.json()) as { errorCode: string }[];
      assert.equal(error.errorCode, 'METHOD_NOT_ALLOWED');
    });
  });

  describe('sessions and limits', () => {
    it('answers 401 INVALID_SESSION_ID without a token or with an unknown one', async () => {
      for (const bad of [undefined, 'not-a-token']) {
        const { status, headers, body } = await apiGet(emulator, `${DATA}/sobjects`, bad);
        assert.equal(status, 401);
        assert.equal(headers.get('www-authenticate'), 'Token');
        assert.deepEqual(body, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      }
    });

    it('counts each call in Sforce-Limit-Info and in /limits', async () => {
      const first = await apiGet(emulator, `${DATA}/limits`, token);
      const used = Number(/^api-usage=(\d+)\/15000$/.exec(first.headers.get('sforce-limit-info') ?? '')?.[1]);
      assert.ok(used > 0);
      assert.equal(first.body.DailyApiRequests.Max, 15000);
      assert.equal(first.body.DailyApiRequests.Remaining, 15000 - used);
      const second = await apiGet(emulator, `${DATA}/limits`, token);
      assert.equal(second.headers.get('sforce-limit-info'), `api-usage=${used + 1}/15000`);
    });

    it('refuses calls past the daily limit with 403 REQUEST_LIMIT_EXCEEDED', async () => {
      const small = await startEmulator({ port: 0, apiDailyLimit: 2 });
      try {
        const smallToken = await passwordToken(small);
        assert.equal((await apiGet(small, `${DATA}/limits`, smallToken)).status, 200);
        assert.equal((await apiGet(small, `${DATA}/limits`, smallToken)).status, 200);
        const refused = await apiGet(small, `${DATA}/limits`, smallToken);
        assert.deepEqual([refused.status, refused.body], [403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]]);
        assert.equal(refused.headers.get('sforce-limit-info'), 'api-usage=2/2');
      } finally {
        await small.close();
      }
    });
  });

  describe('describe', () => {
    it('lists every object in describeGlobal without their fields', async () => {
      const global = await conn.describeGlobal();
      const names = global.sobjects.map((s) => s.name);
      for (const name of ['Case', 'LiveChatTranscript', 'MessagingSession', 'ConversationEntry', 'Survey_Response__c', 'User']) assert.ok(names.includes(name), name);
      assert.equal((global.sobjects[0] as unknown as { fields?: unknown }).fields, undefined);
    });

    it('describes an object named in any case, in canonical case', async () => {
      const describe = await conn.describe('survey_response__c');
      assert.equal(describe.name, 'Survey_Response__c');
      const caseField = describe.fields.find((f) => f.name === 'Case__c');
      assert.equal(caseField?.relationshipName, 'Case__r');
    });

    it('answers NOT_FOUND for an unknown object', async () => {
      const error = await rejectionOf(conn.describe('NoSuchThing__c'));
      assert.equal(error.name, 'NOT_FOUND');
    });

    it('retrieves one record by its 18-character id', async () => {
      const [row] = emulator.org.rows('Case');
      const record = await conn.sobject('Case').retrieve(String(row.Id));
      assert.equal(record.Id, row.Id);
      assert.equal((record as unknown as { attributes: { type: string } }).attributes.type, 'Case');
    });
  });

  describe('query', () => {
    it('answers records in canonical case with attributes and nested parents', async () => {
      const result = await conn.query<Record<string, any>>('select id, subject, owner.name from case limit 3'); // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(result.done, true);
      assert.equal(result.records.length, 3);
      const [record] = result.records;
      assert.deepEqual(Object.keys(record), ['attributes', 'Id', 'Subject', 'Owner']);
      assert.equal(record.attributes.url, `${DATA}/sobjects/Case/${record.Id}`);
      // Case's owner may be a user or a queue, so Salesforce types the parent as the Name entity.
      assert.equal(record.Owner.attributes.type, 'Name');
      assert.match(record.Owner.attributes.url, new RegExp(`^${DATA}/sobjects/User/005`));
    });

    it('pages with batchSize through nextRecordsUrl to the end, every row once', async () => {
      const total = emulator.org.rows('ConversationEntry').length;
      const soql = 'SELECT Id FROM ConversationEntry ORDER BY Id';
      const headers = { 'Sforce-Query-Options': 'batchSize=200' };
      const ids = new Set<string>();
      let page = await conn.request<{ totalSize: number; done: boolean; nextRecordsUrl?: string; records: { Id: string }[] }>({ method: 'GET', url: `${DATA}/query?q=${encodeURIComponent(soql)}`, headers });
      let pages = 1;
      for (;;) {
        assert.ok(page.records.length <= 200);
        for (const r of page.records) ids.add(r.Id);
        if (page.done) break;
        assert.match(page.nextRecordsUrl ?? '', new RegExp(`^${DATA}/query/01g\\w{15}-${ids.size}$`));
        page = await conn.request({ method: 'GET', url: page.nextRecordsUrl ?? '', headers });
        pages++;
      }
      assert.ok(total > 400, 'the default org has enough rows to page');
      assert.equal(ids.size, page.totalSize);
      assert.equal(pages, Math.ceil(page.totalSize / 200));
    });

    it('pulls a batchSize outside 200–2000 into range', async () => {
      const { body } = await apiGet(emulator, `${DATA}/query?q=${encodeURIComponent('SELECT Id FROM ConversationEntry')}`, token, { 'Sforce-Query-Options': 'batchSize=5' });
      assert.equal(body.records.length, 200);
      assert.equal(body.done, false);
    });

    it('pages 2000 rows at a time by default, and jsforce queryMore follows', async () => {
      const big = await startEmulator({ port: 0, records: { cases: 4500 } });
      try {
        const bigConn = await passwordConnection(big);
        const first = await bigConn.query('SELECT Id FROM Case');
        assert.equal(first.records.length, 2000);
        let seen = first.records.length;
        let page = first;
        while (!page.done) {
          page = await bigConn.queryMore(page.nextRecordsUrl ?? '');
          seen += page.records.length;
        }
        assert.equal(seen, first.totalSize);
      } finally {
        await big.close();
      }
    });

    it('answers COUNT() with totalSize and no records', async () => {
      const result = await conn.query('SELECT COUNT() FROM Case');
      assert.equal(result.records.length, 0);
      assert.equal(result.done, true);
      assert.equal(result.totalSize, emulator.org.rows('Case').filter((r) => r.IsDeleted !== true).length);
    });

    it('includes deleted rows in queryAll only', async () => {
      const live = await apiGet(emulator, `${DATA}/query?q=${encodeURIComponent('SELECT Id FROM Case WHERE IsDeleted = true')}`, token);
      const all = await apiGet(emulator, `${DATA}/queryAll?q=${encodeURIComponent('SELECT Id FROM Case WHERE IsDeleted = true')}`, token);
      assert.equal(live.body.totalSize, 0);
      assert.equal(all.body.totalSize, emulator.org.rows('Case').filter((r) => r.IsDeleted === true).length);
      assert.ok(all.body.totalSize > 0, 'the generated org has deleted cases');
    });

    it('explains a query plan with ?explain=', async () => {
      const { status, body } = await apiGet(emulator, `${DATA}/query?explain=${encodeURIComponent('SELECT Id FROM Case WHERE CreatedDate > 2026-01-01T00:00:00Z')}`, token);
      assert.equal(status, 200);
      assert.ok(Array.isArray(body.plans) && body.plans.length > 0);
      assert.equal(body.plans[0].sobjectType, 'Case');
      assert.ok(['Index', 'TableScan', 'Other'].includes(body.plans[0].leadingOperationType));
    });

    it('describes the selected columns with ?columns=true, parents nested, instead of the records', async () => {
      const soql = 'SELECT Id, Subject, Owner.Name FROM Case';
      const { status, body } = await apiGet(emulator, `${DATA}/query?q=${encodeURIComponent(soql)}&columns=true`, token);
      assert.equal(status, 200);
      assert.equal(body.records, undefined);
      assert.equal(body.entityName, 'Case');
      assert.equal(body.idSelected, true);
      const summary = (columns: { columnName: string; aggregate: boolean; joinColumns: unknown[] }[]): unknown[] =>
        columns.map((c) => (c.joinColumns.length > 0 ? { [c.columnName]: summary(c.joinColumns as never) } : c.aggregate ? `${c.columnName}[]` : c.columnName));
      assert.deepEqual(summary(body.columnMetadata), ['Id', 'Subject', { Owner: ['Name'] }]);
    });

    it('answers SOQL errors as a JSON array with the status and errorCode jsforce surfaces', async () => {
      const cases: [string, string][] = [
        ['SELECT Id FROM', 'MALFORMED_QUERY'],
        ['SELECT Foo FROM Case', 'INVALID_FIELD'],
        ['SELECT Id FROM NoSuchThing', 'INVALID_TYPE'],
      ];
      for (const [soql, errorCode] of cases) {
        const { status, body } = await apiGet(emulator, `${DATA}/query?q=${encodeURIComponent(soql)}`, token);
        assert.equal(status, 400);
        assert.equal(body[0].errorCode, errorCode);
        assert.match(body[0].message, /ERROR at Row:1:Column:\d+/);
        const error = await rejectionOf(conn.query(soql));
        assert.equal(error.name, errorCode);
      }
    });

    it('answers MALFORMED_QUERY when q is missing', async () => {
      const { status, body } = await apiGet(emulator, `${DATA}/query`, token);
      assert.equal(status, 400);
      assert.equal(body[0].errorCode, 'MALFORMED_QUERY');
    });
  });

  describe('query locators', () => {
    async function openLocator(target: EmulatorHandle, accessToken: string): Promise<string> {
      const { body } = await apiGet(target, `${DATA}/query?q=${encodeURIComponent('SELECT Id FROM ConversationEntry')}`, accessToken, { 'Sforce-Query-Options': 'batchSize=200' });
      return body.nextRecordsUrl;
    }

    it('refuses a locator opened by another session with INVALID_QUERY_LOCATOR', async () => {
      const next = await openLocator(emulator, token);
      const other = await passwordToken(emulator);
      const refused = await apiGet(emulator, next, other);
      assert.deepEqual([refused.status, refused.body], [400, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]]);
      assert.equal((await apiGet(emulator, next, token)).status, 200);
    });

    it('refuses a locator past the end of its result and a made-up one', async () => {
      const next = await openLocator(emulator, token);
      for (const path of [next.replace(/-\d+$/, '-999999'), `${DATA}/query/01gXXXXXXXXXXXXXXX-200`]) {
        const { body } = await apiGet(emulator, path, token);
        assert.equal(body[0].errorCode, 'INVALID_QUERY_LOCATOR');
      }
    });

    it('keeps at most 10 open cursors per user across sessions: the 11th releases the oldest', async () => {
      const own = await startEmulator({ port: 0 });
      try {
        const sessions = [await passwordToken(own), await passwordToken(own)];
        const opened: { next: string; session: string }[] = [];
        for (let i = 0; i < 10; i++) {
          const session = sessions[i % 2]!;
          opened.push({ next: await openLocator(own, session), session });
        }
        for (const { next, session } of opened) assert.equal((await apiGet(own, next, session)).status, 200);
        const eleventh = await openLocator(own, sessions[0]!);
        const released = await apiGet(own, opened[0]!.next, opened[0]!.session);
        assert.deepEqual([released.status, released.body], [400, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]]);
        for (const { next, session } of opened.slice(1)) assert.equal((await apiGet(own, next, session)).status, 200);
        assert.equal((await apiGet(own, eleventh, sessions[0]!)).status, 200);
        const twelfth = await openLocator(own, sessions[1]!);
        assert.equal((await apiGet(own, opened[1]!.next, opened[1]!.session)).body[0].errorCode, 'INVALID_QUERY_LOCATOR');
        assert.equal((await apiGet(own, twelfth, sessions[1]!)).status, 200);
      } finally {
        await own.close();
      }
    });

    it('expires a locator left unused for more than 15 minutes', async () => {
      const clock = manualClock();
      const timed = await startEmulator({ port: 0, now: clock.now, tokenTtlSeconds: 3600 });
      try {
        const timedToken = await passwordToken(timed);
        const next = await openLocator(timed, timedToken);
        clock.advance(14 * 60_000);
        assert.equal((await apiGet(timed, next, timedToken)).status, 200);
        clock.advance(16 * 60_000);
        const { body } = await apiGet(timed, next, timedToken);
        assert.equal(body[0].errorCode, 'INVALID_QUERY_LOCATOR');
      } finally {
        await timed.close();
      }
    });
  });
});
