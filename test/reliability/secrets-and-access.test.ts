import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index';
import { startCallbackServer, CallbackError } from '../../src/salesforce/auth/loopback';
import { sfOrgDisplay } from '../../src/salesforce/auth/sf-cli';
import { CredentialsFileStore } from '../../src/salesforce/secrets/credentials-file';
import { REPO_ROOT } from '../helpers/cli';
import { postToken } from '../integration/emulator/helpers';
import { checkAsync } from './fuzz';
import { isCredentialsFile, scanFolder, scanState } from './secret-scan.hooks';

/**
 * Secrets and access: the suite-wide secret scan really sees what tests write and what the emulator
 * hands out; the OAuth loopback server and the emulator answer on 127.0.0.1 only; the credentials file
 * is refused when its mode lets anyone else read it; values from Salesforce or a connection never reach
 * a shell.
 */

/** Addresses of this machine other than 127.0.0.1 that a server bound to 0.0.0.0 or :: would answer on. */
function otherAddresses(): string[] {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((entry): entry is os.NetworkInterfaceInfo => entry !== undefined && !entry.internal && !entry.address.startsWith('fe80'))
    .map((entry) => entry.address);
  // 127.0.0.2 reaches this machine's loopback too, yet a socket bound to 127.0.0.1 does not answer it.
  return ['127.0.0.2', '::1', ...external];
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('secrets and access', function () {
  this.timeout(60_000);

  describe('the suite-wide secret scan', () => {
    it('is installed: this process and the processes it starts make their temporary files where it looks', () => {
      const state = scanState();
      assert.ok(state, 'the root hook plugin is not loaded (.mocharc.json "require")');
      assert.ok(os.tmpdir().startsWith(state.folder), `${os.tmpdir()} is outside ${state.folder}`);
      const childTmp = execFileSync(process.execPath, ['-e', 'process.stdout.write(require("os").tmpdir())'], { encoding: 'utf8' });
      assert.ok(childTmp.startsWith(state.folder), `a child process uses ${childTmp}`);
    });

    it('learns every secret the emulator is configured with or issues', async () => {
      const state = scanState();
      assert.ok(state);
      const emulator = await startEmulator({ port: 0, securityToken: `security-token-${process.hrtime.bigint()}`, records: { cases: 1, chats: 0, sms: 0, surveys: 0 } });
      try {
        const { body } = await postToken(emulator, { grant_type: 'password', client_id: emulator.clientId, client_secret: emulator.clientSecret, username: emulator.username, password: emulator.password + emulator.securityToken });
        const token = String(body.access_token);
        assert.ok(token.length > 20);
        for (const secret of [emulator.clientSecret, emulator.password, emulator.securityToken, token]) assert.ok(state.secrets.has(secret), `the scan does not know ${secret.slice(0, 4)}…`);
      } finally {
        await emulator.close();
      }
    });

    it('finds a secret anywhere in a tree of files, and only outside credentials files', () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-scan-check-'));
      try {
        const canary = `canary-${process.hrtime.bigint()}`;
        fs.mkdirSync(path.join(folder, 'a', 'b', '.sfjob', 'runs'), { recursive: true });
        fs.writeFileSync(path.join(folder, 'a', 'b', '.sfjob', 'runs', 'report.json'), JSON.stringify({ error: `token ${canary} refused` }));
        fs.mkdirSync(path.join(folder, 'home', '.config', 'sfjob'), { recursive: true });
        const credentials = path.join(folder, 'home', '.config', 'sfjob', 'credentials.json');
        fs.writeFileSync(credentials, JSON.stringify({ connections: { x: { refreshToken: canary } } }));
        assert.ok(isCredentialsFile(credentials));
        const seen = new Map<string, string>();
        const first = scanFolder(folder, [canary], seen);
        assert.deepEqual(first.leaks.map((leak) => path.relative(folder, leak.file)), ['a/b/.sfjob/runs/report.json']);
        // Unchanged files are read once; a file written again is read again.
        assert.equal(scanFolder(folder, [canary], seen).files, 0);
        fs.writeFileSync(path.join(folder, 'a', 'later.log'), `later ${canary}`);
        assert.equal(scanFolder(folder, [canary], seen).leaks.length, 1);
      } finally {
        // The canary is no registered secret, so the suite-wide scan reads these files without a finding.
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('reads what a test removes, just before it goes', () => {
      const state = scanState();
      assert.ok(state);
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-scan-removal-'));
      fs.writeFileSync(path.join(folder, 'short-lived.json'), '{"written":"and removed within one test"}');
      const before = state.filesScanned;
      fs.rmSync(folder, { recursive: true });
      assert.equal(state.filesScanned, before + 1);
    });
  });

  describe('the OAuth loopback server', () => {
    it('answers on 127.0.0.1 only', async () => {
      const server = await startCallbackServer({ port: 0, state: 'state-1', timeoutMs: 10_000 });
      try {
        assert.ok(await connects('127.0.0.1', server.port));
        for (const address of otherAddresses()) assert.equal(await connects(address, server.port), false, `the callback server answers on ${address}`);
      } finally {
        await server.close();
      }
    });

    it('refuses a wrong state without handing out the code, and serves no callback after it', async () => {
      const server = await startCallbackServer({ port: 0, state: 'the-right-state', timeoutMs: 10_000 });
      const forged = await fetch(`http://127.0.0.1:${server.port}/OauthRedirect?code=stolen-code&state=forged`);
      assert.equal(forged.status, 400);
      assert.doesNotMatch(await forged.text(), /stolen-code/);
      await assert.rejects(server.code, (error: Error) => error instanceof CallbackError && error.errorCode === 'state_mismatch');
      assert.equal(await connects('127.0.0.1', server.port), false, 'the server still listens after refusing the callback');
    });

    it('serves exactly one callback and then closes', async () => {
      const server = await startCallbackServer({ port: 0, state: 's', timeoutMs: 10_000 });
      const first = await fetch(`http://127.0.0.1:${server.port}/OauthRedirect?code=one&state=s`);
      assert.equal(first.status, 200);
      assert.equal(await server.code, 'one');
      assert.equal(await connects('127.0.0.1', server.port), false, 'a second callback could still arrive');
    });
  });

  describe('the emulator', () => {
    let emulator: EmulatorHandle;
    before(async () => {
      emulator = await startEmulator({ port: 0, records: { cases: 1, chats: 0, sms: 0, surveys: 0 } });
    });
    after(() => emulator.close());

    it('answers on 127.0.0.1 only', async () => {
      const port = Number(new URL(emulator.url).port);
      assert.equal(new URL(emulator.url).hostname, '127.0.0.1');
      assert.ok(await connects('127.0.0.1', port));
      for (const address of otherAddresses()) assert.equal(await connects(address, port), false, `the emulator answers on ${address}`);
    });
  });

  describe('the credentials file', () => {
    let folder: string;
    let file: string;
    beforeEach(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-credentials-'));
      file = path.join(folder, 'sfjob', 'credentials.json');
    });
    afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

    it('is written with mode 0600, and read back', async () => {
      const store = new CredentialsFileStore(file);
      await store.set('acme', 'refreshToken', 'rt-value-0001');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.equal(await store.get('acme', 'refreshToken'), 'rt-value-0001');
    });

    // Tests run as root, who can read any file whatever its mode: the refusal has to come from the
    // mode bits themselves, so every group and world bit is tried on its own.
    for (const mode of [0o640, 0o620, 0o610, 0o604, 0o602, 0o601, 0o644, 0o666, 0o660]) {
      it(`refuses the file with mode 0${mode.toString(8)}, saying how to fix it`, async () => {
        const store = new CredentialsFileStore(file);
        await store.set('acme', 'refreshToken', 'rt-value-0002');
        fs.chmodSync(file, mode);
        await assert.rejects(store.get('acme', 'refreshToken'), (error: Error) => {
          assert.match(error.message, new RegExp(`can be read by other users \\(mode ${mode.toString(8)}\\)\\. Run "chmod 600 `));
          assert.doesNotMatch(error.message, /rt-value-0002/);
          return true;
        });
      });
    }

    it('accepts modes that only the owner can use (0400, 0600)', async () => {
      const store = new CredentialsFileStore(file);
      await store.set('acme', 'password', 'pw-value-0003');
      for (const mode of [0o400, 0o600]) {
        fs.chmodSync(file, mode);
        assert.equal(await store.get('acme', 'password'), 'pw-value-0003');
      }
    });
  });

  describe('values from Salesforce and connections never reach a shell', () => {
    it('starts child processes in two known places, without a shell except for the Salesforce CLI on Windows', () => {
      const users: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (full.endsWith('.ts') && /from 'node:child_process'|require\('child_process'\)/.test(fs.readFileSync(full, 'utf8'))) users.push(path.relative(REPO_ROOT, full));
        }
      };
      walk(path.join(REPO_ROOT, 'src'));
      assert.deepEqual(users, ['src/salesforce/auth/sf-cli.ts', 'src/vscode/connections/local-org.ts']);
      const source = fs.readFileSync(path.join(REPO_ROOT, 'src/salesforce/auth/sf-cli.ts'), 'utf8');
      assert.doesNotMatch(source, /\bexec\(|execSync|spawnSync/);
      assert.match(source, /shell: windows/);
      // The editor's Start Local Org runs the bundled CLI's emulator with the extension host's runtime:
      // never through a shell, and with nothing from a connection but the port number.
      const localOrg = fs.readFileSync(path.join(REPO_ROOT, 'src/vscode/connections/local-org.ts'), 'utf8');
      assert.doesNotMatch(localOrg, /\bexec\(|execSync|spawnSync|shell:/);
      assert.match(localOrg, /spawn\(process\.execPath, \[cli, 'emulator', '--port', String\(port\), '--json'\]/);
    });

    it('passes any sfCliAlias to the Salesforce CLI as one argument, never interpreted', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-shell-'));
      const marker = path.join(folder, 'interpreted');
      const script = path.join(folder, 'sf');
      // A stand-in `sf` that reports the arguments it was given.
      fs.writeFileSync(
        script,
        `#!${process.execPath}\nprocess.stdout.write(JSON.stringify({ status: 0, result: { accessToken: Buffer.from(JSON.stringify(process.argv.slice(2))).toString('base64url'), instanceUrl: 'https://x.my.salesforce.com' } }));\n`,
        { mode: 0o755 },
      );
      const env = { ...process.env, PATH: `${folder}${path.delimiter}${process.env.PATH ?? ''}` };
      const hostile = fc.oneof(
        fc.string({ unit: fc.constantFrom(...';|&$`\'"\\()<>*?!#~ \n\t{}[]=%^'.split(''), 'a', 'touch', marker), minLength: 1, maxLength: 30 }),
        fc.constantFrom(`acme; touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``, `acme && touch ${marker}`, `acme | touch ${marker}`, `-o; touch ${marker}`),
      );
      try {
        await checkAsync('shell arguments', hostile, async (alias) => {
          const org = await sfOrgDisplay(alias, { env, platform: 'linux' });
          assert.deepEqual(JSON.parse(Buffer.from(org.accessToken, 'base64url').toString('utf8')), ['org', 'auth', 'show-access-token', '--json', '--target-org', alias]);
          assert.equal(fs.existsSync(marker), false, `the alias ${JSON.stringify(alias)} was run by a shell`);
        }, 12);
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
