import type { ExprProblem } from './ast';

export type TokenKind = 'number' | 'text' | 'name' | 'operator' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  /** The source text of the token; for text literals, the decoded value. */
  text: string;
  start: number;
  end: number;
  /** A text literal whose closing quote is missing. */
  unterminated?: boolean;
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

/** Longest first, so `<=` wins over `<`. Aliases (`==`, `<>`, `&&`, `||`, `!`) are normalized by the parser. */
const OPERATORS = ['<=', '>=', '!=', '<>', '==', '&&', '||', '=', '<', '>', '+', '-', '*', '/', '&', '!'];

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', n: '\n', t: '\t', r: '\r' };

/**
 * Splits an expression into tokens. It never throws: a character it cannot read becomes a problem and
 * is skipped, so the parser still sees the rest and can report more than one mistake.
 */
export function tokenize(text: string, problems: ExprProblem[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      i = readText(text, i, tokens, problems);
      continue;
    }
    if (DIGIT.test(c)) {
      while (i < text.length && DIGIT.test(text[i])) i++;
      if (text[i] === '.' && DIGIT.test(text[i + 1] ?? '')) {
        i++;
        while (i < text.length && DIGIT.test(text[i])) i++;
      }
      tokens.push({ kind: 'number', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (NAME_START.test(c)) {
      i = readName(text, i, tokens, problems);
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, start, end: i + 1 });
      i++;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, i));
    if (operator) {
      tokens.push({ kind: 'operator', text: operator, start, end: i + operator.length });
      i += operator.length;
      continue;
    }
    const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
    problems.push({ message: `Unexpected character "${text.slice(i, i + width)}".`, start, end: i + width });
    i += width;
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}

/** Reads a field name or a relationship path (`Owner.Name`); dots join names with no spaces around them. */
function readName(text: string, i: number, tokens: Token[], problems: ExprProblem[]): number {
  const start = i;
  for (;;) {
    while (i < text.length && NAME_PART.test(text[i])) i++;
    if (text[i] !== '.') break;
    if (!NAME_START.test(text[i + 1] ?? '')) {
      problems.push({
        message: `"${text.slice(start, i + 1)}" ends with a dot: a relationship path names a field after it, e.g. Owner.Name.`,
        start: i,
        end: i + 1,
      });
      tokens.push({ kind: 'name', text: text.slice(start, i), start, end: i });
      return i + 1;
    }
    i++;
  }
  tokens.push({ kind: 'name', text: text.slice(start, i), start, end: i });
  return i;
}

function readText(text: string, i: number, tokens: Token[], problems: ExprProblem[]): number {
  const quote = text[i];
  const start = i;
  let value = '';
  i++;
  while (i < text.length && text[i] !== quote) {
    if (text[i] === '\\') {
      const next = text[i + 1];
      const decoded = next === undefined ? undefined : ESCAPES[next];
      if (decoded === undefined) {
        problems.push({
          message: `Unknown escape "\\${next ?? ''}" in text: use \\${quote} for a quote, \\\\ for a backslash, \\n for a new line.`,
          start: i,
          end: Math.min(i + 2, text.length),
        });
        value += next ?? '';
      } else {
        value += decoded;
      }
      i += 2;
      continue;
    }
    value += text[i];
    i++;
  }
  if (i >= text.length) {
    problems.push({ message: `Text starting here has no closing ${quote}.`, start, end: text.length });
    tokens.push({ kind: 'text', text: value, start, end: text.length, unterminated: true });
    return text.length;
  }
  tokens.push({ kind: 'text', text: value, start, end: i + 1 });
  return i + 1;
}
