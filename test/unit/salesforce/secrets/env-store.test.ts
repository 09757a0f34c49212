import * as assert from 'node:assert/strict';
import { EnvSecretStore, secretEnvVar } from '../../../../src/salesforce/secrets/env-store';
import { SecretStoreError } from '../../../../src/salesforce/secrets/types';

describe('environment variable secrets', () => {
  it('names variables SFJOB_<NAME>_<KIND> with the name upper-cased and other characters as "_"', () => {
    assert.equal(secretEnvVar('acme-prod', 'clientSecret'), 'SFJOB_ACME_PROD_CLIENT_SECRET');
    assert.equal(secretEnvVar('acme.dev', 'password'), 'SFJOB_ACME_DEV_PASSWORD');
    assert.equal(secretEnvVar('x', 'refreshToken'), 'SFJOB_X_REFRESH_TOKEN');
    assert.equal(secretEnvVar('x', 'securityToken'), 'SFJOB_X_SECURITY_TOKEN');
  });

  it('reads a secret and treats an empty variable as absent', async () => {
    const store = new EnvSecretStore({ SFJOB_ACME_PROD_PASSWORD: 'pw-1234', SFJOB_ACME_PROD_SECURITY_TOKEN: '' });
    assert.equal(await store.get('acme-prod', 'password'), 'pw-1234');
    assert.equal(await store.get('acme-prod', 'securityToken'), undefined);
    assert.equal(await store.get('other', 'password'), undefined);
  });

  it('refuses to write, since a process cannot change its parent environment', async () => {
    const store = new EnvSecretStore({});
    assert.equal(store.writable, false);
    await assert.rejects(store.set('acme', 'refreshToken', 'token-value'), SecretStoreError);
  });
});
