import { stripObjectAlias, type AnalyzedField } from './selected-fields';
import type { QueryToken } from './tokens';
import { outerWhereTokens } from './where-text';

const COMPARISONS = new Set(['EQUAL', 'NOT_EQUAL', 'LESS_THAN', 'LESS_THAN_OR_EQUAL', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL', 'LIKE', 'IN', 'INCLUDES', 'EXCLUDES']);
const LOGICAL = new Set(['AND', 'OR', 'NOT']);
const ORDER_WORDS = new Set(['ASC', 'DESC', 'NULLS', 'FIRST', 'LAST']);
const AFTER_ORDER_BY = new Set(['LIMIT', 'OFFSET', 'FOR', 'UPDATE']);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]*$/;

/**
 * The fields the outer query filters and sorts on, with their characters: a name right before a
 * comparison in WHERE, and each plain ORDER BY item. Semi-join subqueries are left out (they read
 * another object), and so are fields wrapped in functions.
 */
export function filterAndOrderFields(tokens: readonly QueryToken[], objectAlias: string | undefined): AnalyzedField[] {
  const fields: AnalyzedField[] = [];
  const add = (token: QueryToken) => {
    const path = stripObjectAlias(token.image, objectAlias);
    fields.push({ kind: 'field', path, start: token.end - path.length, end: token.end });
  };
  const condition = outerWhereTokens(tokens);
  const inSubquery = subqueryMask(condition);
  for (let i = 0; i < condition.length; i++) {
    const token = condition[i];
    if (inSubquery[i] || !FIELD_NAME.test(token.image) || COMPARISONS.has(token.type) || LOGICAL.has(token.type)) continue;
    const next = condition[i + 1];
    const negatedIn = next?.type === 'NOT' && condition[i + 2]?.type === 'IN';
    if (next && (COMPARISONS.has(next.type) || negatedIn)) add(token);
  }
  const orderBy = tokens.findIndex((t) => t.depth === 0 && t.type === 'ORDER_BY');
  if (orderBy >= 0) {
    let itemStart = true;
    for (let i = orderBy + 1; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.depth === 0 && AFTER_ORDER_BY.has(token.type)) break;
      if (token.type === 'COMMA') {
        itemStart = true;
        continue;
      }
      if (itemStart && FIELD_NAME.test(token.image) && !ORDER_WORDS.has(token.type) && tokens[i + 1]?.type !== 'L_PAREN') add(token);
      itemStart = false;
    }
  }
  return fields;
}

/** Marks the tokens inside `(SELECT …)` groups. */
function subqueryMask(tokens: readonly QueryToken[]): boolean[] {
  const mask = tokens.map(() => false);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'L_PAREN' || tokens[i + 1]?.type !== 'SELECT') continue;
    const depth = tokens[i].depth;
    let j = i + 1;
    while (j < tokens.length && !(tokens[j].type === 'R_PAREN' && tokens[j].depth === depth)) mask[j++] = true;
    i = j;
  }
  return mask;
}
