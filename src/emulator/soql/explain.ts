import type { Query, WhereClause } from 'soql-parser-js';
import type { SObjectDescribe } from '../../core/describe';
import type { OrgAccess } from './context';
import type { ExplainResult, QueryPlan } from './types';
import { compileWhere } from './where';
import { fieldOf } from './context';

interface ExplainInput {
  access: OrgAccess;
  soql: string;
  object: SObjectDescribe;
  query: Query;
  nowMs: number;
  whereFrom: number;
}

/** Fields Salesforce indexes out of the box: ids, lookups, the name, audit dates and external ids. */
function isIndexed(object: SObjectDescribe, name: string): boolean {
  const field = fieldOf(object, name);
  if (!field) return false;
  if (['id', 'reference'].includes(field.type)) return true;
  if (['CreatedDate', 'SystemModstamp', 'LastModifiedDate'].includes(field.name)) return true;
  const extra = field as { nameField?: boolean; externalId?: boolean; unique?: boolean };
  return extra.nameField === true || extra.externalId === true || extra.unique === true;
}

function conditionsOf(where: WhereClause | undefined, out: { field: string; operator: string; clause: WhereClause }[] = []): typeof out {
  if (!where) return out;
  const left = where.left as { field?: string; operator?: string } | null;
  if (left?.field !== undefined && left.operator !== undefined) out.push({ field: left.field, operator: left.operator, clause: { left: { ...left, openParen: 0, closeParen: 0 } } as WhereClause });
  if ('right' in where && where.right) conditionsOf(where.right, out);
  return out;
}

const SELECTIVE_OPERATORS = new Set(['=', 'IN', '<', '>', '<=', '>=']);

/** A plausible query plan: one Index plan per selective filter on an indexed field, and always a TableScan, cheapest first. */
export function explainQuery(input: ExplainInput): ExplainResult {
  const { access, object, query } = input;
  const rows = access.store.rows(object.name).filter((r) => r.IsDeleted !== true);
  const total = rows.length;
  const countWhere = (where: WhereClause | undefined): number => {
    const predicate = compileWhere(where, { access, soql: input.soql, object, nowMs: input.nowMs, searchFrom: input.whereFrom, semiJoin: () => new Set() });
    return predicate ? rows.filter(predicate).length : total;
  };
  const cardinality = countWhere(query.where);
  const plans: QueryPlan[] = [];
  const unindexed: string[] = [];
  for (const condition of conditionsOf(query.where)) {
    const field = fieldOf(object, condition.field)?.name ?? condition.field;
    if (!isIndexed(object, field) || !SELECTIVE_OPERATORS.has(condition.operator.toUpperCase())) {
      unindexed.push(field);
      continue;
    }
    const matched = countWhere(condition.clause);
    // Salesforce uses an index when it selects under about 30% of the first million rows.
    if (total > 0 && matched / total >= 0.3) continue;
    plans.push({
      cardinality: matched,
      fields: [field],
      leadingOperationType: 'Index',
      notes: [],
      relativeCost: Math.round((0.05 + (matched / Math.max(1, total)) * 2) * 1000) / 1000,
      sobjectCardinality: total,
      sobjectType: object.name,
    });
  }
  plans.push({
    cardinality,
    fields: [],
    leadingOperationType: 'TableScan',
    notes: unindexed.map((field) => ({ description: 'Not considering filter for optimization because unindexed', fields: [field], tableEnumOrId: object.name })),
    relativeCost: Math.round((0.65 + total / 100_000) * 1000) / 1000,
    sobjectCardinality: total,
    sobjectType: object.name,
  });
  plans.sort((a, b) => a.relativeCost - b.relativeCost);
  return { plans, sourceQuery: input.soql };
}
