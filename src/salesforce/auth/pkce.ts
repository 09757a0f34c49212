import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  /** 43–128 characters of the unreserved URL alphabet (RFC 7636); kept in memory only. */
  verifier: string;
  /** base64url(SHA-256(verifier)), sent with the authorization request. */
  challenge: string;
  method: 'S256';
}

/** A fresh PKCE verifier and its S256 challenge. 64 random bytes give an 86-character verifier. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: pkceChallengeOf(verifier), method: 'S256' };
}

export function pkceChallengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** An unguessable value tying the callback to the request this process made. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}
