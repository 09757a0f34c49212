import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendRequest, QueryHttpError } from '../../../../src/salesforce/retrieve/http';

describe('an error answer from the org never shows part of the session token', () => {
  const token = `00D5g000004abcd!AQ${'Zx9'.repeat(30)}`;
  let server: http.Server;
  let instanceUrl: string;

  before(async () => {
    // A proxy's error page that echoes the request's Authorization header where the kept part of the text ends.
    server = http.createServer((request, response) => {
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end(`<html>${'.'.repeat(460)} you sent ${request.headers.authorization ?? ''}</html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    instanceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('masks the token in the whole body before the message is cut', async () => {
    const error = await sendRequest({ connection: { accessToken: token, instanceUrl } }, '/services/data', { timeoutMs: 5_000 }).then(
      () => assert.fail('a 502 answer must throw'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof QueryHttpError);
    assert.equal(error.status, 502);
    assert.ok(!error.message.includes(token.slice(0, 8)), `the message shows the token's start: ${error.message.slice(-60)}`);
    assert.ok(error.message.includes('you sent Bearer ***') || !error.message.includes('Bearer 00D'), error.message.slice(-60));
  });
});
