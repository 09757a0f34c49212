import { DateNLiteral, lex, type IToken } from './library';

/** A token of the query with its half-open character range and its depth inside parentheses. */
export interface QueryToken {
  /** The token type's name in the lexer (`SELECT`, `Identifier`, `COMMA`, `L_PAREN`, …). */
  type: string;
  image: string;
  start: number;
  end: number;
  /** Parentheses open before this token; the outer query's clauses are at depth 0. */
  depth: number;
  raw: IToken;
}

export interface LexFailure {
  start: number;
  end: number;
  character: string;
}

export type LexResult = { ok: true; tokens: QueryToken[] } | { ok: false; failure: LexFailure };

export function lexQuery(text: string): LexResult {
  const result = lex(text);
  if (result.errors.length > 0) {
    const error = result.errors[0];
    const start = error.offset;
    return { ok: false, failure: { start, end: start + Math.max(1, error.length), character: text.slice(start, start + 1) } };
  }
  const tokens: QueryToken[] = [];
  let depth = 0;
  for (const raw of result.tokens) {
    const type = raw.tokenType.name;
    if (type === 'R_PAREN') depth = Math.max(0, depth - 1);
    tokens.push({ type, image: raw.image, start: raw.startOffset, end: (raw.endOffset ?? raw.startOffset) + 1, depth, raw });
    if (type === 'L_PAREN') depth++;
  }
  return { ok: true, tokens };
}

export function isWord(token: QueryToken | undefined, word: string): boolean {
  return token !== undefined && token.image.toUpperCase() === word;
}

/** True for `LAST_N_DAYS` and its kin, whose `:n` is part of the literal and not a bind variable. */
export function isDateNLiteral(token: QueryToken | undefined): boolean {
  return token !== undefined && (token.raw.tokenType.CATEGORIES ?? []).includes(DateNLiteral);
}

/** A two-word keyword (`GROUP BY`, `ORDER BY`) however it is spaced, with the range of both words. */
export interface KeywordPair {
  start: number;
  end: number;
  /** Index of the first word's token, or of the single token when the lexer read both words as one. */
  index: number;
  depth: number;
}

/**
 * Finds `first second` keyword pairs. The lexer only reads them as one keyword when a single space
 * separates the words, but Salesforce accepts any whitespace, so a line break between GROUP and BY
 * must be found as well.
 */
export function findKeywordPairs(tokens: readonly QueryToken[], first: string, second: string): KeywordPair[] {
  const joined = `${first} ${second}`;
  const pairs: KeywordPair[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (isWord(token, joined)) {
      pairs.push({ start: token.start, end: token.end, index: i, depth: token.depth });
    } else if (isWord(token, first) && isWord(tokens[i + 1], second)) {
      pairs.push({ start: token.start, end: tokens[i + 1].end, index: i, depth: token.depth });
    }
  }
  return pairs;
}

/**
 * Rewrites the whitespace inside `GROUP BY` and `ORDER BY` to the single space the lexer expects,
 * padding after the second word so every other character keeps its offset. Only the gap between the
 * two word tokens changes, never a string literal.
 */
export function normalizeKeywordSpacing(text: string, tokens: readonly QueryToken[]): string {
  const pairs = [...findKeywordPairs(tokens, 'GROUP', 'BY'), ...findKeywordPairs(tokens, 'ORDER', 'BY')]
    .filter((pair) => tokens[pair.index].end !== pair.end);
  if (pairs.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const pair of pairs.sort((a, b) => a.start - b.start)) {
    const firstWord = tokens[pair.index];
    const secondWord = tokens[pair.index + 1];
    const padding = ' '.repeat(pair.end - pair.start - firstWord.image.length - 1 - secondWord.image.length);
    out += text.slice(cursor, pair.start) + `${firstWord.image} ${secondWord.image}${padding}`;
    cursor = pair.end;
  }
  return out + text.slice(cursor);
}

/** Replaces the given ranges by spaces, keeping every other offset. */
export function blankOut(text: string, ranges: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const range of ranges) out = out.slice(0, range.start) + ' '.repeat(range.end - range.start) + out.slice(range.end);
  return out;
}

/** True when the lexer puts the token in the named category (`Identifier`, `DateLiteral`, `AggregateFunction`, …). */
export function hasCategory(token: QueryToken, category: string): boolean {
  return (token.raw.tokenType.CATEGORIES ?? []).some((c) => c.name === category);
}
