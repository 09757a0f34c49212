import { Compose, type Query } from './library';
import { lexQuery, type QueryToken } from './tokens';

/** Clauses that end the outer WHERE. */
const AFTER_WHERE = new Set(['WITH', 'GROUP_BY', 'ORDER_BY', 'LIMIT', 'OFFSET', 'FOR', 'UPDATE', 'HAVING']);

/** The tokens of the outer query's WHERE condition (subqueries inside it included). */
export function outerWhereTokens(tokens: readonly QueryToken[]): QueryToken[] {
  const where = tokens.findIndex((t) => t.depth === 0 && t.type === 'WHERE');
  if (where < 0) return [];
  const condition: QueryToken[] = [];
  for (let i = where + 1; i < tokens.length; i++) {
    if (tokens[i].depth === 0 && AFTER_WHERE.has(tokens[i].type)) break;
    condition.push(tokens[i]);
  }
  return condition;
}

/** The parsed WHERE written back as SOQL, or undefined when there is none. */
export function composedWhere(parsed: Query): string | undefined {
  return parsed.where ? new Compose(parsed, { autoCompose: false }).parseWhereOrHavingClause(parsed.where) : undefined;
}

/**
 * soql-parser-js keeps only the first and the last of three or more NOTs in a row (`NOT (NOT (NOT x))`),
 * so composing such a WHERE back to text would change what it selects. Comparing the NOTs and
 * parentheses written with those composed catches it, and any other loss of the same kind.
 */
export function whereSurvivesComposition(sourceCondition: readonly QueryToken[], composed: string | undefined): boolean {
  const relexed = lexQuery(composed ?? '');
  if (!relexed.ok) return false;
  return sameCounts(structureCounts(sourceCondition), structureCounts(relexed.tokens));
}

/** The run of NOTs (with only parentheses between them) the library cannot keep, for pointing at it. */
export function notChainAt(condition: readonly QueryToken[]): { start: number; end: number } | undefined {
  for (let i = 0; i < condition.length; i++) {
    if (condition[i].type !== 'NOT') continue;
    let last = i;
    let count = 1;
    for (let j = i + 1; j < condition.length && (condition[j].type === 'NOT' || condition[j].type === 'L_PAREN'); j++) {
      if (condition[j].type === 'NOT') {
        last = j;
        count++;
      }
    }
    if (count >= 3) return { start: condition[i].start, end: condition[last].end };
    i = last;
  }
  return undefined;
}

function structureCounts(tokens: readonly QueryToken[]): Record<string, number> {
  const counts: Record<string, number> = { NOT: 0, L_PAREN: 0, R_PAREN: 0 };
  for (const token of tokens) if (token.type in counts) counts[token.type]++;
  return counts;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  return Object.keys(a).every((key) => a[key] === b[key]);
}
