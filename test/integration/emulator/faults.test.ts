import * as assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { API_VERSION, apiGet, passwordConnection, passwordToken, rejectionOf } from './helpers';

const DATA = `/services/data/v${API_VERSION}`;
const PAGED = `${DATA}/query?q=${encodeURIComponent('SELECT Id FROM ConversationEntry')}`;
const SMALL_PAGES = { 'Sforce-Query-Options': 'batchSize=200' };

async function control(emulator: EmulatorHandle, method: string, path: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/__emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Reads a whole answer; rejects when the connection breaks before the body is complete. */
async function readAll(url: string, token: string): Promise<string> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return response.text();
}

describe('emulator faults', () => {
  let emulator: EmulatorHandle;
  let token: string;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    token = await passwordToken(emulator);
  });
  afterEach(() => emulator.faults.clear());
  after(() => emulator.close());

  it('fails only the Nth request with the status asked for, in Salesforce\'s error shape', async () => {
    emulator.faults.set({ rules: [{ action: 'error', status: 503, nth: 2 }] });
    assert.equal((await apiGet(emulator, `${DATA}/limits`, token)).status, 200);
    const failed = await apiGet(emulator, `${DATA}/limits`, token);
    assert.deepEqual([failed.status, failed.body[0].errorCode], [503, 'SERVER_UNAVAILABLE']);
    assert.equal((await apiGet(emulator, `${DATA}/limits`, token)).status, 200);
  });

  it('fails only requests whose path matches, and 429 carries Retry-After', async () => {
    emulator.faults.set({ rules: [{ action: 'error', status: 429, path: '/query/01g', times: 2 }] });
    const first = await apiGet(emulator, PAGED, token, SMALL_PAGES);
    assert.equal(first.status, 200);
    for (let i = 0; i < 2; i++) {
      const failed = await apiGet(emulator, first.body.nextRecordsUrl, token);
      assert.equal(failed.status, 429);
      assert.equal(failed.headers.get('retry-after'), '1');
    }
    assert.equal((await apiGet(emulator, first.body.nextRecordsUrl, token)).status, 200);
  });

  it('fails a 500 that jsforce retries on its own for a GET', async () => {
    emulator.faults.set({ rules: [{ action: 'error', status: 500, path: '/limits' }] });
    const conn = await passwordConnection(emulator);
    const limits = await conn.limits();
    assert.ok(limits.DailyApiRequests.Max > 0);
    assert.deepEqual(emulator.faults.firings(), [1]);
  });

  for (const action of ['reset', 'half-close'] as const) {
    it(`breaks the connection mid-body with ${action}: the client sees a truncated answer`, async () => {
      emulator.faults.set({ rules: [{ action, path: '/query' }] });
      await assert.rejects(readAll(`${emulator.url}${PAGED}`, token));
      const whole = JSON.parse(await readAll(`${emulator.url}${PAGED}`, token)) as { records: unknown[] };
      assert.ok(whole.records.length > 0, 'the next request is answered whole');
    });
  }

  it('expires the token mid-paging; a refreshed session cannot reuse the old locator', async () => {
    const first = await apiGet(emulator, PAGED, token, SMALL_PAGES);
    emulator.faults.set({ rules: [{ action: 'expire-token', path: '/query/01g' }] });
    const expired = await apiGet(emulator, first.body.nextRecordsUrl, token);
    assert.equal(expired.status, 401);
    assert.equal(expired.body[0].errorCode, 'INVALID_SESSION_ID');
    token = await passwordToken(emulator);
    const stale = await apiGet(emulator, first.body.nextRecordsUrl, token);
    assert.equal(stale.body[0].errorCode, 'INVALID_QUERY_LOCATOR');
  });

  it('invalidates open locators on demand', async () => {
    const first = await apiGet(emulator, PAGED, token, SMALL_PAGES);
    emulator.faults.invalidateLocators();
    const { status, body } = await apiGet(emulator, first.body.nextRecordsUrl, token);
    assert.deepEqual([status, body[0].errorCode], [400, 'INVALID_QUERY_LOCATOR']);
  });

  it('slows every answer by delayMs', async () => {
    emulator.faults.set({ delayMs: 150 });
    const started = performance.now();
    await apiGet(emulator, `${DATA}/limits`, token);
    assert.ok(performance.now() - started >= 145);
  });

  it('answers REQUEST_LIMIT_EXCEEDED after N more calls, and jsforce surfaces the code', async () => {
    const conn = await passwordConnection(emulator);
    emulator.faults.set({ requestLimitAfter: 2 });
    await conn.limits();
    await conn.limits();
    const error = await rejectionOf(conn.limits());
    assert.equal(error.name, 'REQUEST_LIMIT_EXCEEDED');
    emulator.faults.clear();
    await conn.limits();
  });

  it('times out a query whose date window is wider than queryTimeoutDays', async () => {
    emulator.faults.set({ queryTimeoutDays: 7 });
    const query = (where: string) => apiGet(emulator, `${DATA}/query?q=${encodeURIComponent(`SELECT Id FROM Case WHERE ${where}`)}`, token);
    const wide = await query('CreatedDate >= 2026-01-01T00:00:00Z AND CreatedDate < 2026-01-11T00:00:00Z');
    assert.deepEqual([wide.status, wide.body], [400, [{ message: 'Your query request was running for too long.', errorCode: 'QUERY_TIMEOUT' }]]);
    const narrow = await query('CreatedDate >= 2026-01-01T00:00:00Z AND CreatedDate < 2026-01-06T00:00:00Z');
    assert.equal(narrow.status, 200);
    const relative = await query('CreatedDate = LAST_N_DAYS:30');
    assert.equal(relative.body[0].errorCode, 'QUERY_TIMEOUT');
  });

  describe('control endpoint', () => {
    it('sets, shows and clears faults over HTTP, and its own calls are never faulted', async () => {
      const set = await control(emulator, 'POST', '/faults', { rules: [{ action: 'error', status: 500 }], delayMs: 0 });
      assert.equal(set.status, 200);
      assert.equal((await control(emulator, 'GET', '')).body.faults.rules.length, 1);
      assert.equal((await apiGet(emulator, `${DATA}/limits`, token)).status, 500);
      assert.deepEqual((await control(emulator, 'GET', '')).body.ruleFirings, [1]);
      assert.deepEqual((await control(emulator, 'DELETE', '/faults')).body, { rules: [] });
    });

    it('refuses faults it does not know with a message naming the field', async () => {
      const { status, body } = await control(emulator, 'POST', '/faults', { rules: [{ action: 'explode' }] });
      assert.equal(status, 400);
      assert.match(body.error, /rules\.0\.action/);
    });

    it('expires every token on demand', async () => {
      const own = await passwordToken(emulator);
      assert.ok((await control(emulator, 'POST', '/tokens/expire')).body.expired >= 1);
      assert.equal((await apiGet(emulator, `${DATA}/limits`, own)).status, 401);
      token = await passwordToken(emulator);
    });

    it('inserts and updates records that the next query sees', async () => {
      const inserted = await control(emulator, 'POST', '/records/Survey_Response__c', [{ Score__c: 9, Comment__c: 'Inserted for an incremental test' }]);
      assert.equal(inserted.status, 201);
      const id = inserted.body.records[0].Id as string;
      assert.match(id, /^\w{18}$/);
      const soql = `SELECT Id, Comment__c, LastModifiedDate FROM Survey_Response__c WHERE Id = '${id}'`;
      const before = await apiGet(emulator, `${DATA}/query?q=${encodeURIComponent(soql)}`, token);
      assert.equal(before.body.records[0].Comment__c, 'Inserted for an incremental test');
      const updated = await control(emulator, 'PATCH', `/records/Survey_Response__c/${id}`, { Comment__c: 'Changed' });
      assert.equal(updated.status, 200);
      const after = await apiGet(emulator, `${DATA}/query?q=${encodeURIComponent(soql)}`, token);
      assert.equal(after.body.records[0].Comment__c, 'Changed');
    });

    it('deletes a record so that query no longer sees it and queryAll does', async () => {
      const id = String(emulator.org.rows('Case').find((r) => r.IsDeleted !== true)?.Id);
      assert.equal((await control(emulator, 'DELETE', `/records/Case/${id}`)).status, 200);
      const soql = encodeURIComponent(`SELECT Id, IsDeleted FROM Case WHERE Id = '${id}'`);
      assert.equal((await apiGet(emulator, `${DATA}/query?q=${soql}`, token)).body.totalSize, 0);
      const all = await apiGet(emulator, `${DATA}/queryAll?q=${soql}`, token);
      assert.equal(all.body.records[0].IsDeleted, true);
    });

    it('answers 404 for an unknown object or record', async () => {
      assert.equal((await control(emulator, 'POST', '/records/Nothing__c', {})).status, 404);
      assert.equal((await control(emulator, 'PATCH', '/records/Case/500000000000000AAA', { Status: 'Closed' })).status, 404);
    });
  });
});
