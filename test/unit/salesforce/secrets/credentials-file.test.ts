import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CredentialsFileStore, defaultCredentialsFile } from '../../../../src/salesforce/secrets/credentials-file';
import { SecretStoreError } from '../../../../src/salesforce/secrets/types';

describe('credentials file', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-cred-'));
    file = path.join(dir, 'config', 'sfjob', 'credentials.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('defaults to ~/.config/sfjob/credentials.json, overridden by SFJOB_CREDENTIALS_FILE', () => {
    assert.equal(defaultCredentialsFile({}, '/home/ann'), path.join('/home/ann', '.config', 'sfjob', 'credentials.json'));
    assert.equal(defaultCredentialsFile({ XDG_CONFIG_HOME: '/xdg' }, '/home/ann'), path.join('/xdg', 'sfjob', 'credentials.json'));
    assert.equal(defaultCredentialsFile({ SFJOB_CREDENTIALS_FILE: '/secure/c.json' }, '/home/ann'), path.resolve('/secure/c.json'));
  });

  it('reads nothing from a file that does not exist yet', async () => {
    assert.equal(await new CredentialsFileStore(file).get('acme', 'refreshToken'), undefined);
  });

  it('writes secrets per connection and reads them back', async () => {
    const store = new CredentialsFileStore(file);
    await store.set('acme', 'refreshToken', 'refresh-aaaa');
    await store.set('acme', 'accessToken', 'access-bbbb');
    await store.set('beta', 'clientSecret', 'secret-cccc');
    const again = new CredentialsFileStore(file);
    assert.equal(await again.get('acme', 'refreshToken'), 'refresh-aaaa');
    assert.equal(await again.get('beta', 'clientSecret'), 'secret-cccc');
    assert.deepEqual(await again.kindsOf('acme'), ['refreshToken', 'accessToken']);
  });

  it('keeps every update when several are made at once', async () => {
    const store = new CredentialsFileStore(file);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => store.set(name, 'accessToken', `token-${name}`)));
    for (const name of ['a', 'b', 'c', 'd', 'e']) assert.equal(await store.get(name, 'accessToken'), `token-${name}`);
  });

  it('deletes one secret and drops a connection left empty', async () => {
    const store = new CredentialsFileStore(file);
    await store.set('acme', 'refreshToken', 'refresh-aaaa');
    await store.delete('acme', 'refreshToken');
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { connections: {} });
  });

  it('creates the file with mode 0600 in a 0700 folder and leaves no temporary file', async () => {
    const previous = process.umask(0o000);
    try {
      await new CredentialsFileStore(file).set('acme', 'password', 'pw-dddd');
    } finally {
      process.umask(previous);
    }
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['credentials.json']);
  });

  it('refuses a file other users can read, saying how to fix it', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"connections":{"acme":{"password":"pw-eeee"}}}', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    await assert.rejects(new CredentialsFileStore(file).get('acme', 'password'), (error: Error) => {
      assert.ok(error instanceof SecretStoreError);
      assert.match(error.message, /can be read by other users \(mode 644\)\. Run "chmod 600 /);
      assert.doesNotMatch(error.message, /pw-eeee/);
      return true;
    });
  });

  it('refuses a credentials file inside the workspace', () => {
    assert.throws(() => new CredentialsFileStore(path.join(dir, 'ws', '.secrets.json'), { workspaceRoot: path.join(dir, 'ws') }), /inside the workspace/);
    assert.doesNotThrow(() => new CredentialsFileStore(file, { workspaceRoot: path.join(dir, 'ws') }));
  });

  it('explains a corrupt file instead of crashing', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{ not json', { mode: 0o600 });
    await assert.rejects(new CredentialsFileStore(file).get('acme', 'password'), /is not valid JSON .*run "sfjob auth" again/);
  });

  it('names where a malformed file breaks, never what it holds', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = 'hunter2-do-not-show-me';
    fs.writeFileSync(file, `{"connections": {"acme": {"password": "${secret}" oops}}}`, { mode: 0o600 });
    await assert.rejects(new CredentialsFileStore(file).get('acme', 'password'), (error: Error) => {
      assert.ok(error instanceof SecretStoreError);
      assert.match(error.message, /is not valid JSON \(line 1, column \d+\)\. Delete it/);
      for (const piece of ['hunter2', 'do-not', 'show-me', 'oops']) assert.ok(!error.message.includes(piece), error.message);
      return true;
    });
  });
});
