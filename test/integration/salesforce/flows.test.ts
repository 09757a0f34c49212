import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { followAuthorize, startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { authorize, connect } from '../../../src/salesforce/connect';
import { testConnection } from '../../../src/salesforce/session/test-connection';
import type { AuthorizedConnection } from '../../../src/salesforce/session/types';
import { Evidence } from './evidence';
import { TestWorkspace } from './workspace';

/** Follows the sign-in in place of a browser: consent page, Allow, then the redirect to our loopback server. */
async function signInWithoutBrowser(url: string): Promise<void> {
  const callback = await followAuthorize(url);
  const answer = await fetch(callback);
  await answer.text();
}

async function firstCase(authorized: AuthorizedConnection): Promise<string> {
  const result = await authorized.connection.query<{ Id: string }>('SELECT Id FROM Case ORDER BY Id LIMIT 1');
  assert.equal(result.records.length, 1);
  return result.records[0].Id;
}

describe('authorizing every flow against the emulator', function () {
  this.timeout(30_000);
  const evidence = new Evidence();
  let emulator: EmulatorHandle;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 5, chats: 2, sms: 2, surveys: 2 }, jwtCertificate: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    evidence.secret(emulator.clientSecret, emulator.password);
  });
  after(async () => {
    await emulator.close();
    evidence.cleanUp();
  });

  function workspaceFor(connection: object, env: Record<string, string> = {}): TestWorkspace {
    return evidence.workspace(new TestWorkspace({ local: { environmentUrl: emulator.url, clientId: emulator.clientId, ...connection } as never }, env));
  }

  function secretsEnv(...kinds: ('CLIENT_SECRET' | 'PASSWORD')[]): Record<string, string> {
    const env: Record<string, string> = {};
    if (kinds.includes('CLIENT_SECRET')) env.SFJOB_LOCAL_CLIENT_SECRET = emulator.clientSecret;
    if (kinds.includes('PASSWORD')) env.SFJOB_LOCAL_PASSWORD = emulator.password;
    return env;
  }

  async function record(authorized: AuthorizedConnection): Promise<AuthorizedConnection> {
    evidence.secret(...authorized.secretValues());
    return authorized;
  }

  it('password flow: signs in with username, password and client secret, and queries on the instance URL', async () => {
    const ws = workspaceFor({ flow: 'password', username: emulator.username }, secretsEnv('CLIENT_SECRET', 'PASSWORD'));
    const authorized = await record(await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env }));
    assert.equal(authorized.instanceUrl, emulator.url);
    assert.equal(authorized.connection.version, '62.0');
    assert.equal(authorized.orgId, emulator.org.orgId);
    const check = await testConnection(authorized);
    assert.equal(check.username, emulator.username);
    assert.equal(check.orgId, emulator.org.orgId);
    assert.ok(check.apiUsage && check.apiUsage.limit > 0 && check.apiUsage.remaining < check.apiUsage.limit, JSON.stringify(check.apiUsage));
    await firstCase(authorized);
    assert.ok(ws.saved().local?.accessToken, 'the access token is kept in the credentials file');
  });

  it('uses the apiVersion of the job over the connection and the default', async () => {
    const ws = workspaceFor({ flow: 'clientCredentials', apiVersion: '60.0' }, secretsEnv('CLIENT_SECRET'));
    const fromConnection = await record(await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env }));
    assert.equal(fromConnection.connection.version, '60.0');
    const fromJob = await record(await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env, apiVersion: '61.0' }));
    assert.equal(fromJob.connection.version, '61.0');
    assert.equal((await testConnection(fromJob)).apiVersion, '61.0');
  });

  it('client credentials flow: signs in with the client secret alone', async () => {
    const ws = workspaceFor({ flow: 'clientCredentials' }, secretsEnv('CLIENT_SECRET'));
    const authorized = await record(await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env }));
    assert.equal((await testConnection(authorized)).username, emulator.username);
  });

  it('JWT flow: signs an RS256 assertion with the key file and gets a session', async () => {
    const ws = workspaceFor({ flow: 'jwt', username: emulator.username, jwtKeyFile: path.join('..', 'home', 'server.key') });
    fs.writeFileSync(path.join(ws.home, 'server.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const authorized = await record(await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env }));
    assert.equal((await testConnection(authorized)).username, emulator.username);
    emulator.faults.expireTokens();
    await firstCase(authorized);
    // The private key is the secret of this flow: it must not show up anywhere but its own file.
    fs.rmSync(path.join(ws.home, 'server.key'));
  });

  it('JWT flow: refuses a key file inside the workspace, where it could be committed, before reading it', async () => {
    const ws = workspaceFor({ flow: 'jwt', username: emulator.username, jwtKeyFile: 'keys/server.key' });
    fs.mkdirSync(path.join(ws.root, 'keys'));
    fs.writeFileSync(path.join(ws.root, 'keys', 'server.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await assert.rejects(connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env }), (error: Error & { errorCode?: string }) => {
      assert.equal(error.errorCode, 'jwt_key_in_workspace');
      assert.match(error.message, /jwtKeyFile .*server\.key of connection "local" is inside the workspace/);
      return true;
    });
    fs.rmSync(path.join(ws.root, 'keys'), { recursive: true });
  });

  it('web server flow with PKCE: follows the consent redirect to the loopback server, then keeps the refresh token', async () => {
    const ws = workspaceFor({ flow: 'webServer' });
    const opened: string[] = [];
    const authorized = await record(
      await authorize('local', {
        workspaceRoot: ws.root,
        secrets: ws.secrets(),
        env: ws.env,
        interactive: { port: 0, timeoutMs: 10_000, openBrowser: async (url) => (opened.push(url), signInWithoutBrowser(url)) },
      }),
    );
    const authorizeUrl = new URL(opened[0]);
    assert.equal(authorizeUrl.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorizeUrl.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(authorizeUrl.searchParams.get('redirect_uri') ?? '', /^http:\/\/localhost:\d+\/OauthRedirect$/);
    assert.ok(authorizeUrl.searchParams.get('state'));
    await firstCase(authorized);
    const refreshToken = ws.saved().local?.refreshToken;
    assert.ok(refreshToken, 'the refresh token is saved');
    evidence.secret(refreshToken);

    // A later run signs in with the saved refresh token, no browser.
    const later = await record(await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env }));
    await firstCase(later);
  });

  it('web server flow without PKCE: uses the client secret for the code exchange', async () => {
    const ws = workspaceFor({ flow: 'webServer', pkce: false }, secretsEnv('CLIENT_SECRET'));
    const opened: string[] = [];
    const authorized = await record(
      await authorize('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env, interactive: { port: 0, timeoutMs: 10_000, openBrowser: async (url) => (opened.push(url), signInWithoutBrowser(url)) } }),
    );
    assert.equal(new URL(opened[0]).searchParams.get('code_challenge'), null);
    await firstCase(authorized);
  });

  it('Salesforce CLI flow: takes the session "sf org auth show-access-token" prints and renews it the same way', async () => {
    const ws = workspaceFor({ flow: 'sfCli', sfCliAlias: 'local-org' });
    const bin = path.join(ws.base, 'bin');
    fs.mkdirSync(bin);
    const calls = path.join(ws.base, 'sf-calls.log');
    // A stand-in for the Salesforce CLI that holds a real emulator session, as sf does after "sf org login".
    fs.writeFileSync(
      path.join(bin, 'sf'),
      `#!${process.execPath}
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(calls)}, process.argv.slice(2).join(' ') + '\\n');
const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: ${JSON.stringify(emulator.clientId)}, client_secret: process.env.FAKE_SF_SECRET });
fetch(${JSON.stringify(emulator.url)} + '/services/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })
  .then((r) => r.json())
  .then((t) => process.stdout.write(JSON.stringify({ status: 0, result: { accessToken: t.access_token, instanceUrl: t.instance_url, username: 'integration@sfjob.local', id: '00D', apiVersion: '62.0' } })));
`,
      { mode: 0o755 },
    );
    ws.env = { ...ws.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, FAKE_SF_SECRET: emulator.clientSecret };
    const authorized = await record(await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env }));
    await firstCase(authorized);
    emulator.faults.expireTokens();
    await firstCase(authorized);
    assert.deepEqual(fs.readFileSync(calls, 'utf8').trim().split('\n'), ['org auth show-access-token --json --target-org local-org', 'org auth show-access-token --json --target-org local-org']);
    assert.equal(ws.saved().local, undefined, "the CLI's session is not copied into the credentials file");
  });

  it('reports a used-up daily API limit when checking the connection, keeping the errorCode', async () => {
    const ws = workspaceFor({ flow: 'clientCredentials' }, secretsEnv('CLIENT_SECRET'));
    const authorized = await record(await connect('local', { workspaceRoot: ws.root, secrets: ws.secrets(), env: ws.env }));
    emulator.faults.set({ requestLimitAfter: 0 });
    try {
      await assert.rejects(testConnection(authorized), (error: Error & { errorCode?: string }) => {
        evidence.output('check error', error.message);
        assert.equal(error.errorCode, 'REQUEST_LIMIT_EXCEEDED');
        assert.match(error.message, /Connection "local" signed in, but checking it on http:\/\/127\.0\.0\.1:\d+ failed \(REQUEST_LIMIT_EXCEEDED: .*\)\. The org's daily API requests are used up/);
        return true;
      });
    } finally {
      emulator.faults.clear();
    }
  });

  it('leaves no secret in any file it wrote or any output it printed', () => {
    evidence.assertNoSecretLeaked();
  });
});
