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
  return standardJson(document) ?? generalJson(document);
}

/** The members of a document as mapping makes it, in its order. */
const HEAD_KEYS = ['natural_id', 'document_date', 'feedback_provider', 'source_value', 'feedback_type', 'job_name', 'project'] as const;

/**
 * A document as mapping makes it (these keys in this order, none of them undefined), written member by
 * member: no intermediate objects, which at hundreds of thousands of documents a run is measurable.
 */
function standardJson(document: OutputDocument): DocumentJson | undefined {
  const keys = Object.keys(document);
  const withConversation = keys.length === 11;
  if (!withConversation && keys.length !== 10) return undefined;
  for (let i = 0; i < HEAD_KEYS.length; i++) if (keys[i] !== HEAD_KEYS[i]) return undefined;
  if (keys[7] !== 'loadDate' || keys[8] !== 'attributes' || keys[9] !== 'verbatims' || (withConversation && keys[10] !== 'conversation')) return undefined;
  let head = '{';
  for (let i = 0; i < HEAD_KEYS.length; i++) {
    const value = JSON.stringify(document[HEAD_KEYS[i]]);
    // JSON.stringify leaves out a member whose value it cannot write (undefined, a function).
    if (value === undefined) return undefined;
    head += `${i === 0 ? '' : ','}"${HEAD_KEYS[i]}":${value}`;
  }
  const conversation = withConversation ? JSON.stringify(document.conversation) : '';
  if (conversation === undefined) return undefined;
  const tail = `"attributes":${JSON.stringify(document.attributes)},"verbatims":${JSON.stringify(document.verbatims)}${withConversation ? `,"conversation":${conversation}` : ''}}`;
  return { head, tail };
}

function generalJson(document: OutputDocument): DocumentJson {
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
