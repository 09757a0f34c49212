import { composeInClauseOrder } from './compose';
import { parserDialect } from './dialect';
import { parseQuery, type Query, type WhereClause } from './library';
import { lexQuery, normalizeKeywordSpacing, type QueryToken } from './tokens';
import { composedWhere, outerWhereTokens, whereSurvivesComposition } from './where-text';
import { cliRemedy } from '../remedies';

export interface WindowOptions {
  /** The field the window filters and orders on, as the job's dateField spells it (`CreatedDate`, `Case.ClosedDate`). */
  dateField: string;
  /** Inclusive lower bound; absent for a first full pull. */
  since?: Date;
  /** Exclusive upper bound. */
  until: Date;
  /** Date fields compare with `YYYY-MM-DD` literals, datetime fields (the default) with full timestamps. */
  dateFieldType?: 'date' | 'datetime';
  /** Adds Id after the date field in ORDER BY, so rows sharing a timestamp come in a stable order (default true). */
  orderById?: boolean;
  /**
   * Fields to order by instead of the date field and Id (an sms job orders by conversation, then entry
   * time). Repeats, ignoring case, are dropped.
   */
  orderBy?: readonly string[];
  /** Replaces the query's LIMIT. */
  limit?: number;
}

/** Thrown when the query or the window cannot be composed; the message says what to fix. */
export class WindowQueryError extends Error {
  override readonly name = 'WindowQueryError';
}

const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/**
 * The query a run sends for one incremental window: the user's WHERE kept as one parenthesised
 * condition, `dateField >= since AND dateField < until` ANDed onto it, and `ORDER BY dateField, Id` in
 * place of any ORDER BY. The result is built from the parsed query and parsed again, never pasted
 * together, so OR, NOT and nested parentheses in the user's condition keep their meaning.
 */
export function composeWindowQuery(query: string, options: WindowOptions): string {
  const user = parseUserQuery(query);
  const field = checkedField(options.dateField);
  const window = windowCondition(field, options);
  const composed: Query = { ...user.parsed, where: combinedWhere(user, window) };
  composed.orderBy = orderFields(field, options).map((name) => ({ field: name }));
  if (options.limit !== undefined) composed.limit = checkedLimit(options.limit);
  return composeInClauseOrder(composed);
}

/**
 * `SELECT COUNT() FROM …` with the same WHERE as the query (and the window's bounds when given), for
 * estimating how many rows a run will read. ORDER BY, LIMIT and OFFSET are dropped; they do not change
 * the count a connector reads.
 */
export function countQuery(query: string, window?: Omit<WindowOptions, 'orderById' | 'orderBy' | 'limit'>): string {
  const user = parseUserQuery(query);
  checkedUserCondition(user);
  const where = window ? combinedWhere(user, windowCondition(checkedField(window.dateField), window)) : user.parsed.where;
  const counted: Query = {
    ...user.parsed,
    fields: [{ type: 'FieldFunctionExpression', functionName: 'COUNT', parameters: [], rawValue: 'COUNT()' }],
    where,
  };
  delete counted.orderBy;
  delete counted.limit;
  delete counted.offset;
  return composeInClauseOrder(counted);
}

/** Formats a bound as the literal the field type takes, always in UTC. */
export function soqlDateLiteral(value: Date, type: 'date' | 'datetime' = 'datetime'): string {
  if (Number.isNaN(value.getTime())) throw new WindowQueryError('The window bound is not a valid date. Check the saved state or the startDate.');
  const iso = value.toISOString();
  return type === 'date' ? iso.slice(0, 10) : iso;
}

interface UserQuery {
  parsed: Query;
  tokens: QueryToken[];
}

function parseUserQuery(query: string): UserQuery {
  const lexed = lexQuery(query);
  const normalized = lexed.ok ? normalizeKeywordSpacing(query, lexed.tokens) : query;
  const relexed = normalized === query ? lexed : lexQuery(normalized);
  // Valid SOQL the library cannot read is hidden from it and put back into the parsed model, so the
  // composed query still says USING SCOPE mine_and_my_groups or FROM Contact c, c.Account a.
  const dialect = relexed.ok ? parserDialect(normalized, relexed.tokens) : undefined;
  if (dialect?.hiddenInSubquery) {
    throw new WindowQueryError('A subquery uses USING SCOPE or several FROM objects, which the window query cannot be composed with. Move it out of the subquery.');
  }
  const text = dialect?.text ?? normalized;
  const tokens = text === normalized ? relexed : lexQuery(text);
  let parsed: Query;
  try {
    parsed = parseQuery(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WindowQueryError(`The job's query does not parse (${reason}). Run ${cliRemedy('validate')} to see where, and fix it.`);
  }
  if (dialect?.usingScope !== undefined) parsed.usingScope = dialect.usingScope;
  if (dialect?.extraFromEntries !== undefined) {
    // The library composes `FROM object alias`; the other entries ride on the alias to keep their place.
    parsed.sObjectAlias = `${parsed.sObjectAlias ?? ''}, ${dialect.extraFromEntries}`;
  }
  return { parsed, tokens: tokens.ok ? tokens.tokens : [] };
}

function checkedField(dateField: string): string {
  if (!FIELD_PATH.test(dateField)) {
    throw new WindowQueryError(`dateField '${dateField}' is not a field name. Use an API name such as CreatedDate or Case.ClosedDate.`);
  }
  return dateField;
}

function orderFields(dateField: string, options: Pick<WindowOptions, 'orderBy' | 'orderById'>): string[] {
  const wanted = options.orderBy ? options.orderBy.map(checkedField) : options.orderById === false ? [dateField] : [dateField, 'Id'];
  if (wanted.length === 0) throw new WindowQueryError('The window query needs at least one field to order by.');
  return wanted.filter((name, index) => wanted.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === index);
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new WindowQueryError(`The window LIMIT must be a positive whole number, not ${limit}.`);
  return limit;
}

function windowCondition(field: string, options: Pick<WindowOptions, 'since' | 'until' | 'dateFieldType'>): string {
  const type = options.dateFieldType ?? 'datetime';
  if (options.since && options.since.getTime() >= options.until.getTime()) {
    throw new WindowQueryError(
      `The window is empty: it starts at ${soqlDateLiteral(options.since)} and ends at ${soqlDateLiteral(options.until)}. Check the saved state.`,
    );
  }
  const upper = `${field} < ${soqlDateLiteral(options.until, type)}`;
  return options.since ? `${field} >= ${soqlDateLiteral(options.since, type)} AND ${upper}` : upper;
}

/**
 * The user's WHERE composed back to text and wrapped in parentheses, ANDed with the window, then parsed
 * again: the parser builds the right-nested condition list itself, so operator precedence is its job.
 */
function combinedWhere(user: UserQuery, window: string): WhereClause {
  const { parsed } = user;
  const userCondition = checkedUserCondition(user);
  const condition = userCondition ? `(${userCondition}) AND ${window}` : window;
  let reparsed: Query | undefined;
  try {
    reparsed = parseQuery(`SELECT Id FROM ${parsed.sObject ?? 'Account'} WHERE ${condition}`);
  } catch {
    reparsed = undefined;
  }
  if (!reparsed?.where) throw new WindowQueryError('The window condition could not be composed. Report this with the job file.');
  return reparsed.where;
}

/** The user's WHERE as composed text, refused when composing it would change what it selects. */
function checkedUserCondition({ parsed, tokens }: UserQuery): string | undefined {
  const condition = composedWhere(parsed);
  if (condition !== undefined && !whereSurvivesComposition(outerWhereTokens(tokens), condition)) {
    throw new WindowQueryError(
      'The WHERE clause cannot be composed into the window query without changing its meaning (three or more NOTs in a row). ' +
        'Simplify it: NOT (NOT x) is x.',
    );
  }
  return condition;
}
