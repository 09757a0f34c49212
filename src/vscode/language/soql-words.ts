/** SOQL keywords offered inside a query, in the order a query is usually written. */
export const SOQL_KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'NOT IN', 'LIKE', 'INCLUDES', 'EXCLUDES', 'ORDER BY', 'ASC', 'DESC',
  'NULLS FIRST', 'NULLS LAST', 'LIMIT', 'OFFSET', 'WITH SECURITY_ENFORCED', 'USING SCOPE', 'TYPEOF', 'WHEN', 'THEN', 'ELSE', 'END',
  'TODAY', 'YESTERDAY', 'LAST_N_DAYS:', 'LAST_WEEK', 'THIS_WEEK', 'LAST_MONTH', 'THIS_MONTH', 'LAST_YEAR', 'THIS_YEAR', 'null', 'true', 'false',
];

/** The identifier-like word ending at `index` in `text` (letters, digits, "_" and "." for paths). */
export function wordBefore(text: string, index: number): { start: number; word: string } {
  let start = index;
  while (start > 0 && /[A-Za-z0-9_.]/.test(text[start - 1])) start--;
  return { start, word: text.slice(start, index) };
}

/** The whole word around `index`. */
export function wordAround(text: string, index: number): { start: number; end: number; word: string } | undefined {
  const { start } = wordBefore(text, index);
  let end = index;
  while (end < text.length && /[A-Za-z0-9_.]/.test(text[end])) end++;
  return end > start ? { start, end, word: text.slice(start, end) } : undefined;
}

/** True when the word being typed directly follows FROM, where object names belong. */
export function followsFrom(text: string, wordStart: number): boolean {
  return /\bFROM\s+$/i.test(text.slice(Math.max(0, wordStart - 10), wordStart));
}
