import { createHash } from 'node:crypto';
import type { DocumentJson, OutputDocument } from './types';

/**
 * A document's content as `duplicates: "replace"` compares it with what was delivered: every field
 * but `loadDate` (the run's time, different on every run), with the text rules' fingerprint mixed in,
 * so new redactions or substitutions count as a change. 64 bits of SHA-256 as 16 hex digits: a
 * collision between two versions of one natural id is out of reach.
 */
export function contentHash(document: OutputDocument, rulesFingerprint: string, json: DocumentJson = documentJson(document)): string {
  return createHash('sha256').update(rulesFingerprint).update('\u0000').update(contentText(json)).digest('hex').slice(0, 16);
}

/** The JSON of the document without `loadDate`: exactly `JSON.stringify` of the document with that key left out. */
function contentText(json: DocumentJson): string {
  if (json.head === '{') return json.tail === '}' ? '{}' : `{${json.tail}`;
  return json.tail === '}' ? `${json.head}}` : `${json.head},${json.tail}`;
}

/**
 * The document's JSON in two pieces, the members before `loadDate` and those after it, each serialized
 * once. The content hash joins them, and the output line puts `loadDate` between them (see
 * serialize.ts), so a document is turned into JSON once, not once for each.
 */
export function documentJson(document: OutputDocument): DocumentJson {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  let seen = false;
  for (const key of Object.keys(document)) {
    if (key === 'loadDate') seen = true;
    else (seen ? after : before)[key] = document[key as keyof OutputDocument];
  }
  return { head: JSON.stringify(before).slice(0, -1), tail: JSON.stringify(after).slice(1) };
}

/** The document's JSON line from its pieces: the same text as `JSON.stringify(document)`. */
export function jsonFromPieces(json: DocumentJson, loadDate: string): string {
  const middle = `"loadDate":${JSON.stringify(loadDate)}`;
  return `${json.head === '{' ? '{' : `${json.head},`}${middle}${json.tail === '}' ? '}' : `,${json.tail}`}`;
}
