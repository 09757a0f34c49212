import * as assert from 'node:assert/strict';
import { generateKeyPairSync, verify } from 'node:crypto';
import { jwtAudienceOf, parsePrivateKey, signJwtAssertion } from '../../../../src/salesforce/auth/jwt';

describe('JWT bearer assertion', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  function decode(part: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  }

  it('carries iss, sub, aud and an exp within three minutes, signed RS256 with the private key', () => {
    const now = new Date('2026-11-25T08:00:00Z');
    const token = signJwtAssertion({ issuer: 'client-id', subject: 'user@acme', audience: 'https://login.salesforce.com', now }, parsePrivateKey(pem, 'key.pem'));
    const [header, payload, signature] = token.split('.');
    assert.deepEqual(decode(header), { alg: 'RS256', typ: 'JWT' });
    const claims = decode(payload);
    assert.equal(claims.iss, 'client-id');
    assert.equal(claims.sub, 'user@acme');
    assert.equal(claims.aud, 'https://login.salesforce.com');
    const lifetime = (claims.exp as number) - now.getTime() / 1000;
    assert.ok(lifetime > 0 && lifetime <= 180, `lifetime ${lifetime}`);
    assert.ok(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url')));
  });

  it('caps a longer requested lifetime at three minutes', () => {
    const now = new Date('2026-11-25T08:00:00Z');
    const token = signJwtAssertion({ issuer: 'c', subject: 's', audience: 'a', now, lifetimeSeconds: 3600 }, parsePrivateKey(pem, 'key.pem'));
    assert.equal(decode(token.split('.')[1]).exp, now.getTime() / 1000 + 180);
  });

  it('explains a file that is not an RSA private key', () => {
    assert.throws(() => parsePrivateKey('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', 'jwtKeyFile keys/server.crt'), /jwtKeyFile keys\/server\.crt is not a usable RSA private key in PEM format/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.throws(() => parsePrivateKey(ec, 'ec.pem'), /RS256 needs an RSA key/);
  });

  it('addresses production My Domains to login.salesforce.com and sandboxes to test.salesforce.com', () => {
    assert.equal(jwtAudienceOf('https://login.salesforce.com', undefined), 'https://login.salesforce.com');
    assert.equal(jwtAudienceOf('https://acme.my.salesforce.com', undefined), 'https://login.salesforce.com');
    assert.equal(jwtAudienceOf('https://acme--dev.sandbox.my.salesforce.com', undefined), 'https://test.salesforce.com');
    assert.equal(jwtAudienceOf('https://test.salesforce.com', true), 'https://test.salesforce.com');
    assert.equal(jwtAudienceOf('https://acme--uat.my.salesforce.com', true), 'https://test.salesforce.com');
  });

  it('uses a host outside Salesforce (the local emulator) as its own audience', () => {
    assert.equal(jwtAudienceOf('http://127.0.0.1:4510', undefined), 'http://127.0.0.1:4510');
  });
});
