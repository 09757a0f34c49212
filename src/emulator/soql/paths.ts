import type { FieldDescribe, SObjectDescribe } from '../../core/describe';
import type { SRecord } from '../org/types';
import { fieldOf, type OrgAccess } from './context';
import { locate, noSuchColumn, unknownRelationship } from './errors';

export interface RelationshipStep {
  /** Canonical relationship name, the key of the nested object in results (`Owner`, `Case__r`). */
  name: string;
  reference: FieldDescribe;
  /** The parent's describe; for a polymorphic lookup the `Name` entity, the fields every target shares. */
  target: SObjectDescribe;
  /** The parent record of an id and the object it belongs to, or undefined when there is none. */
  lookup(id: string): { record: SRecord; type: string } | undefined;
}

/**
 * What a polymorphic lookup (OwnerId pointing at a User or a queue) lets a query read without TYPEOF: the
 * fields of Salesforce's `Name` entity. `Owner.Department` is refused on such a lookup, as in a real org.
 */
const NAME_ENTITY: SObjectDescribe = {
  name: 'Name',
  label: 'Name',
  fields: [
    { name: 'Id', label: 'Name ID', type: 'id', filterable: true, groupable: true },
    { name: 'Alias', label: 'Alias', type: 'string', filterable: true, groupable: true },
    { name: 'Email', label: 'Email', type: 'email', filterable: true, groupable: true },
    { name: 'FirstName', label: 'First Name', type: 'string', filterable: true, groupable: true },
    { name: 'IsActive', label: 'Active', type: 'boolean', filterable: true, groupable: true },
    { name: 'LastName', label: 'Last Name', type: 'string', filterable: true, groupable: true },
    { name: 'Name', label: 'Full Name', type: 'string', filterable: true, groupable: true },
    { name: 'Title', label: 'Title', type: 'string', filterable: true, groupable: true },
    { name: 'Type', label: 'Type', type: 'picklist', filterable: true, groupable: true },
    { name: 'Username', label: 'Username', type: 'string', filterable: true, groupable: true },
  ],
};

/** A target record seen through the Name entity: its shared fields, and Type saying what it is (User, Queue). */
function asName(record: SRecord, type: string): SRecord {
  const view: SRecord = {};
  for (const field of NAME_ENTITY.fields) if (record[field.name] !== undefined) view[field.name] = record[field.name];
  view.Type = type === 'Group' ? (record.Type ?? 'Queue') : type;
  return view;
}

export function relationshipOf(access: OrgAccess, object: SObjectDescribe, name: string): RelationshipStep | undefined {
  const lower = name.toLowerCase();
  const reference = object.fields.find((f) => f.type === 'reference' && (f.relationshipName ?? '').toLowerCase() === lower);
  if (!reference) return undefined;
  const targets = reference.referenceTo ?? [];
  const relationshipName = reference.relationshipName as string;
  if (targets.length > 1) {
    return {
      name: relationshipName,
      reference,
      target: NAME_ENTITY,
      lookup(id) {
        for (const type of targets) {
          const record = access.recordById(type, id);
          if (record) return { record: asName(record, type), type };
        }
        return undefined;
      },
    };
  }
  const targetName = targets[0];
  const target = targetName ? access.describe(targetName) : undefined;
  const placeholder: SObjectDescribe = { name: targetName ?? 'Name', label: targetName ?? 'Name', fields: [{ name: 'Id', label: 'Id', type: 'id', filterable: true, groupable: true }] };
  const resolved = target ?? placeholder;
  return {
    name: relationshipName,
    reference,
    target: resolved,
    lookup(id) {
      const record = access.recordById(resolved.name, id);
      return record ? { record, type: resolved.name } : undefined;
    },
  };
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
      current = typeof id === 'string' ? step.lookup(id)?.record : undefined;
      if (!current) return null;
    }
    return current;
  };
  const name = field.name;
  const read = steps.length === 0 ? (record: SRecord) => record[name] ?? null : (record: SRecord) => holder(record)?.[name] ?? null;
  return { steps, field, object, canonical, read, holder };
}
