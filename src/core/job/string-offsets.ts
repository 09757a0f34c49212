import type { Node } from 'jsonc-parser';
import type { Span } from './locate';

/**
 * Maps offsets in the decoded value of JSON strings back to document offsets, minding escapes
 * (`\"`, `\\`, `\n`, `\u00e9` take more characters in the file than in the value). Diagnostics found
 * inside a query, a pattern or an expression land on the characters the user actually sees.
 */
export interface DecodedText {
  /** The decoded value (for several strings, their values joined with "\n"). */
  readonly value: string;
  /** The document offset of the character at `index` in `value`; `value.length` maps past the last one. */
  documentOffset(index: number): number;
  /** A [start, end) span of `value` as a document span. */
  documentSpan(start: number, end: number): Span;
}

/** For each decoded character, the offset of its first raw character inside the literal's contents. */
function rawStarts(raw: string): number[] {
  const starts: number[] = [];
  let i = 0;
  while (i < raw.length) {
    starts.push(i);
    if (raw[i] === '\\') {
      i += raw[i + 1] === 'u' ? 6 : 2;
    } else {
      i += 1;
    }
  }
  starts.push(Math.min(i, raw.length));
  return starts;
}

/** One string node of the document. `text` is the whole document. */
export function decodeStringNode(text: string, node: Node): DecodedText {
  // The literal's contents start after the opening quote and stop before the closing one.
  const contentStart = node.offset + 1;
  const raw = text.slice(contentStart, node.offset + node.length - 1);
  const starts = rawStarts(raw);
  const value = typeof node.value === 'string' ? node.value : '';
  const documentOffset = (index: number): number => {
    const clamped = Math.max(0, Math.min(index, starts.length - 1));
    return contentStart + starts[clamped];
  };
  return {
    value,
    documentOffset,
    documentSpan: (start, end) => ({ start: documentOffset(start), end: documentOffset(Math.max(start, end)) }),
  };
}

/**
 * Several string nodes whose values are joined with "\n" (a query written as an array of lines).
 * An offset that falls on a joining "\n" maps to the end of the line before it.
 */
export function decodeJoinedStrings(text: string, nodes: readonly Node[]): DecodedText {
  const parts = nodes.map((n) => decodeStringNode(text, n));
  const lineStarts: number[] = [];
  let total = 0;
  for (const part of parts) {
    lineStarts.push(total);
    total += part.value.length + 1;
  }
  const value = parts.map((p) => p.value).join('\n');
  const lineOf = (index: number): number => {
    let line = parts.length - 1;
    while (line > 0 && lineStarts[line] > index) line--;
    return line;
  };
  const documentOffset = (index: number): number => {
    if (parts.length === 0) return 0;
    const line = lineOf(index);
    return parts[line].documentOffset(index - lineStarts[line]);
  };
  // A span's end belongs to the line of its last character, so a span ending at a line's end stops at
  // that line's closing quote instead of jumping to the next line.
  const endOffset = (start: number, end: number): number => {
    if (parts.length === 0 || end <= start) return documentOffset(start);
    const line = lineOf(end - 1);
    return parts[line].documentOffset(Math.min(end - lineStarts[line], parts[line].value.length));
  };
  return { value, documentOffset, documentSpan: (start, end) => ({ start: documentOffset(start), end: endOffset(start, end) }) };
}

/** A JSON value that is a string or an array of strings, decoded; undefined for anything else. */
export function decodeTextNode(text: string, node: Node | undefined): DecodedText | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return decodeStringNode(text, node);
  if (node.type === 'array' && node.children?.every((c) => c.type === 'string')) return decodeJoinedStrings(text, node.children);
  return undefined;
}
