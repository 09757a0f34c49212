import { createScanner, SyntaxKind } from 'jsonc-parser';

/**
 * How deeply objects and arrays may nest in a job or connections file. Real files nest about six levels
 * (mapping → fields → item → transform → lookup → table); the parser and every walk over the value are
 * recursive, so a file of nothing but "[" would otherwise exhaust the stack before any check runs.
 */
export const MAX_JSON_DEPTH = 64;

/** Where a text first nests deeper than the limit: the offset of the bracket that goes one level too far. */
export function firstTooDeep(text: string, limit = MAX_JSON_DEPTH): number | undefined {
  // The scanner reads tokens one by one without recursion, and skips strings and comments, so a "[" inside
  // a string never counts; the cost is one pass over the text.
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > limit) return scanner.getTokenOffset();
    } else if ((kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

export function tooDeepMessage(limit = MAX_JSON_DEPTH): string {
  return `Objects and arrays nest more than ${limit} levels deep here; a job or connections file never needs that many. Flatten the value (the file was not checked further).`;
}
