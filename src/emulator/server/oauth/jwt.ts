import { createPublicKey, verify, X509Certificate, type KeyObject } from 'node:crypto';

export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
}

export type JwtCheck = { ok: true; claims: JwtClaims } | { ok: false; description: string };

/**
 * Salesforce documents that `exp` should be within three minutes, but real orgs only refuse an assertion
 * that has expired: the Salesforce CLI signs `exp` as milliseconds plus 300 (read as seconds, thousands of
 * years ahead) and logs in fine. So no upper bound is enforced; a little clock skew is forgiven.
 */
const CLOCK_SKEW_SECONDS = 30;

/** Reads the connected app's certificate; a bare public key PEM is accepted too, for tests. */
export function publicKeyOf(pem: string): KeyObject {
  if (pem.includes('BEGIN CERTIFICATE')) return new X509Certificate(pem).publicKey;
  return createPublicKey(pem);
}

/**
 * Checks a jwt-bearer assertion the way Salesforce does: RS256 signed by the key of the connected
 * app's certificate, issued by the client id, for a known user, aimed at the login host, not expired (however far ahead it expires).
 */
export function checkAssertion(
  assertion: string,
  key: KeyObject,
  expected: { clientId: string; username: string; audiences: string[]; nowSeconds: number },
): JwtCheck {
  const parts = assertion.split('.');
  if (parts.length !== 3) return { ok: false, description: 'invalid assertion' };
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJson(headerPart);
  const claims = decodeJson(payloadPart) as JwtClaims | undefined;
  if (!header || !claims) return { ok: false, description: 'invalid assertion' };
  if (header.alg !== 'RS256') return { ok: false, description: 'invalid assertion' };
  if (!signatureHolds(`${headerPart}.${payloadPart}`, signaturePart, key)) return { ok: false, description: 'invalid assertion' };
  if (claims.iss !== expected.clientId) return { ok: false, description: 'invalid client credentials' };
  if (typeof claims.aud !== 'string' || !expected.audiences.includes(claims.aud.replace(/\/+$/, ''))) {
    return { ok: false, description: 'audience is invalid' };
  }
  if (typeof claims.exp !== 'number') return { ok: false, description: 'invalid assertion' };
  if (!Number.isFinite(claims.exp) || claims.exp + CLOCK_SKEW_SECONDS < expected.nowSeconds) return { ok: false, description: 'expired authorization code' };
  if (typeof claims.sub !== 'string' || claims.sub.toLowerCase() !== expected.username.toLowerCase()) {
    return { ok: false, description: 'user hasn\'t approved this consumer' };
  }
  return { ok: true, claims };
}

function signatureHolds(signedText: string, signaturePart: string, key: KeyObject): boolean {
  try {
    return verify('RSA-SHA256', Buffer.from(signedText), key, Buffer.from(signaturePart, 'base64url'));
  } catch {
    // A key of another type or a mangled signature is an invalid assertion, not a server error.
    return false;
  }
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
