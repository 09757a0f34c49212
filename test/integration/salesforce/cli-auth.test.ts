import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/command';
import { followAuthorize, startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { Evidence } from './evidence';
import { TestWorkspace } from './workspace';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('sfjob auth against the emulator', function () {
  this.timeout(30_000);
  const evidence = new Evidence();
  let emulator: EmulatorHandle;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 2, chats: 1, sms: 1, surveys: 1 } });
    evidence.secret(emulator.clientSecret, emulator.password, 'wrong-secret-value');
  });
  after(async () => {
    await emulator.close();
    evidence.cleanUp();
  });

  function workspaceFor(connections: Record<string, object>, env: Record<string, string> = {}): TestWorkspace {
    const full = Object.fromEntries(Object.entries(connections).map(([name, c]) => [name, { environmentUrl: emulator.url, clientId: emulator.clientId, ...c }]));
    return evidence.workspace(new TestWorkspace(full as never, env));
  }

  /** Runs the CLI in process; `onStdout` sees output as it is printed (the web flow follows the URL from it). */
  async function sfjob(ws: TestWorkspace, args: string[], onStdout?: (text: string) => void): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (text) => {
        stdout += text;
        onStdout?.(text);
      },
      stderr: (text) => (stderr += text),
      cwd: ws.root,
      env: ws.env,
      isTTY: false,
      version: 'test',
    };
    const code = await main(['auth', ...args], io);
    evidence.output(`sfjob auth ${args.join(' ')} stdout`, stdout);
    evidence.output(`sfjob auth ${args.join(' ')} stderr`, stderr);
    return { code, stdout, stderr };
  }

  it('authorizes a password connection, prints who and where, and saves the token in a 0600 credentials file', async () => {
    const ws = workspaceFor({ local: { flow: 'password', username: emulator.username } }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret, SFJOB_LOCAL_PASSWORD: emulator.password });
    const run = await sfjob(ws, ['local']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Authorized connection "local" \(password\)\./);
    assert.match(run.stdout, /user: +integration@sfjob\.local \(Integration User\)/);
    assert.match(run.stdout, new RegExp(`org: +${emulator.org.orgId}`));
    assert.match(run.stdout, /API: +v62\.0; [\d,]+ of 15,000 API requests left today/);
    assert.match(run.stdout, new RegExp(`saved in: credentials file ${ws.credentialsFile.replace(/[.]/g, '\\.')}`));
    assert.equal(fs.statSync(ws.credentialsFile).mode & 0o777, 0o600);
    assert.ok(ws.saved().local.accessToken);
  });

  it('prints the sign-in URL for a web server connection, waits for the callback and keeps the refresh token', async () => {
    const ws = workspaceFor({ web: { flow: 'webServer' } });
    let followed: Promise<void> | undefined;
    const run = await sfjob(ws, ['web', '--port', '0', '--timeout', '20'], (text) => {
      const url = /https?:\/\/\S+\/services\/oauth2\/authorize\?\S+/.exec(text)?.[0];
      if (url && !followed) followed = followAuthorize(url).then(async (callback) => void (await (await fetch(callback)).text()));
    });
    await followed;
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Open this address in a browser and sign in to Salesforce:/);
    assert.match(run.stdout, /Authorized connection "web" \(webServer\)\./);
    assert.ok(ws.saved().web.refreshToken);

    const check = await sfjob(ws, ['web', '--check']);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /^Checked connection "web" \(webServer\)\./);
    assert.doesNotMatch(check.stdout, /Open this address/);

    const status = await sfjob(ws, ['--status']);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /web {2}\(webServer, http:\/\/127\.0\.0\.1:\d+\)\n {2}credentials: ready\n {4}refreshToken: from credentials file /);
  });

  it('lists connections with their flow, missing credentials and expiry, as text and JSON', async () => {
    const ws = workspaceFor(
      {
        ci: { flow: 'clientCredentials', expiration: { date: '2099-01-01' } },
        old: { flow: 'password', username: 'u@x', expiration: { date: '2020-01-01' } },
      },
      { SFJOB_CI_CLIENT_SECRET: emulator.clientSecret },
    );
    const text = await sfjob(ws, ['--status']);
    assert.equal(text.code, 1, 'an expired credential makes the status fail');
    assert.match(text.stdout, /ci {2}\(clientCredentials, .*\)\n {2}credentials: ready\n {4}clientSecret: from environment variables\n {2}expiry: 2099-01-01 \(\d+ days left\)/);
    assert.match(text.stdout, /old {2}\(password, .*\)\n {2}credentials: missing clientSecret \(SFJOB_OLD_CLIENT_SECRET or the credentials file\); password \(SFJOB_OLD_PASSWORD or the credentials file\)/);
    assert.match(text.stdout, /expiry: EXPIRED: The credential of connection "old" expired on 2020-01-01/);
    const json = await sfjob(ws, ['--status', '--json']);
    const parsed = JSON.parse(json.stdout) as { connections: { name: string; ready: boolean; expiry: { state: string } }[] };
    assert.deepEqual(
      parsed.connections.map((c) => [c.name, c.ready, c.expiry.state]),
      [
        ['ci', true, 'ok'],
        ['old', false, 'expired'],
      ],
    );
  });

  it('warns about a credential close to its expiration after authorizing', async () => {
    const soon = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const ws = workspaceFor({ ci: { flow: 'clientCredentials', expiration: { date: soon } } }, { SFJOB_CI_CLIENT_SECRET: emulator.clientSecret });
    const run = await sfjob(ws, ['ci']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`warning: The credential of connection "ci" expires in [234] days \\(${soon}\\)`));
  });

  it('fails with exit code 1 and the advice when Salesforce refuses', async () => {
    const ws = workspaceFor({ ci: { flow: 'clientCredentials' } }, { SFJOB_CI_CLIENT_SECRET: 'wrong-secret-value' });
    const run = await sfjob(ws, ['ci']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^sfjob auth: Salesforce rejected the client secret of connection "ci"/);
    assert.equal(fs.existsSync(ws.credentialsFile), false);
  });

  it('--check never starts a sign-in: a web connection without a saved token fails with what to run', async () => {
    const ws = workspaceFor({ web: { flow: 'webServer' } });
    const run = await sfjob(ws, ['web', '--check']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no saved refresh token\. Run "sfjob auth web" once/);
    assert.equal(run.stdout, '');
  });

  it('saves a secret piped on standard input in the credentials file, then authorizes with it', async () => {
    const ws = workspaceFor({ ci: { flow: 'clientCredentials' } });
    const main = path.resolve(__dirname, '../../../src/cli/main.ts');
    // The child runs in the throwaway workspace, so the TypeScript loader is named by its full path.
    const loader = pathToFileURL(path.resolve(__dirname, '../../../node_modules/tsx/dist/loader.mjs')).href;
    const child = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const spawned = execFile(process.execPath, ['--import', loader, main, 'auth', 'ci', '--set-secret', 'clientSecret'], { cwd: ws.root, env: ws.env }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
      spawned.stdin?.end(`${emulator.clientSecret}\n`);
    });
    evidence.output('set-secret stdout', child.stdout);
    evidence.output('set-secret stderr', child.stderr);
    assert.equal(child.code, 0, child.stderr);
    assert.match(child.stdout, /^Saved the clientSecret of connection "ci" in credentials file .*credentials\.json \(readable only by you\)\./);
    assert.equal(ws.saved().ci.clientSecret, emulator.clientSecret);
    assert.equal(fs.statSync(ws.credentialsFile).mode & 0o777, 0o600);
    const run = await sfjob(ws, ['ci']);
    assert.equal(run.code, 0, run.stderr);
  });

  it('refuses to save an unknown kind of secret', async () => {
    const ws = workspaceFor({ ci: { flow: 'clientCredentials' } });
    const run = await sfjob(ws, ['ci', '--set-secret', 'apiKey']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--set-secret takes one of clientSecret, password, securityToken, refreshToken, not "apiKey"/);
  });

  it('refuses a credentials file that SFJOB_CREDENTIALS_FILE puts inside the workspace', async () => {
    const ws = workspaceFor({ ci: { flow: 'clientCredentials' } }, { SFJOB_CI_CLIENT_SECRET: emulator.clientSecret });
    ws.env = { ...ws.env, SFJOB_CREDENTIALS_FILE: `${ws.root}/credentials.json` };
    const run = await sfjob(ws, ['ci']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /credentials\.json is inside the workspace .*Point SFJOB_CREDENTIALS_FILE outside the workspace/);
  });

  it('exits 2 on bad usage: no name, an unknown connection, a bad port', async () => {
    const ws = workspaceFor({ ci: { flow: 'clientCredentials' } });
    assert.equal((await sfjob(ws, [])).code, 2);
    const unknown = await sfjob(ws, ['nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no connection named "nope"\. Known connections: ci\./);
    const port = await sfjob(ws, ['ci', '--port', 'abc']);
    assert.equal(port.code, 2);
    assert.match(port.stderr, /--port must be a whole number from 0 to 65535, not "abc"/);
    assert.equal((await sfjob(ws, ['ci', '--check', '--port', '0'])).code, 2);
  });

  it('leaves no secret in any file it wrote or any output it printed', () => {
    evidence.assertNoSecretLeaked();
  });
});
