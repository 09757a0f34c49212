import { FUNCTIONS } from './functions';
import { tokenize } from './lexer';

export interface ExprCompletion {
  label: string;
  kind: 'function' | 'field' | 'keyword';
  /** The text to insert: a function with its parentheses (`TODAY()`, `UPPER(`). */
  insertText: string;
  detail?: string;
  documentation?: string;
}

export interface ExprCompletions {
  /** The span of the text (the word being typed) that a completion replaces. */
  start: number;
  end: number;
  items: ExprCompletion[];
}

const KEYWORDS = ['AND', 'OR', 'NOT', 'true', 'false', 'null'];
const NAME_CHAR = /[A-Za-z0-9_.]/;

/**
 * What can be typed at `offset` in an expression: functions, the fields the query selects and the
 * keywords, filtered by the word already typed (ignoring case). Nothing inside text in quotes.
 */
export function expressionCompletions(text: string, offset: number, fields: readonly string[] = []): ExprCompletions {
  const at = Math.max(0, Math.min(offset, text.length));
  let start = at;
  while (start > 0 && NAME_CHAR.test(text[start - 1])) start--;
  let end = at;
  while (end < text.length && NAME_CHAR.test(text[end])) end++;
  if (insideText(text, start)) return { start: at, end: at, items: [] };
  const typed = text.slice(start, at).toLowerCase();
  const matches = (label: string): boolean => label.toLowerCase().startsWith(typed);
  const items: ExprCompletion[] = [];
  for (const field of fields) if (matches(field)) items.push({ label: field, kind: 'field', insertText: field });
  for (const spec of FUNCTIONS.values()) {
    // AND, OR and NOT are offered once, as the words written between conditions.
    if (!matches(spec.name) || KEYWORDS.includes(spec.name)) continue;
    items.push({
      label: spec.name,
      kind: 'function',
      insertText: spec.maxArgs === 0 ? `${spec.name}()` : `${spec.name}(`,
      detail: spec.signature,
      documentation: spec.description,
    });
  }
  for (const keyword of KEYWORDS) {
    if (!matches(keyword)) continue;
    const spec = FUNCTIONS.get(keyword);
    items.push({ label: keyword, kind: 'keyword', insertText: keyword, ...(spec ? { detail: spec.signature, documentation: spec.description } : {}) });
  }
  return { start, end, items };
}

/** True when `offset` falls inside a quoted text literal, that is, one still open at that point. */
function insideText(text: string, offset: number): boolean {
  const tokens = tokenize(text.slice(0, offset), []);
  return tokens.some((token) => token.kind === 'text' && token.unterminated === true);
}
