import type { Position, Range } from './diagnostics';

/**
 * The one conversion from the 0-based positions used everywhere inside (the LSP convention) to the
 * 1-based lines and columns people, terminals and CI read. Every face prints a location through here.
 */

/** A place in a file as people count it: line and column from 1. */
export interface OneBased {
  line: number;
  column: number;
}

export function oneBased(position: Position): OneBased {
  return { line: position.line + 1, column: position.character + 1 };
}

/** A range's two ends as people count them, for formats that carry both (SARIF regions, CI annotations). */
export function oneBasedRange(range: Range): { start: OneBased; end: OneBased } {
  return { start: oneBased(range.start), end: oneBased(range.end) };
}

/** `file:line:col`, 1-based: what editors, terminals and compilers' error lines link to. */
export function formatLocation(file: string, position: Position): string {
  const { line, column } = oneBased(position);
  return `${file}:${line}:${column}`;
}

/** The 1-based line and column of an offset in a text, for "line 3, column 7" in messages. */
export function lineAndColumn(text: string, offset: number): OneBased {
  let line = 0;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return oneBased({ line, character: end - lineStart });
}
