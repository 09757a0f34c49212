import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../../src/salesforce/secrets/redact';

describe('redactSecrets', () => {
  it('masks every occurrence of each secret', () => {
    assert.equal(redactSecrets('token abc123 then abc123 and pw-9', ['abc123', 'pw-9']), 'token *** then *** and ***');
  });

  it('masks the URL- and form-encoded spellings an OAuth error may echo', () => {
    const secret = 'p@ss w/rd+1';
    const text = `body=password=${new URLSearchParams({ s: secret }).toString().slice(2)} url=?p=${encodeURIComponent(secret)}`;
    const redacted = redactSecrets(text, [secret]);
    assert.doesNotMatch(redacted, /w%2Frd|w\/rd|p%40ss/);
    assert.equal(redacted, 'body=password=*** url=?p=***');
  });

  it('masks the longer secret first when one contains another', () => {
    assert.equal(redactSecrets('pwTOKEN', ['TOKEN', 'pwTOKEN']), '***');
  });

  it('ignores empty and very short values rather than shredding the message', () => {
    assert.equal(redactSecrets('a b c', ['', undefined, 'a']), 'a b c');
  });
});
