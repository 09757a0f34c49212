import type { FieldFunctionExpression, FieldType, Query, Subquery } from 'soql-parser-js';
import type { SObjectDescribe } from '../../core/describe';
import type { SRecord } from '../org/types';
import type { OrgAccess } from './context';
import type { ColumnMetadata } from './types';
import { locate, malformed, unknownChildRelationship } from './errors';
import { VALUE_FUNCTIONS, valueFunction, type ValueFunction } from './functions';
import { resolvePath, type FieldPath, type RelationshipStep } from './paths';

/** A child subquery in the select list, `(SELECT Id FROM Cases)`, resolved to the child object and its reference field. */
export interface ChildColumn {
  relationshipName: string;
  child: SObjectDescribe;
  field: string;
  query: Subquery;
  searchFrom: number;
}

/** The shape of one result record: fields, parents (merged per relationship) and child subqueries, in select order. */
export interface RecordShape {
  type: string;
  entries: ShapeEntry[];
}

export type ShapeEntry =
  | { kind: 'field'; name: string; transform?: ValueFunction }
  /** An aliased `toLabel(x) label` or `FORMAT(x) text`: the value of a path under the alias, at the top level. */
  | { kind: 'computed'; key: string; path: FieldPath; transform: ValueFunction }
  | { kind: 'parent'; name: string; referenceField: string; shape: RecordShape; step: RelationshipStep }
  | { kind: 'children'; column: ChildColumn };

export interface SelectPlan {
  paths: FieldPath[];
  children: ChildColumn[];
  shape: RecordShape;
  /** The FIELDS() function used, if any, which limits the query to 200 rows. */
  fieldsFunction?: { kind: string; offset: number };
}

const FIELDS_KINDS = new Set(['ALL', 'STANDARD', 'CUSTOM']);

/** Adds a field to the shape; Salesforce refuses a field selected twice, so a repeat is reported to the caller. */
function addPath(shape: RecordShape, path: FieldPath, transform?: ValueFunction): boolean {
  let current = shape;
  for (const step of path.steps) {
    let parent = current.entries.find((e): e is Extract<ShapeEntry, { kind: 'parent' }> => e.kind === 'parent' && e.name === step.name);
    if (!parent) {
      parent = { kind: 'parent', name: step.name, referenceField: step.reference.name, shape: { type: step.target.name, entries: [] }, step };
      current.entries.push(parent);
    }
    current = parent.shape;
  }
  if (current.entries.some((e) => e.kind === 'field' && e.name === path.field.name)) return false;
  current.entries.push({ kind: 'field', name: path.field.name, ...(transform ? { transform } : {}) });
  return true;
}

/** The column metadata of a record shape: fields, parents with their columns nested, child subqueries as aggregates. */
export function columnsOf(shape: RecordShape): ColumnMetadata[] {
  return shape.entries.map((entry) => {
    if (entry.kind === 'field') return column(entry.name, false, []);
    if (entry.kind === 'computed') return column(entry.key, false, []);
    if (entry.kind === 'parent') return column(entry.name, false, columnsOf(entry.shape));
    return column(entry.column.relationshipName, true, []);
  });
}

function column(name: string, aggregate: boolean, joinColumns: ColumnMetadata[]): ColumnMetadata {
  return { aggregate, columnName: name, displayName: name, custom: name.endsWith('__c') || name.endsWith('__r'), joinColumns };
}

function subqueryStart(soql: string, relationshipName: string): number {
  const match = new RegExp(`\\bFROM\\s+${relationshipName.replace(/[^\w]/g, '')}\\b`, 'i').exec(soql);
  return match ? Math.max(0, soql.lastIndexOf('(', match.index)) : 0;
}

export function planSelect(access: OrgAccess, soql: string, object: SObjectDescribe, fields: FieldType[], searchFrom: number, allowChildren: boolean, timeZone = 'UTC'): SelectPlan {
  const plan: SelectPlan = { paths: [], children: [], shape: { type: object.name, entries: [] } };
  for (const item of fields) {
    if (item.type === 'FieldFunctionExpression' && VALUE_FUNCTIONS.has(item.functionName.toUpperCase())) {
      addValueFunction(plan, { access, soql, object, searchFrom, timeZone }, item);
      continue;
    }
    if (item.type === 'Field' || item.type === 'FieldRelationship') {
      const dotted = item.type === 'Field' ? item.field : (item.rawValue ?? [...item.relationships, item.field].join('.'));
      const path = resolvePath(access, soql, object, dotted, searchFrom);
      plan.paths.push(path);
      if (!addPath(plan.shape, path)) {
        const first = locate(soql, dotted, searchFrom, searchFrom);
        throw malformed(soql, locate(soql, dotted, first + 1, first), `duplicate field selected: ${path.canonical}`);
      }
    } else if (item.type === 'FieldSubquery' && allowChildren) {
      const column = childColumn(access, soql, object, item.subquery);
      plan.children.push(column);
      plan.shape.entries.push({ kind: 'children', column });
    } else if (item.type === 'FieldFunctionExpression' && item.functionName.toUpperCase() === 'FIELDS') {
      const kind = String(item.parameters[0] ?? '').toUpperCase();
      const offset = locate(soql, 'FIELDS', searchFrom, searchFrom);
      if (!FIELDS_KINDS.has(kind)) throw malformed(soql, offset, `unexpected token: '${kind}'`);
      plan.fieldsFunction = { kind, offset };
      for (const field of object.fields) {
        const custom = field.name.endsWith('__c');
        if (kind === 'ALL' || (kind === 'CUSTOM') === custom) {
          const path = resolvePath(access, soql, object, field.name, searchFrom);
          plan.paths.push(path);
          addPath(plan.shape, path);
        }
      }
    } else {
      const raw = item.type === 'FieldTypeof' ? 'TYPEOF' : 'rawValue' in item && item.rawValue ? item.rawValue : item.type;
      throw malformed(soql, locate(soql, raw.split('(')[0]!, searchFrom, searchFrom), `The emulator does not support '${raw}' in the select list of a non-aggregate query.`);
    }
  }
  return plan;
}

interface FunctionScope {
  access: OrgAccess;
  soql: string;
  object: SObjectDescribe;
  searchFrom: number;
  timeZone: string;
}

/**
 * `toLabel(Status)` comes back under the field's own name (nested under its parent for `toLabel(Owner.Type)`),
 * so it cannot sit beside a plain `Status`; with an alias it comes back under the alias.
 */
function addValueFunction(plan: SelectPlan, scope: FunctionScope, item: FieldFunctionExpression): void {
  const { soql, searchFrom } = scope;
  const argument = item.parameters[0];
  const at = locate(soql, item.functionName, searchFrom, searchFrom);
  if (item.parameters.length !== 1 || typeof argument !== 'string') {
    throw malformed(soql, at, `${item.functionName}() takes one field here; an aggregate inside it makes the query an aggregate query.`);
  }
  const path = resolvePath(scope.access, soql, scope.object, argument, searchFrom);
  const transform = valueFunction(item.functionName, path.field, scope.timeZone)!;
  plan.paths.push(path);
  if (item.alias) {
    plan.shape.entries.push({ kind: 'computed', key: item.alias, path, transform });
    return;
  }
  if (!addPath(plan.shape, path, transform)) throw malformed(soql, at, `duplicate field selected: ${path.canonical}`);
}

function childColumn(access: OrgAccess, soql: string, parent: SObjectDescribe, subquery: Subquery): ChildColumn {
  const name = subquery.relationshipName;
  const relationship = (parent.childRelationships ?? []).find((r) => (r.relationshipName ?? '').toLowerCase() === name.toLowerCase());
  const start = subqueryStart(soql, name);
  const child = relationship ? access.describe(relationship.childSObject) : undefined;
  if (!relationship || !child) throw unknownChildRelationship(soql, locate(soql, name, start, start), name);
  return { relationshipName: relationship.relationshipName as string, child, field: relationship.field, query: subquery, searchFrom: start };
}

/** Serializes a record as Salesforce does: attributes first, then the selected fields, parents nested (or null). */
/**
 * Serializes a record as Salesforce does: attributes first, then the selected fields, parents nested (or
 * null). A parent reached through a polymorphic lookup has the type `Name` and the URL of its real object.
 */
export function serializeRecord(record: SRecord, shape: RecordShape, urlBase: string, children: (column: ChildColumn, parent: SRecord) => unknown, objectType = shape.type): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: shape.type, url: `${urlBase}/${objectType}/${String(record.Id)}` } };
  for (const entry of shape.entries) {
    if (entry.kind === 'field') out[entry.name] = entry.transform ? entry.transform(record[entry.name] ?? null) : (record[entry.name] ?? null);
    else if (entry.kind === 'computed') out[entry.key] = entry.transform(entry.path.read(record));
    else if (entry.kind === 'parent') {
      const id = record[entry.referenceField];
      const parent = typeof id === 'string' ? entry.step.lookup(id) : undefined;
      out[entry.name] = parent ? serializeRecord(parent.record, entry.shape, urlBase, children, parent.type) : null;
    } else out[entry.column.relationshipName] = children(entry.column, record);
  }
  return out;
}

export function isAggregateQuery(query: Query | Subquery): boolean {
  const groupBy = query.groupBy;
  if (groupBy && (!Array.isArray(groupBy) || groupBy.length > 0)) return true;
  return (query.fields ?? []).some((f) => f.type === 'FieldFunctionExpression' && containsAggregate(f));
}

/** `COUNT(Id)`, or a function wrapped around one: `FORMAT(MIN(CreatedDate))` is still an aggregate. */
export function containsAggregate(fn: FieldFunctionExpression): boolean {
  if (fn.isAggregateFn === true && fn.functionName.toUpperCase() !== 'DAY_ONLY') return true;
  return fn.parameters.some((p) => typeof p === 'object' && p !== null && (p as FieldFunctionExpression).type === 'FieldFunctionExpression' && containsAggregate(p as FieldFunctionExpression));
}
