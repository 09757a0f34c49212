import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { Connection } from 'jsforce';
import { followAuthorize, startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { API_VERSION, apiGet, oauth2Of, passwordToken } from './helpers';

const DATA = `/services/data/v${API_VERSION}`;

/** Sends raw bytes and returns the status line of the answer, so malformed requests can be sent at all. */
async function rawStatusLine(emulator: EmulatorHandle, request: string): Promise<string> {
  const { hostname, port } = new URL(emulator.url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.end(request);
  let answer = '';
  for await (const chunk of socket) answer += String(chunk);
  return answer.split('\r\n')[0];
}

describe('emulator robustness', () => {
  let emulator: EmulatorHandle;
  let token: string;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    token = await passwordToken(emulator);
  });
  after(() => emulator.close());

  it('answers a request target no URL parser accepts with 404 and keeps serving', async () => {
    assert.equal(await rawStatusLine(emulator, 'GET http://[bad HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 'HTTP/1.1 404 Not Found');
    // A target starting with // is a path, not a host: it must not reach /services/data.
    assert.equal(await rawStatusLine(emulator, 'GET //evil.example.com/services/data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 'HTTP/1.1 404 Not Found');
    assert.equal((await apiGet(emulator, '/services/data', undefined)).status, 200);
  });

  it('answers a bulk job body that is not JSON with 400 JSON_PARSER_ERROR', async () => {
    const response = await fetch(`${emulator.url}${DATA}/jobs/query`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{nope' });
    assert.equal(response.status, 400);
    const [error] = (await response.json()) as { errorCode: string }[];
    assert.equal(error.errorCode, 'JSON_PARSER_ERROR');
  });

  it('refuses a body over 10 MB with 413 instead of reading it all', async () => {
    const response = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: 'x'.repeat(11 * 1024 * 1024) }).catch((error: unknown) => error);
    // The server may answer before the upload ends; either the 413 arrives or the upload is cut off.
    if (response instanceof Response) assert.equal(response.status, 413);
    else assert.ok(response instanceof Error);
    assert.equal((await apiGet(emulator, '/services/data', undefined)).status, 200);
  });

  it('takes a raw + in q as a space, as Salesforce does, so the query is malformed', async () => {
    const { status, body } = await apiGet(emulator, `${DATA}/query?q=SELECT+Id+FROM+Case+WHERE+CreatedDate+>+2026-01-01T00:00:00+01:00`, token);
    assert.equal(status, 400);
    assert.equal(body[0].errorCode, 'MALFORMED_QUERY');
  });

  it('lets jsforce refresh an expired session by itself and carry on', async () => {
    const oauth2 = oauth2Of(emulator, { redirectUri: 'http://127.0.0.1:1717/OauthRedirect' });
    const code = new URL(await followAuthorize(oauth2.getAuthorizationUrl({}))).searchParams.get('code') ?? '';
    const conn = new Connection({ oauth2, version: API_VERSION });
    await conn.authorize(code);
    const before = conn.accessToken;
    let refreshed = 0;
    conn.on('refresh', () => refreshed++);
    emulator.faults.expireTokens();
    const result = await conn.query('SELECT Id FROM Case LIMIT 1');
    assert.equal(result.records.length, 1);
    assert.equal(refreshed, 1);
    assert.notEqual(conn.accessToken, before);
  });
});
