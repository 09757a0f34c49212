import * as assert from 'node:assert/strict';
import { followAuthorize, startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { authorize, connect } from '../../../src/salesforce/connect';
import type { AuthorizedConnection } from '../../../src/salesforce/session/types';
import { Evidence } from './evidence';
import { TestWorkspace } from './workspace';

async function countCases(authorized: AuthorizedConnection): Promise<number> {
  return (await authorized.connection.query('SELECT Id FROM Case')).totalSize;
}

describe('renewing sessions mid-run against the emulator', function () {
  this.timeout(30_000);
  const evidence = new Evidence();
  let emulator: EmulatorHandle;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 4, chats: 1, sms: 1, surveys: 1 }, rotateRefreshTokens: true });
    evidence.secret(emulator.clientSecret, emulator.password);
  });
  after(async () => {
    await emulator.close();
    evidence.cleanUp();
  });

  function workspaceFor(connection: object, env: Record<string, string> = {}): TestWorkspace {
    return evidence.workspace(new TestWorkspace({ local: { environmentUrl: emulator.url, clientId: emulator.clientId, ...connection } as never }, env));
  }

  it('refreshes an expired web server session with the refresh token and keeps the rotated one', async () => {
    const ws = workspaceFor({ flow: 'webServer' });
    const authorized = await authorize('local', {
      workspaceRoot: ws.root,
      secrets: ws.secrets(),
      env: ws.env,
      interactive: { port: 0, timeoutMs: 10_000, openBrowser: async (url) => void (await (await fetch(await followAuthorize(url))).text()) },
    });
    evidence.secret(...authorized.secretValues());
    const before = await countCases(authorized);
    const firstRefreshToken = ws.saved().local.refreshToken;
    const firstAccessToken = authorized.connection.accessToken;
    let refreshed = 0;
    authorized.connection.on('refresh', () => refreshed++);

    emulator.faults.expireTokens();
    assert.equal(await countCases(authorized), before, 'the query after expiry still answers');
    assert.equal(refreshed, 1);
    assert.notEqual(authorized.connection.accessToken, firstAccessToken);
    const rotated = ws.saved().local.refreshToken;
    assert.ok(rotated && rotated !== firstRefreshToken, 'the rotated refresh token replaced the old one in the credentials file');
    assert.equal(ws.saved().local.accessToken, authorized.connection.accessToken);
    evidence.secret(...authorized.secretValues(), rotated);

    // The next run starts from the rotated token; the retired one would be refused.
    const nextRun = await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env });
    evidence.secret(...nextRun.secretValues());
    assert.equal(await countCases(nextRun), before);
  });

  it('re-authorizes the client credentials flow by itself when the session expires', async () => {
    const ws = workspaceFor({ flow: 'clientCredentials' }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
    const authorized = await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env });
    const before = await countCases(authorized);
    emulator.faults.expireTokens();
    assert.equal(await countCases(authorized), before);
    evidence.secret(...authorized.secretValues());
  });

  it('re-authorizes the password flow on expiry and on request', async () => {
    const ws = workspaceFor({ flow: 'password', username: emulator.username }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret, SFJOB_LOCAL_PASSWORD: emulator.password });
    const authorized = await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env });
    const first = authorized.connection.accessToken;
    await authorized.reauthorize();
    assert.notEqual(authorized.connection.accessToken, first);
    emulator.faults.expireTokens();
    assert.ok((await countCases(authorized)) > 0);
    evidence.secret(...authorized.secretValues());
  });

  it('warns when a rotated refresh token cannot be saved because it came from the environment', async () => {
    const setup = workspaceFor({ flow: 'webServer' });
    const signedIn = await authorize('local', {
      workspaceRoot: setup.root,
      secrets: setup.secrets(),
      env: setup.env,
      interactive: { port: 0, timeoutMs: 10_000, openBrowser: async (url) => void (await (await fetch(await followAuthorize(url))).text()) },
    });
    evidence.secret(...signedIn.secretValues());
    const refreshToken = setup.saved().local.refreshToken;
    const { EnvSecretStore } = await import('../../../src/salesforce/secrets/env-store');
    const ciEnv = { ...setup.env, SFJOB_LOCAL_REFRESH_TOKEN: refreshToken };
    const warnings: string[] = [];
    const authorized = await connect('local', { workspaceRoot: setup.root, secrets: new EnvSecretStore(ciEnv), env: ciEnv, onWarning: (m) => warnings.push(m) });
    evidence.secret(...authorized.secretValues());
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /rotated the refresh token of connection "local", but environment variables cannot store it/);
    for (const warning of warnings) evidence.output('warning', warning);
  });

  it('fails a query clearly when the refresh token was revoked mid-session', async () => {
    const ws = workspaceFor({ flow: 'webServer' });
    const authorized = await authorize('local', {
      workspaceRoot: ws.root,
      secrets: ws.secrets(),
      env: ws.env,
      interactive: { port: 0, timeoutMs: 10_000, openBrowser: async (url) => void (await (await fetch(await followAuthorize(url))).text()) },
    });
    evidence.secret(...authorized.secretValues());
    await countCases(authorized);
    const revoked = await fetch(`${emulator.url}/services/oauth2/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: ws.saved().local.refreshToken }) });
    assert.equal(revoked.status, 200);
    emulator.faults.expireTokens();
    await assert.rejects(countCases(authorized), (error: Error) => {
      evidence.output('query error', error.message);
      assert.match(error.message, /refresh token of connection "local" has expired or was revoked\. Run "sfjob auth local"/);
      assert.match(error.message, /invalid_grant/);
      return true;
    });
  });

  it('warns when a new refresh token is saved but an environment variable still overrides it', async () => {
    const ws = workspaceFor({ flow: 'webServer' });
    const signIn = { port: 0, timeoutMs: 10_000, openBrowser: async (url: string) => void (await (await fetch(await followAuthorize(url))).text()) };
    const first = await authorize('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env, interactive: signIn });
    evidence.secret(...first.secretValues());
    ws.env = { ...ws.env, SFJOB_LOCAL_REFRESH_TOKEN: ws.saved().local.refreshToken };
    const warnings: string[] = [];
    const second = await authorize('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env, interactive: signIn, onWarning: (m) => warnings.push(m) });
    evidence.secret(...second.secretValues());
    assert.notEqual(ws.saved().local.refreshToken, ws.env.SFJOB_LOCAL_REFRESH_TOKEN);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /A new refresh token of connection "local" was saved, but SFJOB_LOCAL_REFRESH_TOKEN is set and is read first/);
    evidence.output('warning', warnings[0]);
  });

  it('leaves no secret in any file it wrote or any output it printed', () => {
    evidence.assertNoSecretLeaked();
  });
});
