import type { Query, Subquery, ValueQueryCondition } from 'soql-parser-js';
import type { SObjectDescribe } from '../../core/describe';
import type { OrgStore, SRecord } from '../org/types';
import { executeAggregate } from './aggregate';
import { orgAccess, type OrgAccess } from './context';
import { errorAt, locate, malformed, unsupportedType } from './errors';
import { compileOrderBy, orderByList, sortPositions } from './order';
import { parseSoql } from './parse';
import { columnsOf, isAggregateQuery, planSelect, serializeRecord, type ChildColumn } from './select';
import { SoqlError, type ExecuteOptions, type QueryExecution } from './types';
import { compileWhere, type Predicate } from './where';
import { explainQuery } from './explain';

export { SoqlError } from './types';
export type { QueryExecution } from './types';

const MAX_OFFSET = 2000;
const MAX_FIELDS_LIMIT = 200;
const MAX_STATEMENT_LENGTH = 100_000;

/** The first offset of a keyword outside parentheses and string literals, to point carets into the main query. */
export function topLevelOffset(soql: string, keyword: string): number {
  let depth = 0;
  const pattern = new RegExp(`'(?:\\\\.|[^'\\\\])*'|[()]|\\b${keyword}\\b`, 'gi');
  for (let match = pattern.exec(soql); match; match = pattern.exec(soql)) {
    if (match[0] === '(') depth++;
    else if (match[0] === ')') depth--;
    else if (depth === 0 && !match[0].startsWith("'")) return match.index;
  }
  return 0;
}

interface Scope {
  access: OrgAccess;
  soql: string;
  options: ExecuteOptions;
}

function objectOf(scope: Scope, query: Query): SObjectDescribe {
  const name = query.sObject ?? '';
  const object = scope.access.describe(name);
  if (!object) throw unsupportedType(scope.soql, locate(scope.soql, name, topLevelOffset(scope.soql, 'FROM')), name);
  return object;
}

function whereOf(scope: Scope, object: SObjectDescribe, query: Query | Subquery, searchFrom: number): Predicate | undefined {
  return compileWhere(query.where, {
    access: scope.access,
    soql: scope.soql,
    object,
    nowMs: scope.options.now.getTime(),
    searchFrom,
    semiJoin: (condition) => semiJoinValues(scope, condition),
  });
}

/** `Id IN (SELECT CaseId FROM LiveChatTranscript …)`: the values of the inner query's one field. */
function semiJoinValues(scope: Scope, condition: ValueQueryCondition): Set<string> {
  const inner = condition.valueQuery;
  const object = objectOf(scope, inner);
  const start = Math.max(0, scope.soql.toUpperCase().indexOf('(SELECT', topLevelOffset(scope.soql, 'WHERE')));
  const plan = planSelect(scope.access, scope.soql, object, inner.fields ?? [], start, false);
  const predicate = whereOf(scope, object, inner, start);
  const values = new Set<string>();
  for (const row of scope.access.store.rows(object.name)) {
    if (row.IsDeleted === true && !scope.options.includeDeleted) continue;
    if (predicate && !predicate(row)) continue;
    const value = plan.paths[0]?.read(row);
    if (typeof value === 'string') values.add(value);
  }
  return values;
}

function checkLimits(scope: Scope, query: Query | Subquery, fieldsFunction: { offset: number } | undefined): void {
  if (query.offset !== undefined && query.offset > MAX_OFFSET) {
    const at = topLevelOffset(scope.soql, 'OFFSET');
    throw errorAt(scope.soql, at + 'OFFSET '.length, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
  if (fieldsFunction && (query.limit === undefined || query.limit > MAX_FIELDS_LIMIT)) {
    throw malformed(scope.soql, fieldsFunction.offset, `The SOQL FIELDS function must have a LIMIT of at most ${MAX_FIELDS_LIMIT}`);
  }
}

/** Runs one SOQL statement against the org. Throws SoqlError with Salesforce's status, errorCode and message. */
export function executeSoql(store: OrgStore, soql: string, options: ExecuteOptions): QueryExecution {
  if (soql.length > MAX_STATEMENT_LENGTH) {
    throw new SoqlError('MALFORMED_QUERY', `Query is too long (${soql.length} characters); SOQL statements are limited to ${MAX_STATEMENT_LENGTH} characters.`);
  }
  const query = parseSoql(soql);
  const scope: Scope = { access: orgAccess(store), soql, options };
  const object = objectOf(scope, query);
  const whereFrom = topLevelOffset(soql, 'WHERE');
  const predicate = whereOf(scope, object, query, whereFrom);
  const rows = store.rows(object.name);
  const urlBase = `/services/data/v${options.apiVersion}/sobjects`;

  if (isAggregateQuery(query)) {
    checkLimits(scope, query, undefined);
    return executeAggregate({ access: scope.access, soql, object, query, rows, includeDeleted: options.includeDeleted, predicate, nowMs: options.now.getTime(), timeZone: options.timeZone ?? 'UTC' });
  }

  const plan = planSelect(scope.access, soql, object, query.fields ?? [], 0, true, options.timeZone);
  checkLimits(scope, query, plan.fieldsFunction);
  const keys = compileOrderBy(scope.access, soql, object, orderByList(query.orderBy), topLevelOffset(soql, 'ORDER'));
  const childPlans = new Map(plan.children.map((column) => [column, compileChild(scope, column)]));

  let positions: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.IsDeleted === true && !options.includeDeleted) continue;
    if (predicate && !predicate(row)) continue;
    positions.push(i);
  }
  positions = sortPositions(positions, rows, keys);
  const offset = query.offset ?? 0;
  const end = query.limit === undefined ? positions.length : Math.min(positions.length, offset + query.limit);
  const first = Math.min(offset, positions.length);
  const totalSize = Math.max(0, end - first);
  const childrenOf = (column: ChildColumn, parent: SRecord) => childPlans.get(column)!(parent);

  return {
    totalSize,
    columns: columnsOf(plan.shape),
    entityName: object.name,
    page(start, count) {
      const from = first + Math.max(0, start);
      const to = Math.min(end, from + Math.max(0, count));
      const out: Record<string, unknown>[] = [];
      for (let p = from; p < to; p++) out.push(serializeRecord(rows[positions[p]!]!, plan.shape, urlBase, childrenOf));
      return out;
    },
  };
}

/** Prepares a child subquery once; returns what goes under the relationship name for one parent ({totalSize, done, records} or null). */
function compileChild(scope: Scope, column: ChildColumn): (parent: SRecord) => unknown {
  const { access, soql, options } = scope;
  const query = column.query;
  if (isAggregateQuery(query)) throw malformed(soql, column.searchFrom, 'Aggregate functions are not supported in a child relationship subquery.');
  const plan = planSelect(access, soql, column.child, query.fields ?? [], column.searchFrom, false);
  const predicate = whereOf(scope, column.child, query, column.searchFrom);
  const keys = compileOrderBy(access, soql, column.child, orderByList(query.orderBy), column.searchFrom);
  const urlBase = `/services/data/v${options.apiVersion}/sobjects`;
  return (parent) => {
    const all = access.childrenByParent(column.child.name, column.field).get(String(parent.Id)) ?? [];
    const positions: number[] = [];
    all.forEach((row, i) => {
      if (row.IsDeleted === true && !options.includeDeleted) return;
      if (predicate && !predicate(row)) return;
      positions.push(i);
    });
    const sorted = sortPositions(positions, all, keys).slice(query.offset ?? 0, query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit);
    if (sorted.length === 0) return null;
    const records = sorted.map((p) => serializeRecord(all[p]!, plan.shape, urlBase, () => null));
    return { totalSize: records.length, done: true, records };
  };
}

export function explainSoql(store: OrgStore, soql: string, options: { now: Date }): ReturnType<typeof explainQuery> {
  const query = parseSoql(soql);
  const scope: Scope = { access: orgAccess(store), soql, options: { now: options.now, includeDeleted: false, apiVersion: '62.0' } };
  const object = objectOf(scope, query);
  // Salesforce compiles the whole statement before planning it, so a bad column fails the explain too.
  if (!isAggregateQuery(query)) planSelect(scope.access, soql, object, query.fields ?? [], 0, true);
  return explainQuery({ access: scope.access, soql, object, query, nowMs: options.now.getTime(), whereFrom: topLevelOffset(soql, 'WHERE') });
}
