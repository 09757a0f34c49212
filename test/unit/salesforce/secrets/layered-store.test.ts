import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CredentialsFileStore } from '../../../../src/salesforce/secrets/credentials-file';
import { EnvSecretStore } from '../../../../src/salesforce/secrets/env-store';
import { LayeredSecretStore } from '../../../../src/salesforce/secrets/layered-store';

describe('layered secret store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-layer-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the environment before the credentials file and writes to the file', async () => {
    const file = new CredentialsFileStore(path.join(dir, 'c.json'));
    await file.set('acme', 'refreshToken', 'from-file-1');
    await file.set('acme', 'password', 'file-password');
    const store = new LayeredSecretStore([new EnvSecretStore({ SFJOB_ACME_REFRESH_TOKEN: 'from-env-1' }), file]);
    assert.equal(await store.get('acme', 'refreshToken'), 'from-env-1');
    assert.equal(await store.get('acme', 'password'), 'file-password');
    assert.equal(await store.sourceOf('acme', 'refreshToken'), 'environment variables');
    assert.match((await store.sourceOf('acme', 'password')) ?? '', /^credentials file /);
    await store.set('acme', 'accessToken', 'new-access');
    assert.equal(await file.get('acme', 'accessToken'), 'new-access');
    assert.equal(store.writable, true);
  });

  it('is read-only when every layer is', async () => {
    const store = new LayeredSecretStore([new EnvSecretStore({})]);
    assert.equal(store.writable, false);
    await assert.rejects(store.set('acme', 'accessToken', 'x-token'), /No writable secret store/);
  });
});
