import * as assert from 'node:assert/strict';
import { createPkcePair, createState, pkceChallengeOf } from '../../../../src/salesforce/auth/pkce';

describe('PKCE', () => {
  it('makes a verifier of 43–128 unreserved characters and its S256 challenge', () => {
    const pair = createPkcePair();
    assert.match(pair.verifier, /^[A-Za-z0-9\-._~]{43,128}$/);
    assert.equal(pair.method, 'S256');
    assert.equal(pair.challenge, pkceChallengeOf(pair.verifier));
    assert.notEqual(createPkcePair().verifier, pair.verifier);
  });

  it('computes the RFC 7636 example challenge', () => {
    assert.equal(pkceChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a different state each time', () => {
    assert.notEqual(createState(), createState());
    assert.ok(createState().length >= 32);
  });
});
