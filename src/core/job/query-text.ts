import type { Node } from 'jsonc-parser';

/**
 * A JSON string value decoded, with the document offset of every character of the value. Escapes make
 * the two differ: `\"` is two characters in the file and one in the value, `\u00e9` six and one.
 */
export interface DecodedString {
  value: string;
  /**
   * `offsets[i]` is the document offset where the value's i-th UTF-16 unit is written (the backslash of
   * its escape); `offsets[value.length]` is the closing quote. Always `value.length + 1` entries.
   */
  offsets: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes a string node of a jsonc-parser tree from the document text itself, so each character's
 * position is known. Malformed escapes (which jsonc-parser reports as errors of their own) decode to
 * the characters as written and never throw.
 */
export function decodedStringOffsets(documentText: string, stringNode: Node): DecodedString {
  const contentStart = stringNode.offset + 1;
  const literalEnd = stringNode.offset + stringNode.length;
  // An unterminated string has no closing quote; its contents run to the node's end.
  const contentEnd = documentText[literalEnd - 1] === '"' && stringNode.length >= 2 ? literalEnd - 1 : literalEnd;
  let value = '';
  const offsets: number[] = [];
  let i = contentStart;
  while (i < contentEnd) {
    const ch = documentText[i];
    if (ch !== '\\' || i + 1 >= contentEnd) {
      offsets.push(i);
      value += ch;
      i += 1;
      continue;
    }
    const kind = documentText[i + 1];
    const simple = SIMPLE_ESCAPES[kind];
    if (simple !== undefined) {
      offsets.push(i);
      value += simple;
      i += 2;
    } else if (kind === 'u' && /^[0-9a-fA-F]{4}$/.test(documentText.slice(i + 2, i + 6)) && i + 6 <= contentEnd) {
      offsets.push(i);
      value += String.fromCharCode(parseInt(documentText.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      offsets.push(i);
      value += kind;
      i += 2;
    }
  }
  offsets.push(contentEnd);
  return { value, offsets };
}

/** The job's query as one text, and the way back from an offset in that text to the document. */
export interface QueryText {
  /** The query (array lines joined with "\n"), exactly what is analyzed and sent to Salesforce. */
  text: string;
  /** The document offset of the character at `offset` in `text`; a joining "\n" maps to its line's closing quote. */
  toDocumentOffset(offset: number): number;
  /**
   * A half-open range of `text` as a half-open document range. An end just past a line's last character
   * stays on that line (at its closing quote) instead of moving to the next string.
   */
  toDocumentRange(start: number, end: number): { start: number; end: number };
}

/**
 * Builds the query text from the `query` value's node: a string, or an array of strings (one a line).
 * Returns undefined for any other shape, which the schema check reports.
 */
export function queryTextOf(documentText: string, queryNode: Node): QueryText | undefined {
  if (queryNode.type === 'string') return joinLines([decodedStringOffsets(documentText, queryNode)], queryNode.offset);
  if (queryNode.type !== 'array') return undefined;
  const lines = queryNode.children ?? [];
  if (lines.some((line) => line.type !== 'string')) return undefined;
  // An empty array has no string to point into; its inside (just after `[`) stands for the empty query.
  return joinLines(lines.map((line) => decodedStringOffsets(documentText, line)), queryNode.offset + 1);
}

function joinLines(lines: DecodedString[], emptyOffset: number): QueryText {
  const text = lines.map((line) => line.value).join('\n');
  // The offset in `text` where each line starts.
  const starts: number[] = [];
  let total = 0;
  for (const line of lines) {
    starts.push(total);
    total += line.value.length + 1;
  }
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const toDocumentOffset = (offset: number): number => {
    if (lines.length === 0) return emptyOffset;
    const clamped = Math.max(0, Math.min(offset, text.length));
    const index = lineAt(clamped);
    const line = lines[index];
    return line.offsets[Math.min(clamped - starts[index], line.value.length)];
  };
  const toDocumentEnd = (end: number): number => {
    if (lines.length === 0 || end <= 0) return toDocumentOffset(0);
    // The end belongs to the line of the range's last character.
    const clamped = Math.min(end, text.length);
    const index = lineAt(clamped - 1);
    const line = lines[index];
    return line.offsets[Math.min(clamped - starts[index], line.value.length)];
  };
  return {
    text,
    toDocumentOffset,
    toDocumentRange: (start, end) => {
      const documentStart = toDocumentOffset(start);
      return { start: documentStart, end: end > start ? Math.max(documentStart, toDocumentEnd(end)) : documentStart };
    },
  };
}
