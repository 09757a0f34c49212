import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { authorizationUrl, signatureMatches } from '../../../../src/salesforce/auth/token-endpoint';

describe('OAuth endpoints', () => {
  it('builds the authorization address under /services/oauth2/authorize with response_type=code', () => {
    const url = new URL(authorizationUrl('https://acme.my.salesforce.com/', { client_id: 'app id', redirect_uri: 'http://localhost:1717/OauthRedirect', state: 's+1' }));
    assert.equal(url.origin + url.pathname, 'https://acme.my.salesforce.com/services/oauth2/authorize');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), 'app id');
    assert.equal(url.searchParams.get('redirect_uri'), 'http://localhost:1717/OauthRedirect');
    assert.equal(url.searchParams.get('state'), 's+1');
  });

  it('accepts a token response signed with the client secret and refuses one signed with another', () => {
    const id = 'https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA';
    const issued_at = '1764057600000';
    const signature = createHmac('sha256', 'the-secret').update(id + issued_at).digest('base64');
    assert.equal(signatureMatches({ id, issued_at, signature }, 'the-secret'), true);
    assert.equal(signatureMatches({ id, issued_at, signature }, 'another-secret'), false);
    assert.equal(signatureMatches({ id, issued_at: '1764057600001', signature }, 'the-secret'), false);
    assert.equal(signatureMatches({ id, issued_at, signature: 'c2hvcnQ=' }, 'the-secret'), false);
  });

  it('passes a response without a signature, which cannot be checked', () => {
    assert.equal(signatureMatches({ id: 'x', issued_at: '1' }, 'the-secret'), true);
  });
});
