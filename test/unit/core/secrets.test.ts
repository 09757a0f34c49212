import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { findSecrets, isSecretKey, looksRandom } from '../../../src/core/secrets';

function secretsIn(value: unknown) {
  const text = JSON.stringify(value, null, 2);
  return findSecrets(text, parseTree(text)).map((f) => ({ ...f, text: text.slice(f.start, f.end) }));
}

describe('secret detection', () => {
  it('recognizes secret key names in any spelling', () => {
    for (const key of ['password', 'clientSecret', 'client_secret', 'securityToken', 'refresh_token', 'access_token', 'privateKey', 'apiKey', 'consumer-secret']) {
      assert.ok(isSecretKey(key), key);
    }
    for (const key of ['clientId', 'username', 'jwtKeyFile', 'tokenUrl', 'name', 'passwordFile']) assert.ok(!isSecretKey(key), key);
  });

  it('flags any real value under a secret-named key, naming the key', () => {
    const [finding] = secretsIn({ connections: { a: { clientSecret: 'hunter2' } } });
    assert.equal(finding.key, 'clientSecret');
    assert.equal(finding.text, '"hunter2"');
  });

  it('leaves placeholders under secret-named keys alone', () => {
    assert.deepEqual(secretsIn({ password: '${env:SFJOB_PASSWORD}', clientSecret: '', token: '<your token>' }), []);
  });

  it('finds secret-shaped values under any key, at the secret itself', () => {
    const token = '00D5g000004XyZw!AQ4AQFzW6yVx1B0Tq9cR3pLkM7nZ2sHjUe8o';
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOSJ9.c2lnbmF0dXJlLXZhbHVl';
    const found = secretsIn({ notes: `use ${token} here`, list: [jwt], key: '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----' });
    assert.deepEqual(found.map((f) => f.what), ['a Salesforce access token', 'a JSON web token', 'a private key']);
    assert.equal(found[0].text, token);
  });

  it('maps a secret inside a string with escapes onto its characters', () => {
    const token = '00D5g000004XyZw!AQ4AQFzW6yVx1B0Tq9cR3pLkM7nZ2sHjUe8o';
    const [finding] = secretsIn({ notes: `"quoted"\n${token}` });
    assert.equal(finding.text, token);
  });

  it('does not take record ids, URLs or words for secrets', () => {
    assert.deepEqual(secretsIn({ id: '5005g00000AbCdEAAV', url: 'https://acme.my.salesforce.com', text: 'The quick brown fox jumps over the lazy dog' }), []);
  });

  it('tells random-looking strings from words', () => {
    assert.ok(looksRandom('q8Zk2LmP0xV7rT4nW1sYb9'));
    assert.ok(!looksRandom('aaaaaaaaaaaaaaaaaaaaaaaa'));
    assert.ok(!looksRandom('short'));
  });
});
