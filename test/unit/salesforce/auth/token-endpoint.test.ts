import * as assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorizationUrl, OAuthError, requestToken, signatureMatches } from '../../../../src/salesforce/auth/token-endpoint';
import { announceTestSecret } from '../../../helpers/secret-channels';

/** A token endpoint on 127.0.0.1 that answers every request with the given status and body. */
async function endpointAnswering(status: number, body: (request: string) => string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let received = '';
    req.on('data', (chunk: Buffer) => (received += chunk.toString()));
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(body(received));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

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

  it('masks secrets in an error answer before cutting it, so no part of one shows at the cut', async () => {
    const clientSecret = `cs-${randomBytes(24).toString('hex')}`;
    announceTestSecret(clientSecret);
    // A proxy page that echoes the request, placed so that the 200-character cut falls inside the secret.
    const endpoint = await endpointAnswering(502, (request) => `${'<p>bad gateway</p>'.padEnd(180, ' ')}${decodeURIComponent(request)}`);
    try {
      const error = await requestToken(endpoint.url, { client_secret: clientSecret, grant_type: 'client_credentials', client_id: 'app' }).then(
        () => assert.fail('the request should fail'),
        (caught: unknown) => caught as OAuthError,
      );
      assert.ok(error instanceof OAuthError);
      assert.equal(error.errorCode, 'ERROR_HTTP_502');
      for (let i = 0; i + 6 <= clientSecret.length; i++) assert.ok(!error.message.includes(clientSecret.slice(i, i + 6)), `shows "${clientSecret.slice(i, i + 6)}"`);
      assert.ok(error.message.length <= 201);
    } finally {
      await endpoint.close();
    }
  });

  it('masks the secrets it is given in an OAuth error description', async () => {
    const refreshToken = `5Aep${randomBytes(30).toString('hex')}`;
    announceTestSecret(refreshToken);
    const endpoint = await endpointAnswering(400, () => JSON.stringify({ error: 'invalid_grant', error_description: `token ${refreshToken} expired` }));
    try {
      await assert.rejects(requestToken(endpoint.url, { grant_type: 'refresh_token', client_id: 'app' }, { secrets: [refreshToken] }), (error: OAuthError) => {
        assert.equal(error.errorCode, 'invalid_grant');
        assert.equal(error.message, 'token *** expired');
        return true;
      });
    } finally {
      await endpoint.close();
    }
  });

  it('refuses a session whose instance URL is plain http to another machine', async () => {
    const endpoint = await endpointAnswering(200, () => JSON.stringify({ access_token: 'a', instance_url: 'http://acme.my.salesforce.com', id: 'x', token_type: 'Bearer', issued_at: '1' }));
    try {
      await assert.rejects(requestToken(endpoint.url, { grant_type: 'client_credentials' }), /instance URL that is not https/);
    } finally {
      await endpoint.close();
    }
  });
});
