import { Compose, composeQuery, type Query } from './library';

/**
 * composeQuery writes WITH (SECURITY_ENFORCED, USER_MODE, DATA CATEGORY) after ORDER BY, LIMIT and
 * OFFSET, which neither Salesforce nor the library's own parser accept. So the head of the query, up to
 * and including WITH, is composed by the library, and the clauses that must follow WITH are composed
 * one by one and appended in SOQL's order.
 */
export function composeInClauseOrder(query: Query): string {
  const { groupBy, having, orderBy, limit, offset, for: forClause, update, ...head } = query;
  const composer = new Compose(query, { autoCompose: false });
  const parts = [composeQuery(head)];
  if (groupBy) parts.push(`GROUP BY ${composer.parseGroupByClause(groupBy)}`);
  if (groupBy && having) parts.push(`HAVING ${composer.parseWhereOrHavingClause(having)}`);
  if (orderBy && (!Array.isArray(orderBy) || orderBy.length > 0)) parts.push(`ORDER BY ${composer.parseOrderBy(orderBy)}`);
  if (limit !== undefined) parts.push(`LIMIT ${limit}`);
  if (offset !== undefined) parts.push(`OFFSET ${offset}`);
  if (forClause) parts.push(`FOR ${forClause}`);
  if (update) parts.push(`UPDATE ${update}`);
  return parts.join(' ');
}
