import type { OrderByClause } from 'soql-parser-js';
import type { SObjectDescribe } from '../../core/describe';
import type { SRecord } from '../org/types';
import type { OrgAccess } from './context';
import { errorAt, locate } from './errors';
import { resolvePath } from './paths';
import { comparableOf, domainOf, type Comparable } from './values';

export interface SortKey {
  read(record: SRecord): Comparable | null;
  descending: boolean;
  nullsFirst: boolean;
}

export function orderByList(orderBy: OrderByClause | OrderByClause[] | undefined): OrderByClause[] {
  return orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
}

export function compileOrderBy(access: OrgAccess, soql: string, object: SObjectDescribe, orderBy: OrderByClause[], searchFrom: number): SortKey[] {
  return orderBy.map((clause) => {
    if (!('field' in clause)) {
      const name = clause.fn.functionName ?? 'function';
      throw errorAt(soql, locate(soql, name, searchFrom, searchFrom), 'MALFORMED_QUERY', `The emulator does not support ordering by ${name}() outside an aggregate query.`);
    }
    const path = resolvePath(access, soql, object, clause.field, searchFrom);
    if (path.field.sortable === false) {
      throw errorAt(soql, locate(soql, clause.field, searchFrom, searchFrom), 'INVALID_FIELD', `field '${path.field.name}' can not be sorted in a query call`);
    }
    const domain = domainOf(path.field);
    const descending = clause.order === 'DESC';
    // Salesforce puts nulls first in ascending order and last in descending order unless told otherwise.
    const nullsFirst = clause.nulls ? clause.nulls === 'FIRST' : !descending;
    return { read: (record: SRecord) => comparableOf(domain, path.read(record)), descending, nullsFirst };
  });
}

/**
 * Sorts record positions (not records) by the keys: each key's values are read once into an array, so
 * sorting 200,000 rows by a datetime compares precomputed strings only.
 */
export function sortPositions(positions: number[], rows: readonly SRecord[], keys: SortKey[]): number[] {
  if (keys.length === 0) return positions;
  const columns = keys.map((key) => positions.map((p) => key.read(rows[p]!)));
  const order = positions.map((_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const x = columns[k]![a]!;
      const y = columns[k]![b]!;
      if (x === y) continue;
      if (x === null) return key.nullsFirst ? -1 : 1;
      if (y === null) return key.nullsFirst ? 1 : -1;
      const cmp = x < y ? -1 : x > y ? 1 : 0;
      if (cmp !== 0) return key.descending ? -cmp : cmp;
    }
    return 0;
  });
  return order.map((i) => positions[i]!);
}
