import * as assert from 'node:assert/strict';
import type { Connection } from '../../../../src/core/job/connections-schema';
import { AuthError, networkCodeOf, translateAuthError } from '../../../../src/salesforce/auth/errors';

/** Errors shaped as jsforce raises them from the token endpoint: name = OAuth error, message = description. */
function oauthError(error: string, description: string): Error {
  const e = new Error(description);
  e.name = error;
  return e;
}

function context(connection: Connection, loginUrl = 'https://login.salesforce.com', action = 'authorizing') {
  return { connectionName: 'acme', connection, loginUrl, action };
}

describe('translating authorization errors', () => {
  it('keeps the OAuth error code and points at the client secret on invalid_client', () => {
    const error = translateAuthError(oauthError('invalid_client', 'invalid client credentials'), context({ flow: 'password' }));
    assert.ok(error instanceof AuthError);
    assert.equal(error.errorCode, 'invalid_client');
    assert.equal(error.salesforceMessage, 'invalid client credentials');
    assert.match(error.message, /rejected the client secret .* SFJOB_ACME_CLIENT_SECRET/);
    assert.match(error.message, /Salesforce said: invalid_client: invalid client credentials/);
  });

  it('points at clientId on invalid_client_id', () => {
    assert.match(translateAuthError(oauthError('invalid_client_id', 'client identifier invalid'), context({ flow: 'webServer' })).message, /consumer key into "clientId"/);
  });

  it('suggests testEnvironment when a password sign-in fails on the production host', () => {
    const error = translateAuthError(oauthError('invalid_grant', 'authentication failure'), context({ flow: 'password' }));
    assert.match(error.message, /SFJOB_ACME_PASSWORD.*SFJOB_ACME_SECURITY_TOKEN/);
    assert.match(error.message, /If this is a sandbox, set "testEnvironment": true/);
  });

  it('suggests production when a sign-in fails on the sandbox host', () => {
    const error = translateAuthError(oauthError('invalid_grant', 'authentication failure'), context({ flow: 'password', testEnvironment: true }, 'https://test.salesforce.com'));
    assert.match(error.message, /If this is a production org, remove "testEnvironment"/);
  });

  it('makes no host suggestion for a My Domain', () => {
    const error = translateAuthError(oauthError('invalid_grant', 'authentication failure'), context({ flow: 'password' }, 'https://acme.my.salesforce.com'));
    assert.doesNotMatch(error.message, /testEnvironment/);
  });

  it('asks for a new sign-in when the refresh token expired', () => {
    const error = translateAuthError(oauthError('invalid_grant', 'expired access/refresh token'), context({ flow: 'webServer' }, 'https://login.salesforce.com', 'refreshing the access token of'));
    assert.equal(error.errorCode, 'invalid_grant');
    assert.match(error.message, /refresh token of connection "acme" has expired or was revoked\. Run "sfjob auth acme"/);
  });

  it('names the connected app setting when the flow is disabled', () => {
    assert.match(translateAuthError(oauthError('unsupported_grant_type', 'grant type not supported'), context({ flow: 'clientCredentials' })).message, /"clientCredentials" flow is disabled.*Enable the Client Credentials Flow/);
    assert.match(translateAuthError(oauthError('unsupported_grant_type', 'grant type not supported'), context({ flow: 'password' })).message, /Allow the OAuth Username-Password flows/);
  });

  it('explains PKCE being required or the verifier being rejected', () => {
    assert.match(translateAuthError(oauthError('invalid_request', 'missing required code challenge'), context({ flow: 'webServer', pkce: false })).message, /requires PKCE.*Remove "pkce": false/);
    assert.match(translateAuthError(oauthError('invalid_grant', 'invalid code verifier'), context({ flow: 'webServer' })).message, /rejected the PKCE code verifier/);
  });

  it('explains a user who is not approved for the connected app', () => {
    assert.match(translateAuthError(oauthError('invalid_grant', "user hasn't approved this consumer"), context({ flow: 'jwt' })).message, /not approved for the connected app.*Admin approved users are pre-authorized/);
  });

  it('explains a refused connection and mentions the emulator for a local URL', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4510'), { code: 'ECONNREFUSED' }) });
    const error = translateAuthError(refused, context({ flow: 'password' }, 'http://127.0.0.1:4510'));
    assert.equal(error.errorCode, 'ECONNREFUSED');
    assert.match(error.message, /Cannot reach http:\/\/127\.0\.0\.1:4510 while authorizing connection "acme" \(ECONNREFUSED\).*sfjob emulator/);
  });

  it('explains a host name that does not resolve', () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND acme.my.salesforce.com'), { code: 'ENOTFOUND' });
    assert.match(translateAuthError(notFound, context({ flow: 'password' }, 'https://acme.my.salesforce.com')).message, /does not resolve \(ENOTFOUND\)\. Check environmentUrl/);
  });

  it('finds the network code inside nested causes and aggregate errors', () => {
    const aggregate = new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed');
    assert.equal(networkCodeOf(new TypeError('fetch failed', { cause: aggregate })), 'ECONNREFUSED');
    assert.equal(networkCodeOf(new Error('plain')), undefined);
  });
});
