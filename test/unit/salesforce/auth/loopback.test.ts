import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbackError, startCallbackServer } from '../../../../src/salesforce/auth/loopback';

async function portIsFree(port: number): Promise<boolean> {
  const server = http.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('OAuth loopback callback server', () => {
  it('answers the one redirect carrying the code with the right state, then frees the port', async () => {
    const server = await startCallbackServer({ port: 0, state: 'state-1', timeoutMs: 10_000 });
    assert.equal(server.redirectUri, `http://localhost:${server.port}/OauthRedirect`);
    const favicon = await fetch(`http://127.0.0.1:${server.port}/favicon.ico`);
    assert.equal(favicon.status, 404);
    const response = await fetch(`${server.redirectUri}?code=abc-code&state=state-1`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /You can close this window/);
    assert.equal(await server.code, 'abc-code');
    assert.ok(await portIsFree(server.port));
  });

  it('refuses a callback whose state does not match', async () => {
    const server = await startCallbackServer({ port: 0, state: 'expected', timeoutMs: 10_000 });
    const response = await fetch(`${server.redirectUri}?code=abc&state=forged`);
    assert.equal(response.status, 400);
    await assert.rejects(server.code, (error: Error) => error instanceof CallbackError && error.errorCode === 'state_mismatch');
  });

  it('passes on an OAuth error from the redirect with its code', async () => {
    const server = await startCallbackServer({ port: 0, state: 's', timeoutMs: 10_000 });
    await fetch(`${server.redirectUri}?error=access_denied&error_description=end-user+denied+authorization&state=s`);
    await assert.rejects(server.code, (error: Error) => {
      assert.ok(error instanceof CallbackError);
      assert.equal(error.errorCode, 'access_denied');
      assert.match(error.message, /access_denied: end-user denied authorization/);
      return true;
    });
  });

  it('gives up after the timeout with a message saying to start again', async () => {
    const server = await startCallbackServer({ port: 0, state: 's', timeoutMs: 50 });
    await assert.rejects(server.code, /No sign-in arrived within 0 seconds\. Run the authorization again/);
    assert.ok(await portIsFree(server.port));
  });

  it('says what to do when the callback port is taken', async () => {
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await assert.rejects(startCallbackServer({ port, state: 's', timeoutMs: 1000 }), (error: Error) => {
        assert.ok(error instanceof CallbackError);
        assert.equal(error.errorCode, 'port_in_use');
        assert.match(error.message, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is taken.*set "callbackPort"`));
        return true;
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('stops waiting when cancelled', async () => {
    const controller = new AbortController();
    const server = await startCallbackServer({ port: 0, state: 's', timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    await assert.rejects(server.code, (error: Error) => error instanceof CallbackError && error.errorCode === 'cancelled');
    assert.ok(await portIsFree(server.port));
  });
});
