import type { QueryToken } from './tokens';

/** The SOQL keywords a misspelling is compared with; two-word ones are handled by their first word. */
const KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'LIMIT', 'OFFSET', 'HAVING', 'AND', 'NOT', 'LIKE', 'NULL', 'TRUE', 'FALSE', 'ASC',
  'DESC', 'NULLS', 'FIRST', 'LAST', 'INCLUDES', 'EXCLUDES', 'TYPEOF', 'WHEN', 'THEN', 'ELSE', 'USING', 'SCOPE', 'WITH',
  'ORDER', 'GROUP',
];

/** SQL words SOQL does not have, with what to write instead. */
const SQL_ONLY: Record<string, string> = {
  DISTINCT: 'SOQL has no DISTINCT. Remove it, or group the rows with GROUP BY.',
  TOP: 'SOQL has no TOP. Remove it and end the query with LIMIT instead.',
  JOIN: 'SOQL has no JOIN. Follow relationships with dots (Account.Name) or use a subquery.',
  INNER: 'SOQL has no JOIN. Follow relationships with dots (Account.Name) or use a subquery.',
  LEFT: 'SOQL has no JOIN. Follow relationships with dots (Account.Name) or use a subquery.',
  IS: "SOQL has no IS. Compare with = null or != null.",
  BETWEEN: 'SOQL has no BETWEEN. Write x >= low AND x <= high.',
  ILIKE: 'SOQL has no ILIKE: LIKE already ignores case.',
};

/** The advice for a SQL word SOQL does not have (`DISTINCT`), or undefined for any other word. */
export function sqlOnlyWord(word: string): string | undefined {
  return SQL_ONLY[word.toUpperCase()];
}

export interface KeywordTypo {
  start: number;
  end: number;
  message: string;
  /** The keyword to write instead, when there is one (a SQL-only word has none). */
  replacement?: string;
}

/**
 * A word next to a syntax error that is one or two letters away from a SOQL keyword (`FORM`, `SELCT`,
 * `WERE`, `ORDER BT`). The parser took it for a name and failed a word later; underlining the word with
 * the keyword it resembles says what is actually wrong. Only the error token and the two words before
 * it are considered, so a field that happens to look like a keyword elsewhere is never blamed.
 */
export function keywordTypoNear(tokens: readonly QueryToken[], errorIndex: number): KeywordTypo | undefined {
  for (let i = Math.max(0, errorIndex - 2); i <= Math.min(errorIndex, tokens.length - 1); i++) {
    const typo = keywordTypoAt(tokens, i);
    if (typo) return typo;
  }
  return undefined;
}

/** The token at `index` as a misspelt keyword or a SQL-only word, or undefined when it is neither. */
export function keywordTypoAt(tokens: readonly QueryToken[], index: number): KeywordTypo | undefined {
  const token = tokens[index];
  const word = token.image.toUpperCase();
  if (word === 'ORDER' || word === 'GROUP') {
    const next = tokens[index + 1];
    if (next && next.image.toUpperCase() !== 'BY' && /^[A-Za-z]{1,3}$/.test(next.image) && damerau(next.image.toUpperCase(), 'BY') <= 1) {
      return { start: token.start, end: next.end, message: `'${token.image} ${next.image}' is not SOQL: did you mean ${word} BY?`, replacement: `${word} BY` };
    }
    return undefined;
  }
  if (word === 'ORDERBY' || word === 'GROUPBY') {
    return { start: token.start, end: token.end, message: `'${token.image}' is not SOQL: did you mean ${word.slice(0, 5)} BY?`, replacement: `${word.slice(0, 5)} BY` };
  }
  if (token.type !== 'Identifier') return undefined;
  if (SQL_ONLY[word]) return { start: token.start, end: token.end, message: SQL_ONLY[word] };
  if (!/^[A-Za-z]{3,}$/.test(token.image)) return undefined;
  const keyword = closestKeyword(word);
  if (!keyword) return undefined;
  const shown = keyword === 'ORDER' || keyword === 'GROUP' ? `${keyword} BY` : keyword;
  return { start: token.start, end: token.end, message: `'${token.image}' is not a SOQL keyword: did you mean ${shown}?`, replacement: shown };
}

function closestKeyword(word: string): string | undefined {
  // Three-letter aliases (acc, opp) sit one letter from AND, NOT and ASC; there only a swapped pair or
  // one missing letter of a longer keyword (FRM) counts.
  if (word.length === 3) {
    return KEYWORDS.find((k) => (k.length === 3 && k !== word && [...k].sort().join('') === [...word].sort().join('')) || (k.length === 4 && damerau(word, k) === 1));
  }
  const allowed = word.length <= 5 ? 1 : 2;
  let best: { keyword: string; distance: number } | undefined;
  for (const keyword of KEYWORDS) {
    if (keyword === word) return undefined;
    const distance = damerau(word, keyword);
    if (distance <= allowed && (!best || distance < best.distance)) best = { keyword, distance };
  }
  return best?.keyword;
}

/** Edit distance where swapping two neighbouring letters (FORM for FROM) counts as one edit. */
function damerau(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
