import * as assert from 'node:assert/strict';
import { authorizationUrl } from '../../../../src/salesforce/auth/token-endpoint';

describe('OAuth endpoints', () => {
  it('builds the authorization address under /services/oauth2/authorize with response_type=code', () => {
    const url = new URL(authorizationUrl('https://acme.my.salesforce.com/', { client_id: 'app id', redirect_uri: 'http://localhost:1717/OauthRedirect', state: 's+1' }));
    assert.equal(url.origin + url.pathname, 'https://acme.my.salesforce.com/services/oauth2/authorize');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), 'app id');
    assert.equal(url.searchParams.get('redirect_uri'), 'http://localhost:1717/OauthRedirect');
    assert.equal(url.searchParams.get('state'), 's+1');
  });
});
