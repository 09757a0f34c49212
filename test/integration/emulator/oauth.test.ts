import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Connection } from 'jsforce';
import { followAuthorize, startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { API_VERSION, apiGet, manualClock, oauth2Of, passwordConnection, passwordToken, postToken, rejectionOf } from './helpers';

const REDIRECT_URI = 'http://127.0.0.1:1717/OauthRedirect';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Signs an RS256 assertion the way a jwt-bearer client does. */
function assertion(privateKey: KeyObject, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256' })}.${encode(claims)}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

describe('emulator OAuth', () => {
  let emulator: EmulatorHandle;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator.close());

  describe('password grant', () => {
    it('signs jsforce in and points it at the instance URL', async () => {
      const conn = await passwordConnection(emulator);
      assert.equal(conn.instanceUrl, emulator.url);
      assert.match(conn.userInfo?.id ?? '', /^005/);
      assert.equal(conn.userInfo?.organizationId, emulator.org.orgId);
    });

    it('answers exactly the fields Salesforce sends, with a signature over id and issued_at', async () => {
      const { status, body } = await postToken(emulator, {
        grant_type: 'password',
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
        username: emulator.username,
        password: emulator.password,
      });
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body).sort(), ['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_type']);
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.instance_url, emulator.url);
      assert.match(String(body.id), new RegExp(`^${emulator.url}/id/${emulator.org.orgId}/005\\w{15}$`));
      assert.match(String(body.issued_at), /^\d{13}$/);
      const expected = createHmac('sha256', emulator.clientSecret).update(String(body.id) + String(body.issued_at)).digest('base64');
      assert.equal(body.signature, expected);
    });

    it('refuses a wrong password with invalid_grant "authentication failure"', async () => {
      const conn = new Connection({ oauth2: oauth2Of(emulator), version: API_VERSION });
      const error = await rejectionOf(conn.login(emulator.username, 'wrong-password'));
      assert.equal(error.name, 'invalid_grant');
      assert.equal(error.message, 'authentication failure');
    });

    it('refuses a wrong client secret with invalid_client and an unknown client id with invalid_client_id', async () => {
      const base = { grant_type: 'password', username: emulator.username, password: emulator.password };
      const badSecret = await postToken(emulator, { ...base, client_id: emulator.clientId, client_secret: 'nope' });
      assert.deepEqual([badSecret.status, badSecret.body], [400, { error: 'invalid_client', error_description: 'invalid client credentials' }]);
      const badId = await postToken(emulator, { ...base, client_id: 'someone-else', client_secret: emulator.clientSecret });
      assert.deepEqual([badId.status, badId.body], [400, { error: 'invalid_client_id', error_description: 'client identifier invalid' }]);
    });

    it('refuses an unknown grant type with unsupported_grant_type', async () => {
      const { status, body } = await postToken(emulator, { grant_type: 'magic', client_id: emulator.clientId });
      assert.deepEqual([status, body], [400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' }]);
    });
  });

  describe('client credentials grant', () => {
    it('gives an access token without a refresh token that jsforce can query with', async () => {
      const { status, body } = await postToken(emulator, { grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret });
      assert.equal(status, 200);
      assert.equal(body.refresh_token, undefined);
      const conn = new Connection({ instanceUrl: String(body.instance_url), accessToken: String(body.access_token), version: API_VERSION });
      const result = await conn.query('SELECT Id FROM User LIMIT 1');
      assert.equal(result.records.length, 1);
    });
  });

  describe('authorization code grant', () => {
    it('follows the consent page to the redirect_uri with code and state, then jsforce exchanges the code with PKCE', async () => {
      const oauth2 = oauth2Of(emulator, { redirectUri: REDIRECT_URI, useVerifier: true });
      const url = oauth2.getAuthorizationUrl({ state: 'state-123' });
      assert.match(url, /code_challenge=/);
      const location = new URL(await followAuthorize(url));
      assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
      assert.equal(location.searchParams.get('state'), 'state-123');
      const conn = new Connection({ oauth2, version: API_VERSION });
      await conn.authorize(location.searchParams.get('code') ?? '');
      assert.ok(conn.refreshToken, 'the web server flow hands out a refresh token');
      const identity = await conn.identity();
      assert.equal(identity.username, emulator.username);
    });

    it('rejects a code exchanged with the wrong PKCE verifier', async () => {
      const verifier = randomBytes(48).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const code = await codeFor({ code_challenge: challenge });
      const { status, body } = await postToken(emulator, {
        grant_type: 'authorization_code',
        code,
        client_id: emulator.clientId,
        redirect_uri: REDIRECT_URI,
        code_verifier: randomBytes(48).toString('base64url'),
      });
      assert.deepEqual([status, body], [400, { error: 'invalid_grant', error_description: 'invalid code verifier' }]);
    });

    it('takes a public PKCE client without a secret, and a code only once', async () => {
      const verifier = randomBytes(48).toString('base64url');
      const code = await codeFor({ code_challenge: createHash('sha256').update(verifier).digest('base64url') });
      const form = { grant_type: 'authorization_code', code, client_id: emulator.clientId, redirect_uri: REDIRECT_URI, code_verifier: verifier };
      const first = await postToken(emulator, form);
      assert.equal(first.status, 200);
      assert.ok(first.body.refresh_token);
      const second = await postToken(emulator, form);
      assert.deepEqual(second.body, { error: 'invalid_grant', error_description: 'invalid authorization code' });
    });

    it('needs the client secret when no PKCE challenge was given', async () => {
      const code = await codeFor({});
      const { body } = await postToken(emulator, { grant_type: 'authorization_code', code, client_id: emulator.clientId, redirect_uri: REDIRECT_URI });
      assert.deepEqual(body, { error: 'invalid_client', error_description: 'invalid client credentials' });
    });

    it('redirects a denial with error=access_denied and the state', async () => {
      const url = oauth2Of(emulator, { redirectUri: REDIRECT_URI }).getAuthorizationUrl({ state: 'xyz' });
      const location = new URL(await followAuthorize(url, 'deny'));
      assert.equal(location.searchParams.get('error'), 'access_denied');
      assert.equal(location.searchParams.get('state'), 'xyz');
      assert.equal(location.searchParams.get('code'), null);
    });

    it('shows an error page, never a redirect, for a redirect_uri that is not a loopback address', async () => {
      const url = oauth2Of(emulator, { redirectUri: 'https://evil.example.com/callback' }).getAuthorizationUrl({});
      const response = await fetch(url, { redirect: 'manual' });
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
      assert.match(await response.text(), /redirect_uri_mismatch/);
    });

    async function codeFor(extra: Record<string, string>): Promise<string> {
      const query = new URLSearchParams({ response_type: 'code', client_id: emulator.clientId, redirect_uri: REDIRECT_URI, ...extra });
      const location = new URL(await followAuthorize(`${emulator.url}/services/oauth2/authorize?${query}`));
      return location.searchParams.get('code') ?? '';
    }
  });

  describe('refresh, identity and revoke', () => {
    async function webServerTokens(target: EmulatorHandle) {
      const oauth2 = oauth2Of(target, { redirectUri: REDIRECT_URI });
      const location = new URL(await followAuthorize(oauth2.getAuthorizationUrl({})));
      return oauth2.requestToken(location.searchParams.get('code') ?? '');
    }

    it('refreshes with jsforce and keeps the same refresh token when rotation is off', async () => {
      const tokens = await webServerTokens(emulator);
      const refreshed = await oauth2Of(emulator).refreshToken(tokens.refresh_token ?? '');
      assert.notEqual(refreshed.access_token, tokens.access_token);
      assert.equal(refreshed.refresh_token, undefined);
      const again = await oauth2Of(emulator).refreshToken(tokens.refresh_token ?? '');
      assert.ok(again.access_token);
    });

    it('rotates refresh tokens when configured, and the old one stops working', async () => {
      const rotating = await startEmulator({ port: 0, rotateRefreshTokens: true });
      try {
        const tokens = await webServerTokens(rotating);
        const refreshed = await oauth2Of(rotating).refreshToken(tokens.refresh_token ?? '');
        assert.ok(refreshed.refresh_token);
        assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
        const error = await rejectionOf(oauth2Of(rotating).refreshToken(tokens.refresh_token ?? ''));
        assert.equal(error.name, 'invalid_grant');
        assert.equal(error.message, 'expired access/refresh token');
      } finally {
        await rotating.close();
      }
    });

    it('serves userinfo and the identity URL for a live token, and 403 Bad_OAuth_Token otherwise', async () => {
      const token = await passwordToken(emulator);
      const userinfo = await apiGet(emulator, '/services/oauth2/userinfo', token);
      assert.equal(userinfo.status, 200);
      assert.equal(userinfo.body.preferred_username, emulator.username);
      assert.equal(userinfo.body.organization_id, emulator.org.orgId);
      const identity = await apiGet(emulator, new URL(userinfo.body.sub).pathname, token);
      assert.equal(identity.body.username, emulator.username);
      assert.equal(identity.body.urls.rest, `${emulator.url}/services/data/v{version}/`);
      const refused = await apiGet(emulator, '/services/oauth2/userinfo', 'not-a-token');
      assert.deepEqual([refused.status, refused.body], [403, 'Bad_OAuth_Token']);
    });

    it('revokes a refresh token together with the sessions it opened', async () => {
      const tokens = await webServerTokens(emulator);
      const refreshed = await oauth2Of(emulator).refreshToken(tokens.refresh_token ?? '');
      await oauth2Of(emulator).revokeToken(tokens.refresh_token ?? '');
      const after = await apiGet(emulator, `/services/data/v${API_VERSION}/limits`, refreshed.access_token);
      assert.equal(after.status, 401);
      const error = await rejectionOf(oauth2Of(emulator).refreshToken(tokens.refresh_token ?? ''));
      assert.equal(error.name, 'invalid_grant');
    });
  });

  describe('token expiry', () => {
    it('answers 401 INVALID_SESSION_ID once the configured lifetime has passed', async () => {
      const clock = manualClock();
      const expiring = await startEmulator({ port: 0, tokenTtlSeconds: 60, now: clock.now });
      try {
        const token = await passwordToken(expiring);
        assert.equal((await apiGet(expiring, `/services/data/v${API_VERSION}/limits`, token)).status, 200);
        clock.advance(61_000);
        const expired = await apiGet(expiring, `/services/data/v${API_VERSION}/limits`, token);
        assert.equal(expired.status, 401);
        assert.deepEqual(expired.body, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      } finally {
        await expiring.close();
      }
    });
  });

  describe('jwt-bearer grant', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    let jwtEmulator: EmulatorHandle;
    let claims: Record<string, unknown>;
    before(async () => {
      jwtEmulator = await startEmulator({ port: 0, jwtCertificate: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
      claims = { iss: jwtEmulator.clientId, sub: jwtEmulator.username, aud: jwtEmulator.url, exp: Math.floor(Date.now() / 1000) + 170 };
    });
    after(() => jwtEmulator.close());

    it('signs jsforce in with an assertion checked against the connected app key, with no refresh token', async () => {
      const conn = new Connection({ oauth2: oauth2Of(jwtEmulator), version: API_VERSION });
      const info = await conn.authorize({ grant_type: JWT_BEARER, assertion: assertion(privateKey, claims) });
      assert.equal(info.organizationId, jwtEmulator.org.orgId);
      assert.equal(conn.refreshToken, undefined);
      assert.equal((await conn.query('SELECT Id FROM User LIMIT 1')).records.length, 1);
    });

    it('accepts an assertion signed as the Salesforce CLI signs it, its exp far past three minutes, as real orgs do', async () => {
      // The CLI puts milliseconds plus 300 into exp; read as seconds that is thousands of years ahead.
      for (const exp of [Date.now() + 300, Math.floor(Date.now() / 1000) + 3600]) {
        const { status, body } = await postToken(jwtEmulator, { grant_type: JWT_BEARER, assertion: assertion(privateKey, { ...claims, exp }) });
        assert.equal(status, 200, JSON.stringify(body));
        assert.equal(typeof body.access_token, 'string');
      }
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const forged = await postToken(jwtEmulator, { grant_type: JWT_BEARER, assertion: assertion(other, { ...claims, exp: Date.now() + 300 }) });
      assert.deepEqual([forged.status, forged.body], [400, { error: 'invalid_grant', error_description: 'invalid assertion' }]);
    });

    it('refuses a wrong key, a wrong audience, an expired assertion and an unknown user, each with its own description', async () => {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const now = Math.floor(Date.now() / 1000);
      const cases: [string, string][] = [
        [assertion(other, claims), 'invalid assertion'],
        [assertion(privateKey, { ...claims, aud: 'https://elsewhere.example.com' }), 'audience is invalid'],
        [assertion(privateKey, { ...claims, exp: now - 600 }), 'expired authorization code'],
        [assertion(privateKey, { ...claims, sub: 'someone@else.example' }), "user hasn't approved this consumer"],
        ['not.a.jwt', 'invalid assertion'],
      ];
      for (const [jwt, description] of cases) {
        const { status, body } = await postToken(jwtEmulator, { grant_type: JWT_BEARER, assertion: jwt });
        assert.deepEqual([status, body], [400, { error: 'invalid_grant', error_description: description }], description);
      }
    });

    it('reads an X.509 certificate as the connected app does', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'sfjob-jwt-'));
      try {
        const keyFile = path.join(dir, 'key.pem');
        const certFile = path.join(dir, 'cert.pem');
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=sfjob-test'], { stdio: 'ignore' });
        const withCert = await startEmulator({ port: 0, jwtCertificate: readFileSync(certFile, 'utf8') });
        try {
          const key = createPrivateKey(readFileSync(keyFile));
          const jwt = assertion(key, { iss: withCert.clientId, sub: withCert.username, aud: withCert.url, exp: Math.floor(Date.now() / 1000) + 60 });
          const { status } = await postToken(withCert, { grant_type: JWT_BEARER, assertion: jwt });
          assert.equal(status, 200);
        } finally {
          await withCert.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses the grant when no certificate is configured', async () => {
      const { body } = await postToken(emulator, { grant_type: JWT_BEARER, assertion: assertion(privateKey, claims) });
      assert.equal(body.error, 'invalid_grant');
    });
  });

  describe('security token', () => {
    it('wants the security token appended to the password when one is set', async () => {
      const guarded = await startEmulator({ port: 0, securityToken: 'Tok3n' });
      try {
        const conn = new Connection({ oauth2: oauth2Of(guarded), version: API_VERSION });
        const error = await rejectionOf(conn.login(guarded.username, guarded.password));
        assert.equal(error.message, 'authentication failure');
        await conn.login(guarded.username, guarded.password + guarded.securityToken);
        assert.ok(conn.accessToken);
      } finally {
        await guarded.close();
      }
    });
  });

  describe('grants an org turned off', () => {
    it('answers unsupported_grant_type for a disabled password flow', async () => {
      const strict = await startEmulator({ port: 0, disabledGrants: ['password'], requirePkce: true });
      try {
        const conn = new Connection({ oauth2: oauth2Of(strict), version: API_VERSION });
        const error = await rejectionOf(conn.login(strict.username, strict.password));
        assert.equal(error.name, 'unsupported_grant_type');
        const url = oauth2Of(strict, { redirectUri: REDIRECT_URI }).getAuthorizationUrl({ state: 's' });
        const location = new URL(await followAuthorize(url));
        assert.equal(location.searchParams.get('error'), 'invalid_request');
        assert.equal(location.searchParams.get('error_description'), 'missing required code challenge');
      } finally {
        await strict.close();
      }
    });

    it('answers "no client credentials user enabled" when the connected app has no Run As user', async () => {
      const strict = await startEmulator({ port: 0, clientCredentialsUser: false });
      try {
        const { body } = await postToken(strict, { grant_type: 'client_credentials', client_id: strict.clientId, client_secret: strict.clientSecret });
        assert.deepEqual(body, { error: 'invalid_grant', error_description: 'no client credentials user enabled' });
      } finally {
        await strict.close();
      }
    });
  });
});
