import type { FieldFunctionExpression, FunctionExp, GroupByClause, Query } from 'soql-parser-js';
import type { FieldDescribe, SObjectDescribe } from '../../core/describe';
import type { SRecord } from '../org/types';
import type { OrgAccess } from './context';
import { errorAt, locate, malformed } from './errors';
import { resolvePath, type FieldPath } from './paths';
import type { QueryExecution } from './types';
import { VALUE_FUNCTIONS, valueFunction } from './functions';
import { comparableOf, domainOf, operandOf } from './values';
import { compileBoolean, matchesOperand, type Predicate } from './where';

interface AggregateInput {
  access: OrgAccess;
  soql: string;
  object: SObjectDescribe;
  query: Query;
  rows: readonly SRecord[];
  includeDeleted: boolean;
  predicate: Predicate | undefined;
  nowMs: number;
  /** The user's time zone, for FORMAT() of datetimes. */
  timeZone: string;
}

interface OutputColumn {
  key: string;
  /** The text an ORDER BY can name: the field, the function call, or the alias. */
  names: string[];
  compute(group: SRecord[]): unknown;
}

const NUMERIC = new Set(['double', 'int', 'currency', 'percent', 'long']);

function groupByList(groupBy: GroupByClause | GroupByClause[] | undefined): GroupByClause[] {
  return groupBy === undefined ? [] : Array.isArray(groupBy) ? groupBy : [groupBy];
}

function aggregateColumn(input: AggregateInput, fn: FieldFunctionExpression, key: string): OutputColumn {
  const name = fn.functionName.toUpperCase();
  const argument = fn.parameters[0];
  const names = [key.toLowerCase(), (fn.rawValue ?? '').toLowerCase()];
  if (name === 'COUNT' && argument === undefined) return { key, names, compute: (group) => group.length };
  if (typeof argument !== 'string') throw malformed(input.soql, locate(input.soql, fn.functionName), `The emulator does not support nested functions in ${fn.rawValue ?? name}.`);
  const path = resolvePath(input.access, input.soql, input.object, argument);
  if ((name === 'SUM' || name === 'AVG') && !NUMERIC.has(path.field.type)) {
    throw errorAt(input.soql, locate(input.soql, argument), 'INVALID_FIELD', `field ${path.field.name} does not support aggregate operator ${name}`);
  }
  const values = (group: SRecord[]) => group.map((r) => path.read(r)).filter((v) => v !== null && v !== undefined);
  switch (name) {
    case 'COUNT':
      return { key, names, compute: (group) => values(group).length };
    case 'COUNT_DISTINCT':
      return { key, names, compute: (group) => new Set(values(group).map((v) => comparableOf(domainOf(path.field), v))).size };
    case 'SUM':
      return { key, names, compute: (group) => { const v = values(group); return v.length ? v.reduce((s: number, x) => s + Number(x), 0) : null; } };
    case 'AVG':
      return { key, names, compute: (group) => { const v = values(group); return v.length ? v.reduce((s: number, x) => s + Number(x), 0) / v.length : null; } };
    case 'MIN':
    case 'MAX':
      return {
        key,
        names,
        compute: (group) => {
          let best: unknown = null;
          for (const v of values(group)) {
            if (best === null || (name === 'MIN' ? (v as number) < (best as number) : (v as number) > (best as number))) best = v;
          }
          return best;
        },
      };
    default:
      throw malformed(input.soql, locate(input.soql, fn.functionName), `The emulator does not support the aggregate function ${name}.`);
  }
}

/** Runs an aggregate query: one AggregateResult row per group (or one in all without GROUP BY); COUNT() alone gives only totalSize. */
export function executeAggregate(input: AggregateInput): QueryExecution {
  const { soql, query, object, access } = input;
  const fields = query.fields ?? [];
  const matched: SRecord[] = [];
  for (const row of input.rows) {
    if (row.IsDeleted === true && !input.includeDeleted) continue;
    if (input.predicate && !input.predicate(row)) continue;
    matched.push(row);
  }
  const groups = groupByList(query.groupBy);
  const onlyCount = groups.length === 0 && fields.length === 1 && fields[0]!.type === 'FieldFunctionExpression' && fields[0].functionName.toUpperCase() === 'COUNT' && fields[0].parameters.length === 0;
  if (onlyCount) {
    const total = query.limit === undefined ? matched.length : Math.min(matched.length, query.limit);
    return { totalSize: total, page: () => [] };
  }

  const groupPaths: FieldPath[] = groups.map((g) => {
    if (!('field' in g)) throw malformed(soql, locate(soql, 'GROUP'), 'The emulator does not support grouping by a function.');
    const path = resolvePath(access, soql, object, g.field, locate(soql, 'GROUP'));
    if (!path.field.groupable) throw errorAt(soql, locate(soql, g.field, locate(soql, 'GROUP')), 'INVALID_FIELD', `field '${path.field.name}' can not be grouped in a query call`);
    return path;
  });

  const columns: OutputColumn[] = [];
  let expressionIndex = 0;
  for (const item of fields) {
    if (item.type === 'FieldFunctionExpression' && VALUE_FUNCTIONS.has(item.functionName.toUpperCase())) {
      columns.push(valueFunctionColumn(input, item, groupPaths, () => `expr${expressionIndex++}`));
    } else if (item.type === 'FieldFunctionExpression' && item.isAggregateFn) {
      const key = item.alias ?? `expr${expressionIndex++}`;
      columns.push(aggregateColumn(input, item, key));
    } else if (item.type === 'Field' || item.type === 'FieldRelationship') {
      const dotted = item.type === 'Field' ? item.field : (item.rawValue ?? [...item.relationships, item.field].join('.'));
      const path = resolvePath(access, soql, object, dotted);
      const grouped = groupPaths.some((g) => g.canonical === path.canonical);
      if (!grouped) throw malformed(soql, locate(soql, dotted), `Field must be grouped or aggregated: ${path.field.name}`);
      const alias = 'alias' in item && typeof item.alias === 'string' ? item.alias : undefined;
      const key = alias ?? path.field.name;
      columns.push({ key, names: [key.toLowerCase(), dotted.toLowerCase(), path.canonical.toLowerCase()], compute: (group) => path.read(group[0]!) });
    } else {
      throw malformed(soql, 0, `The emulator does not support this expression in an aggregate query.`);
    }
  }

  const buckets = new Map<string, SRecord[]>();
  if (groupPaths.length === 0) buckets.set('', matched);
  else {
    for (const row of matched) {
      const key = JSON.stringify(groupPaths.map((p) => comparableOf(domainOf(p.field), p.read(row))));
      const bucket = buckets.get(key);
      if (bucket) bucket.push(row);
      else buckets.set(key, [row]);
    }
  }
  const having = compileHaving(input, groupPaths);
  const kept = having ? [...buckets.values()].filter(having) : [...buckets.values()];
  const ordered = orderGroups(input, kept, columns, groupPaths);
  const offset = query.offset ?? 0;
  const window = ordered.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
  const results = window.map((group) => {
    const out: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const column of columns) out[column.key] = column.compute(group);
    return out;
  });
  return { totalSize: results.length, page: (start, count) => results.slice(start, start + count) };
}

/**
 * `FORMAT(MIN(CreatedDate))` or `toLabel(Status)` in an aggregate query: around an aggregate the column is
 * named like the aggregate (`expr0`, or its alias); around a grouped field it takes the field's name.
 */
function valueFunctionColumn(input: AggregateInput, item: FieldFunctionExpression, groupPaths: FieldPath[], nextExpression: () => string): OutputColumn {
  const { soql } = input;
  const argument = item.parameters[0];
  if (item.parameters.length === 1 && typeof argument === 'object' && argument !== null && (argument as FieldFunctionExpression).type === 'FieldFunctionExpression') {
    const inner = argument as FieldFunctionExpression;
    const key = item.alias ?? nextExpression();
    const aggregate = aggregateColumn(input, inner, key);
    const innerName = inner.functionName.toUpperCase();
    const innerArgument = typeof inner.parameters[0] === 'string' ? resolvePath(input.access, soql, input.object, inner.parameters[0]).field : undefined;
    const field = innerName === 'COUNT' || innerName === 'COUNT_DISTINCT' || !innerArgument ? COUNT_FIELD : innerName === 'AVG' && innerArgument.type === 'int' ? NUMBER_FIELD : innerArgument;
    const transform = valueFunction(item.functionName, field, input.timeZone)!;
    return { key, names: [key.toLowerCase(), (item.rawValue ?? '').toLowerCase()], compute: (group) => transform(aggregate.compute(group)) };
  }
  if (item.parameters.length !== 1 || typeof argument !== 'string') throw malformed(soql, locate(soql, item.functionName), `${item.functionName}() takes one field or one aggregate function.`);
  const path = resolvePath(input.access, soql, input.object, argument);
  if (!groupPaths.some((g) => g.canonical === path.canonical)) throw malformed(soql, locate(soql, argument), `Field must be grouped or aggregated: ${path.field.name}`);
  const transform = valueFunction(item.functionName, path.field, input.timeZone)!;
  const key = item.alias ?? path.field.name;
  return { key, names: [key.toLowerCase(), (item.rawValue ?? '').toLowerCase()], compute: (group) => transform(path.read(group[0]!)) };
}

/**
 * Orders groups by grouped fields, selected aggregates or aliases, or by an aggregate that is not selected
 * at all (`ORDER BY COUNT(Id) DESC`), which Salesforce allows.
 */
function orderGroups(input: AggregateInput, groups: SRecord[][], columns: OutputColumn[], groupPaths: FieldPath[]): SRecord[][] {
  const clauses = input.query.orderBy === undefined ? [] : Array.isArray(input.query.orderBy) ? input.query.orderBy : [input.query.orderBy];
  if (clauses.length === 0) return groups;
  const keys = clauses.map((clause) => {
    const text = ('field' in clause ? clause.field : clause.fn.rawValue ?? '').toLowerCase();
    let compute = columns.find((c) => c.names.includes(text))?.compute;
    if (!compute && 'field' in clause) {
      const path = groupPaths.find((g) => g.canonical.toLowerCase() === text || g.field.name.toLowerCase() === text);
      if (path) compute = (group) => path.read(group[0]!);
    }
    if (!compute && 'fn' in clause && clause.fn.functionName) {
      const fn = { type: 'FieldFunctionExpression', functionName: clause.fn.functionName, parameters: clause.fn.parameters ?? [], rawValue: clause.fn.rawValue, isAggregateFn: true } as FieldFunctionExpression;
      compute = aggregateColumn(input, fn, 'order').compute;
    }
    if (!compute) throw malformed(input.soql, locate(input.soql, 'ORDER'), `Ordered field must be grouped or aggregated: ${text}`);
    const descending = clause.order === 'DESC';
    return { values: groups.map(compute), descending, nullsFirst: clause.nulls ? clause.nulls === 'FIRST' : !descending };
  });
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v) as string | number;
  const order = groups.map((_, i) => i);
  order.sort((a, b) => {
    for (const key of keys) {
      const x = key.values[a];
      const y = key.values[b];
      if (x === y) continue;
      if (x === null || x === undefined) return key.nullsFirst ? -1 : 1;
      if (y === null || y === undefined) return key.nullsFirst ? 1 : -1;
      const cmp = lower(x) < lower(y) ? -1 : lower(x) > lower(y) ? 1 : 0;
      if (cmp !== 0) return key.descending ? -cmp : cmp;
    }
    return 0;
  });
  return order.map((i) => groups[i]!);
}

const COUNT_FIELD: FieldDescribe = { name: 'expr', label: 'expr', type: 'int', filterable: true, groupable: false };
const NUMBER_FIELD: FieldDescribe = { name: 'expr', label: 'expr', type: 'double', filterable: true, groupable: false };

/** HAVING: each condition tests an aggregate over the group (`COUNT(Id) > 1`) or a grouped field. */
function compileHaving(input: AggregateInput, groupPaths: FieldPath[]): ((group: SRecord[]) => boolean) | undefined {
  const { soql, query } = input;
  if (!query.having) return undefined;
  const searchFrom = locate(soql, 'HAVING');
  if (groupPaths.length === 0) throw malformed(soql, searchFrom, 'HAVING requires a GROUP BY clause.');
  return compileBoolean<SRecord[]>(query.having, (condition) => {
    const valued = condition as { fn?: FunctionExp; field?: string; operator: string; value?: string | string[]; literalType?: string | string[] };
    let compute: (group: SRecord[]) => unknown;
    let field: FieldDescribe;
    if (valued.fn) {
      const fn = { type: 'FieldFunctionExpression', functionName: valued.fn.functionName ?? '', parameters: valued.fn.parameters ?? [], rawValue: valued.fn.rawValue, isAggregateFn: true } as FieldFunctionExpression;
      compute = aggregateColumn(input, fn, 'having').compute;
      const name = fn.functionName.toUpperCase();
      const argument = typeof fn.parameters[0] === 'string' ? resolvePath(input.access, soql, input.object, fn.parameters[0]) : undefined;
      field = name === 'COUNT' || name === 'COUNT_DISTINCT' ? COUNT_FIELD : (name === 'MIN' || name === 'MAX') && argument ? argument.field : NUMBER_FIELD;
    } else {
      const path = resolvePath(input.access, soql, input.object, String(valued.field), searchFrom);
      if (!groupPaths.some((g) => g.canonical === path.canonical)) throw malformed(soql, locate(soql, String(valued.field), searchFrom, searchFrom), `Field must be grouped or aggregated: ${path.field.name}`);
      compute = (group) => path.read(group[0]!);
      field = path.field;
    }
    const raws = Array.isArray(valued.value) ? valued.value : [String(valued.value)];
    const types = Array.isArray(valued.literalType) ? valued.literalType : raws.map(() => valued.literalType as string | undefined);
    const operands = raws.map((raw, i) => operandOf(field, raw, types[i], { soql, nowMs: input.nowMs, searchFrom }));
    const operator = valued.operator.toUpperCase();
    const domain = domainOf(field);
    return (group) => {
      const value = comparableOf(domain, compute(group));
      if (operator === 'IN' || operator === 'NOT IN') {
        const found = operands.some((operand) => matchesOperand('=', value, operand));
        return operator === 'IN' ? found : !found;
      }
      return matchesOperand(operator, value, operands[0]!);
    };
  }, soql, searchFrom);
}
