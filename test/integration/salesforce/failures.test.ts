import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { followAuthorize, startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { AuthError } from '../../../src/salesforce/auth/errors';
import { CredentialExpiredError } from '../../../src/salesforce/connections/expiry';
import { authorize, connect } from '../../../src/salesforce/connect';
import { Evidence } from './evidence';
import { TestWorkspace } from './workspace';

describe('authorization failures against the emulator, each with what to change', function () {
  this.timeout(30_000);
  const evidence = new Evidence();
  let emulator: EmulatorHandle;
  let strict: EmulatorHandle;

  before(async () => {
    const records = { cases: 1, chats: 1, sms: 1, surveys: 1 };
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    emulator = await startEmulator({ port: 0, records, jwtCertificate: otherKey });
    strict = await startEmulator({ port: 0, records, requirePkce: true, disabledGrants: ['password', 'client_credentials'] });
    evidence.secret(emulator.clientSecret, emulator.password, 'wrong-secret-value', 'wrong-password-value', 'stale-refresh-token');
  });
  after(async () => {
    await Promise.all([emulator.close(), strict.close()]);
    evidence.cleanUp();
  });

  function workspaceFor(target: EmulatorHandle, connection: object, env: Record<string, string> = {}): TestWorkspace {
    return evidence.workspace(new TestWorkspace({ local: { environmentUrl: target.url, clientId: target.clientId, ...connection } as never }, env));
  }

  async function failure(promise: Promise<unknown>): Promise<AuthError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof AuthError, `expected an AuthError, got ${String(error)}`);
      evidence.output('error message', error.message);
      return error;
    }
    assert.fail('the authorization succeeded');
  }

  const connectIn = (ws: TestWorkspace) => connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env });

  it('wrong client secret: invalid_client, pointing at the consumer secret', async () => {
    const ws = workspaceFor(emulator, { flow: 'clientCredentials' }, { SFJOB_LOCAL_CLIENT_SECRET: 'wrong-secret-value' });
    const error = await failure(connectIn(ws));
    assert.equal(error.errorCode, 'invalid_client');
    assert.match(error.message, /rejected the client secret of connection "local"\. Copy the connected app's consumer secret again into SFJOB_LOCAL_CLIENT_SECRET/);
    assert.match(error.message, /Salesforce said: invalid_client: invalid client credentials/);
  });

  it('wrong client id: invalid_client_id, pointing at clientId', async () => {
    const ws = workspaceFor(emulator, { flow: 'clientCredentials', clientId: 'not-the-app' }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
    const error = await failure(connectIn(ws));
    assert.equal(error.errorCode, 'invalid_client_id');
    assert.match(error.message, /consumer key into "clientId"/);
  });

  it('wrong password: authentication failure, naming the password and security token variables', async () => {
    const ws = workspaceFor(emulator, { flow: 'password', username: emulator.username }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret, SFJOB_LOCAL_PASSWORD: 'wrong-password-value' });
    const error = await failure(connectIn(ws));
    assert.equal(error.errorCode, 'invalid_grant');
    assert.match(error.message, /refused the sign-in of connection "local" \(authentication failure\)\. Check "username", the password \(SFJOB_LOCAL_PASSWORD\) and the security token \(SFJOB_LOCAL_SECURITY_TOKEN/);
    assert.doesNotMatch(error.message, /wrong-password-value/);
  });

  it('flow disabled in the org: unsupported_grant_type, naming the setting to turn on', async () => {
    const ws = workspaceFor(strict, { flow: 'password', username: strict.username }, { SFJOB_LOCAL_CLIENT_SECRET: strict.clientSecret, SFJOB_LOCAL_PASSWORD: strict.password });
    const error = await failure(connectIn(ws));
    assert.equal(error.errorCode, 'unsupported_grant_type');
    assert.match(error.message, /"password" flow is disabled for this org or connected app\. Allow the OAuth Username-Password flows/);
    const cc = workspaceFor(strict, { flow: 'clientCredentials' }, { SFJOB_LOCAL_CLIENT_SECRET: strict.clientSecret });
    assert.match((await failure(connectIn(cc))).message, /Enable the Client Credentials Flow on the connected app/);
  });

  it('PKCE required but turned off on the connection: says to remove "pkce": false', async () => {
    const ws = workspaceFor(strict, { flow: 'webServer', pkce: false }, { SFJOB_LOCAL_CLIENT_SECRET: strict.clientSecret });
    const error = await failure(
      authorize('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env, interactive: { port: 0, timeoutMs: 10_000, openBrowser: async (url) => void (await fetch(await followAuthorize(url))).text() } }),
    );
    assert.equal(error.errorCode, 'invalid_request');
    assert.match(error.message, /requires PKCE .*Remove "pkce": false/);
  });

  it('consent denied: access_denied, saying to choose Allow', async () => {
    const ws = workspaceFor(emulator, { flow: 'webServer' });
    const error = await failure(
      authorize('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env, interactive: { port: 0, timeoutMs: 10_000, openBrowser: async (url) => void (await fetch(await followAuthorize(url, 'deny'))).text() } }),
    );
    assert.equal(error.errorCode, 'access_denied');
    assert.match(error.message, /denied on the Salesforce consent page\. Run "sfjob auth local" again and choose Allow/);
  });

  it('expired or revoked refresh token: invalid_grant, asking for a new sign-in', async () => {
    const ws = workspaceFor(emulator, { flow: 'webServer' }, { SFJOB_LOCAL_REFRESH_TOKEN: 'stale-refresh-token' });
    const error = await failure(connectIn(ws));
    assert.equal(error.errorCode, 'invalid_grant');
    assert.match(error.message, /refresh token of connection "local" has expired or was revoked\. Run "sfjob auth local"/);
    assert.doesNotMatch(error.message, /stale-refresh-token/);
  });

  it('web server connection never signed in: says to run sfjob auth once', async () => {
    const ws = workspaceFor(emulator, { flow: 'webServer' });
    const error = await failure(connectIn(ws));
    assert.equal(error.errorCode, 'not_authorized');
    assert.match(error.message, /no saved refresh token\. Run "sfjob auth local" once/);
  });

  it('JWT signed with a key the connected app does not have: points at the key file and certificate', async () => {
    const ws = workspaceFor(emulator, { flow: 'jwt', username: emulator.username, jwtKeyFile: path.join('..', 'home', 'jwt.key') });
    fs.writeFileSync(path.join(ws.home, 'jwt.key'), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const error = await failure(connectIn(ws));
    assert.equal(error.errorCode, 'invalid_grant');
    assert.match(error.message, /rejected the JWT of connection "local"\. Check that jwtKeyFile matches the certificate uploaded to the connected app/);
    fs.rmSync(path.join(ws.home, 'jwt.key'));
  });

  it('missing secret: names the environment variable to set', async () => {
    const ws = workspaceFor(emulator, { flow: 'clientCredentials' });
    const error = await failure(connectIn(ws));
    assert.equal(error.errorCode, 'missing_secret');
    assert.match(error.message, /needs the connected app's consumer secret\. Set the environment variable SFJOB_LOCAL_CLIENT_SECRET, or keep it as "clientSecret" in the credentials file .*\(looked in: environment variables, then credentials file /);
  });

  it('nothing listening: ECONNREFUSED, suggesting to start the emulator', async () => {
    const gone = await startEmulator({ port: 0, records: { cases: 1, chats: 1, sms: 1, surveys: 1 } });
    await gone.close();
    const ws = workspaceFor(gone, { flow: 'clientCredentials' }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
    const error = await failure(connectIn(ws));
    assert.equal(error.errorCode, 'ECONNREFUSED');
    assert.match(error.message, new RegExp(`Cannot reach ${gone.url.replace(/\./g, '\\.')} while authorizing connection "local" \\(ECONNREFUSED\\)\\..*sfjob emulator`));
  });

  it('login host that does not answer: fails after the timeout instead of hanging', async () => {
    const ws = workspaceFor(emulator, { flow: 'clientCredentials' }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
    emulator.faults.set({ delayMs: 3000 });
    try {
      const error = await failure(connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env, timeoutMs: 300 }));
      assert.equal(error.errorCode, 'ETIMEDOUT');
      assert.match(error.message, /Cannot reach http:\/\/127\.0\.0\.1:\d+ while authorizing connection "local" \(ETIMEDOUT\)/);
    } finally {
      emulator.faults.clear();
    }
  });

  it('environmentUrl that is not a Salesforce login host: says so instead of failing obscurely', async () => {
    const ws = workspaceFor(emulator, { flow: 'clientCredentials', environmentUrl: `${emulator.url}/not-a-login-host` }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
    const error = await failure(connectIn(ws));
    assert.match(error.errorCode, /^ERROR_HTTP_4\d\d$/);
    assert.match(error.message, /answered HTTP 4\d\d without an OAuth answer while authorizing connection "local"\. Check that environmentUrl .* is the org's login URL/);
  });

  it('credential past its expiration: fails before any request', async () => {
    const ws = workspaceFor(emulator, { flow: 'clientCredentials', expiration: { date: '2020-01-31' } }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
    await assert.rejects(connectIn(ws), (error: Error) => {
      assert.ok(error instanceof CredentialExpiredError);
      assert.match(error.message, /connection "local" expired on 2020-01-31/);
      return true;
    });
    assert.equal(ws.saved().local, undefined, 'no session was opened');
  });

  it('leaves no secret in any file it wrote or any output it printed', () => {
    evidence.assertNoSecretLeaked();
  });
});
