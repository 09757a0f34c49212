import { createHash } from 'node:crypto';
import type { OutputDocument } from './types';

/**
 * A document's content as `duplicates: "replace"` compares it with what was delivered: every field
 * but `loadDate` (the run's time, different on every run), with the text rules' fingerprint mixed in,
 * so new redactions or substitutions count as a change. 64 bits of SHA-256 as 16 hex digits: a
 * collision between two versions of one natural id is out of reach.
 */
export function contentHash(document: OutputDocument, rulesFingerprint: string): string {
  const { loadDate: _loadDate, ...content } = document;
  return createHash('sha256').update(rulesFingerprint).update('\u0000').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}
