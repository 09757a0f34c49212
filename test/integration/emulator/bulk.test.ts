import * as assert from 'node:assert/strict';
import type { Connection } from 'jsforce';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { API_VERSION, passwordConnection } from './helpers';

const JOBS = `/services/data/v${API_VERSION}/jobs/query`;

describe('emulator Bulk API 2.0 query jobs', () => {
  let emulator: EmulatorHandle;
  let conn: Connection;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    conn = await passwordConnection(emulator);
  });
  after(() => emulator.close());

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, text, json };
  }

  async function completedJob(query: string, operation = 'query'): Promise<string> {
    const created = await call('POST', JOBS, { operation, query });
    assert.equal(created.status, 200, created.text);
    const status = await call('GET', `${JOBS}/${created.json.id}`);
    assert.equal(status.json.state, 'JobComplete');
    return created.json.id as string;
  }

  it('creates a job that completes on the first poll, with the fields Salesforce reports', async () => {
    const created = await call('POST', JOBS, { operation: 'query', query: 'SELECT Id FROM case' });
    assert.match(created.json.id, /^750\w{15}$/);
    assert.equal(created.json.state, 'UploadComplete');
    assert.equal(created.json.object, 'Case');
    assert.equal(created.json.contentType, 'CSV');
    assert.equal(created.json.apiVersion, 62);
    const status = await call('GET', `${JOBS}/${created.json.id}`);
    assert.equal(status.json.state, 'JobComplete');
    assert.equal(status.json.numberRecordsProcessed, emulator.org.rows('Case').filter((r) => r.IsDeleted !== true).length);
  });

  it('pages the CSV results with maxRecords and Sforce-Locator until the locator is "null"', async () => {
    const id = await completedJob('SELECT Id FROM Case ORDER BY Id');
    const ids: string[] = [];
    let locator = '';
    let pages = 0;
    do {
      const page = await call('GET', `${JOBS}/${id}/results?maxRecords=100${locator ? `&locator=${locator}` : ''}`);
      assert.equal(page.headers.get('content-type'), 'text/csv');
      const lines = page.text.trimEnd().split('\n');
      assert.equal(lines[0], '"Id"');
      assert.equal(page.headers.get('sforce-numberofrecords'), String(lines.length - 1));
      ids.push(...lines.slice(1).map((line) => line.replace(/"/g, '')));
      locator = page.headers.get('sforce-locator') ?? 'null';
      pages++;
    } while (locator !== 'null');
    const expected = emulator.org.rows('Case').filter((r) => r.IsDeleted !== true).length;
    assert.equal(ids.length, expected);
    assert.equal(new Set(ids).size, expected);
    assert.equal(pages, Math.ceil(expected / 100));
  });

  it('names parent columns as the query does and quotes every value', async () => {
    const id = await completedJob('SELECT Id, Owner.Name FROM Case LIMIT 1');
    const page = await call('GET', `${JOBS}/${id}/results`);
    const [header, row] = page.text.split('\n');
    assert.equal(header, '"Id","Owner.Name"');
    assert.match(row, /^"500\w{15}","[^"]+"$/);
  });

  it('writes datetimes as Bulk API 2.0 does, to the second with a Z, where REST writes +0000', async () => {
    const id = await completedJob('SELECT Id, CreatedDate, ClosedDate FROM Case WHERE ClosedDate != null LIMIT 5');
    const rows = (await call('GET', `${JOBS}/${id}/results`)).text.trimEnd().split('\n').slice(1);
    assert.equal(rows.length, 5);
    for (const row of rows) assert.match(row, /^"500\w{15}","\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z","\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z"$/);
  });

  it('includes deleted rows for queryAll jobs only', async () => {
    const soql = 'SELECT Id FROM Case WHERE IsDeleted = true';
    const live = await call('GET', `${JOBS}/${await completedJob(soql)}/results`);
    const all = await call('GET', `${JOBS}/${await completedJob(soql, 'queryAll')}/results`);
    assert.equal(live.headers.get('sforce-numberofrecords'), '0');
    assert.ok(Number(all.headers.get('sforce-numberofrecords')) > 0);
  });

  it('refuses aggregates, nested queries and OFFSET, and passes SOQL errors through', async () => {
    for (const query of ['SELECT COUNT(Id) FROM Case', 'SELECT Id, (SELECT Id FROM Cases) FROM Account', 'SELECT Id FROM Case OFFSET 5']) {
      const { status, json } = await call('POST', JOBS, { operation: 'query', query });
      assert.equal(status, 400, query);
      assert.equal(json[0].errorCode, 'API_ERROR');
    }
    const invalid = await call('POST', JOBS, { operation: 'query', query: 'SELECT Nope FROM Case' });
    assert.equal(invalid.json[0].errorCode, 'INVALID_FIELD');
  });

  it('will not give results before the job is complete, and aborts and deletes jobs', async () => {
    const created = await call('POST', JOBS, { operation: 'query', query: 'SELECT Id FROM Case' });
    const early = await call('GET', `${JOBS}/${created.json.id}/results`);
    assert.equal(early.json[0].errorCode, 'INVALIDJOBSTATE');
    const aborted = await call('PATCH', `${JOBS}/${created.json.id}`, { state: 'Aborted' });
    assert.equal(aborted.json.state, 'Aborted');
    assert.equal((await call('DELETE', `${JOBS}/${created.json.id}`)).status, 204);
    assert.equal((await call('GET', `${JOBS}/${created.json.id}`)).status, 404);
  });

  it('answers jsforce bulk2.query with every record of a one-page result', async () => {
    const records = await conn.bulk2.query('SELECT Id, Subject FROM Case');
    const rows: Record<string, unknown>[] = [];
    for await (const record of records) rows.push(record as Record<string, unknown>);
    assert.equal(rows.length, emulator.org.rows('Case').filter((r) => r.IsDeleted !== true).length);
    assert.match(String(rows[0].Id), /^500/);
  });
});
