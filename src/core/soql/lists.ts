import type { QueryToken } from './tokens';
import type { SoqlProblem } from './types';

/** What may not follow a comma: a clause, the end of a group or of the query, or another comma. */
const NOT_AFTER_COMMA = new Set([
  'FROM',
  'WHERE',
  'USING',
  'WITH',
  'GROUP_BY',
  'HAVING',
  'ORDER_BY',
  'LIMIT',
  'OFFSET',
  'FOR',
  'UPDATE',
  'R_PAREN',
  'COMMA',
]);

/**
 * A comma with nothing after it (`SELECT Id, Subject, FROM Case`, `ORDER BY Name,`) or before it
 * (`SELECT , Id`). The parser only notices at the next word, so the comma itself is underlined here.
 */
export function commaProblems(tokens: readonly QueryToken[]): SoqlProblem[] {
  const problems: SoqlProblem[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'COMMA') continue;
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    if (next?.type === 'COMMA') {
      // The second of two commas is the one to delete: the list reads well up to it.
      problems.push({ code: 'soql-syntax', message: 'Remove this extra comma: two commas in a row have no item between them.', start: next.start, end: next.end });
      i++;
    } else if (!next || NOT_AFTER_COMMA.has(next.type)) {
      const before = next ? ` before '${next.image}'` : ' at the end of the query';
      problems.push({ code: 'soql-syntax', message: `Remove this comma${before}: no item follows it.`, start: token.start, end: token.end });
    } else if (previous && (previous.type === 'SELECT' || previous.type === 'L_PAREN' || previous.type === 'ORDER_BY' || previous.type === 'GROUP_BY')) {
      problems.push({ code: 'soql-syntax', message: `Remove this comma after '${previous.image}': no item comes before it.`, start: token.start, end: token.end });
    }
  }
  return problems;
}
