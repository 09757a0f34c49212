import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

export interface JwtClaims {
  /** The connected app's consumer key. */
  issuer: string;
  /** The Salesforce username the token is for. */
  subject: string;
  /** The login host (https://login.salesforce.com, https://test.salesforce.com or the My Domain). */
  audience: string;
  now: Date;
  /** Salesforce accepts assertions that expire within about three minutes; default 170 s. */
  lifetimeSeconds?: number;
}

export const MAX_JWT_LIFETIME_SECONDS = 180;

/**
 * The `aud` claim Salesforce expects. Salesforce checks the audience against its generic login hosts even
 * when the token request goes to a My Domain: production orgs use https://login.salesforce.com and
 * sandboxes https://test.salesforce.com. Any other host (the local emulator, a proxy in tests) is its own
 * audience.
 */
export function jwtAudienceOf(loginUrl: string, testEnvironment: boolean | undefined): string {
  const host = new URL(loginUrl).hostname.toLowerCase();
  const isSalesforce = host.endsWith('.salesforce.com') || host.endsWith('.force.com');
  if (!isSalesforce) return loginUrl;
  const sandbox = testEnvironment === true || host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com');
  return sandbox ? 'https://test.salesforce.com' : 'https://login.salesforce.com';
}

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Parses a PEM private key, saying which file is wrong when it is not one. */
export function parsePrivateKey(pem: string, source: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`an ${key.asymmetricKeyType ?? 'unknown'} key, RS256 needs an RSA key`);
    return key;
  } catch (error) {
    throw new Error(`${source} is not a usable RSA private key in PEM format (${(error as Error).message}). Use the key whose certificate is uploaded to the connected app.`);
  }
}

/** A JWT bearer assertion signed with RS256 locally; the private key never leaves this process. */
export function signJwtAssertion(claims: JwtClaims, key: KeyObject): string {
  const lifetime = Math.min(claims.lifetimeSeconds ?? 170, MAX_JWT_LIFETIME_SECONDS);
  const header = base64UrlJson({ alg: 'RS256', typ: 'JWT' });
  const payload = base64UrlJson({
    iss: claims.issuer,
    sub: claims.subject,
    aud: claims.audience,
    exp: Math.floor(claims.now.getTime() / 1000) + lifetime,
  });
  const signingInput = `${header}.${payload}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url');
  return `${signingInput}.${signature}`;
}
