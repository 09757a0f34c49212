import type { FieldDescribe, SObjectDescribe } from '../../core/describe';
import type { SRecord } from '../org/types';
import { fieldOf, type OrgAccess } from './context';
import { locate, noSuchColumn, unknownRelationship } from './errors';

export interface RelationshipStep {
  /** Canonical relationship name, the key of the nested object in results (`Owner`, `Case__r`). */
  name: string;
  reference: FieldDescribe;
  target: SObjectDescribe;
}

/** A resolved field reference such as `Owner.Name`: canonical names and a reader over records. */
export interface FieldPath {
  steps: RelationshipStep[];
  field: FieldDescribe;
  object: SObjectDescribe;
  /** Canonical dotted name, `Owner.Name`. */
  canonical: string;
  read(record: SRecord): unknown;
  /** The record holding the final field (the root or a parent), or null where a lookup is empty. */
  holder(record: SRecord): SRecord | null;
}

export function relationshipOf(access: OrgAccess, object: SObjectDescribe, name: string): RelationshipStep | undefined {
  const lower = name.toLowerCase();
  const reference = object.fields.find((f) => f.type === 'reference' && (f.relationshipName ?? '').toLowerCase() === lower);
  if (!reference) return undefined;
  const targetName = reference.referenceTo?.[0];
  const target = targetName ? access.describe(targetName) : undefined;
  const placeholder: SObjectDescribe = { name: targetName ?? 'Name', label: targetName ?? 'Name', fields: [{ name: 'Id', label: 'Id', type: 'id', filterable: true, groupable: true }] };
  return { name: reference.relationshipName as string, reference, target: target ?? placeholder };
}

/**
 * Resolves `a.b.c` from `root`, ignoring case and allowing the object's own name as a prefix (`Case.Subject`).
 * Throws Salesforce's INVALID_FIELD errors, pointing at the name in the statement.
 */
export function resolvePath(access: OrgAccess, soql: string, root: SObjectDescribe, dotted: string, searchFrom = 0): FieldPath {
  const parts = dotted.split('.');
  if (parts.length > 1 && parts[0]!.toLowerCase() === root.name.toLowerCase() && !relationshipOf(access, root, parts[0]!)) parts.shift();
  const steps: RelationshipStep[] = [];
  let object = root;
  for (const part of parts.slice(0, -1)) {
    const step = relationshipOf(access, object, part);
    if (!step) throw unknownRelationship(soql, locate(soql, part, searchFrom, searchFrom), part);
    steps.push(step);
    object = step.target;
  }
  const last = parts[parts.length - 1]!;
  const field = fieldOf(object, last);
  if (!field) {
    // Salesforce names only the last segment and the object it looked on, with the caret at the path's start.
    throw noSuchColumn(soql, locate(soql, parts.length > 1 ? dotted : last, searchFrom, searchFrom), last, object.name);
  }
  const canonical = [...steps.map((s) => s.name), field.name].join('.');
  const holder = (record: SRecord): SRecord | null => {
    let current: SRecord | undefined = record;
    for (const step of steps) {
      const id: unknown = current[step.reference.name];
      current = typeof id === 'string' ? access.recordById(step.target.name, id) : undefined;
      if (!current) return null;
    }
    return current;
  };
  const name = field.name;
  const read = steps.length === 0 ? (record: SRecord) => record[name] ?? null : (record: SRecord) => holder(record)?.[name] ?? null;
  return { steps, field, object, canonical, read, holder };
}
