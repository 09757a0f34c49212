import type { QueryToken } from './tokens';
import { isWord } from './tokens';

/** One comma-separated item of the outer SELECT list, as token indexes and a character range. */
export interface SelectItem {
  first: number;
  /** Index after the item's last token. */
  last: number;
  start: number;
  end: number;
}

export interface OuterClauses {
  items: SelectItem[];
  /** Index of the outer FROM token, or -1 when there is none. */
  fromIndex: number;
}

/**
 * Splits the outer SELECT list at its top-level commas. A TYPEOF … END block keeps its own commas,
 * and a subquery keeps those inside its parentheses.
 */
export function outerClauses(tokens: readonly QueryToken[]): OuterClauses {
  const items: SelectItem[] = [];
  let fromIndex = -1;
  let itemFirst = 1;
  let insideTypeof = false;
  const close = (end: number) => {
    if (end > itemFirst) items.push({ first: itemFirst, last: end, start: tokens[itemFirst].start, end: tokens[end - 1].end });
  };
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.depth !== 0) continue;
    if (token.type === 'TYPEOF') insideTypeof = true;
    else if (insideTypeof && token.type === 'END') insideTypeof = false;
    else if (!insideTypeof && token.type === 'COMMA') {
      close(i);
      itemFirst = i + 1;
    } else if (!insideTypeof && token.type === 'FROM') {
      close(i);
      fromIndex = i;
      break;
    }
  }
  return { items, fromIndex };
}

/** The outer query's `FROM Object [alias]` tokens. */
export function fromObjectToken(tokens: readonly QueryToken[], fromIndex: number): QueryToken | undefined {
  const token = tokens[fromIndex + 1];
  return token && token.depth === 0 && !isWord(token, 'WHERE') ? token : undefined;
}
