import * as assert from 'node:assert';
import { AuthError } from '../../../src/salesforce/auth/errors';
import { CredentialExpiredError } from '../../../src/salesforce/connections/expiry';
import { ConnectionConfigError } from '../../../src/salesforce/connections/load';
import { fixesFor, isLocalOrgUrl } from '../../../src/vscode/online/org-fixes';

describe('the fixes offered when an editor command cannot reach the org', () => {
  it('offers Start Local Org first, then Authorize Connection, for a local connection without its secret', () => {
    const missing = new AuthError('Connection "local" (password flow) needs the client secret. Set the environment variable SFJOB_LOCAL_CLIENT_SECRET, …', 'missing_secret');
    assert.deepStrictEqual(fixesFor(missing, missing.message, true), ['start-local-org', 'authorize']);
    assert.deepStrictEqual(fixesFor(missing, missing.message, false), ['authorize']);
  });

  it('offers Authorize Connection for a missing sign-in', () => {
    const error = new AuthError('Connection "acme" has no saved refresh token. Run "sfjob auth acme" once …', 'not_authorized');
    assert.deepStrictEqual(fixesFor(error, error.message, false), ['authorize']);
  });

  it('offers Start Local Org when the local org does not answer, and the connections file when a remote one does not', () => {
    const refused = Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    assert.deepStrictEqual(fixesFor(refused, 'Cannot reach http://127.0.0.1:4510 …', true), ['start-local-org']);
    assert.deepStrictEqual(fixesFor(refused, 'Cannot reach https://acme.my.salesforce.com …', false), ['open-connections']);
  });

  it('offers a new sign-in and the connections file for an expired credential', () => {
    const expired = new CredentialExpiredError('The credential of connection "acme" expired on 2026-01-01. Renew it …');
    assert.deepStrictEqual(fixesFor(expired, expired.message, false), ['authorize', 'open-connections']);
  });

  it('offers the connections file for an unknown connection or no connections file', () => {
    const unknown = new ConnectionConfigError('/w/sfjob.connections.json: no connection named "nope". Add it under "connections" or fix the name.');
    assert.deepStrictEqual(fixesFor(unknown, unknown.message, false), ['open-connections']);
    assert.deepStrictEqual(fixesFor(undefined, 'No sfjob.connections.json found in /w or any folder above it.', false), ['open-connections']);
  });

  it('reads a failure that reaches it as text only, such as a run report', () => {
    assert.deepStrictEqual(fixesFor(undefined, 'The session of connection "acme" is no longer valid and could not be renewed (INVALID_SESSION_ID: x). Run "sfjob auth acme" again.', false), ['authorize']);
    assert.deepStrictEqual(fixesFor(undefined, 'Salesforce refused the query: MALFORMED_QUERY', false), []);
  });

  it('knows a local org by its plain-HTTP loopback address', () => {
    assert.ok(isLocalOrgUrl('http://127.0.0.1:4510'));
    assert.ok(isLocalOrgUrl('http://localhost:4600/'));
    assert.ok(!isLocalOrgUrl('https://acme.my.salesforce.com'));
    assert.ok(!isLocalOrgUrl(undefined));
  });
});
