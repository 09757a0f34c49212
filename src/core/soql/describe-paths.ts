import { findField, type DescribeSource, type FieldDescribe, type SObjectDescribe } from '../describe';

export type FieldPathResolution =
  | { status: 'found'; field: FieldDescribe; object: SObjectDescribe }
  /** The name at `segmentIndex` of the path is not a field (or relationship) of `object`. */
  | { status: 'missing'; object: SObjectDescribe; segment: string; segmentIndex: number }
  /** The describe data does not reach far enough to tell (an object on the way is not cached). */
  | { status: 'unresolved' };

/**
 * Follows a field path like `Owner.Name` or `Account.Owner.CreatedDate` through describe data:
 * every segment but the last is a relationship name, the last a field. Case is ignored, as in SOQL.
 */
export function resolveFieldPath(describe: DescribeSource, objectName: string, path: string): FieldPathResolution {
  let object = describe.object(objectName);
  if (!object) return { status: 'unresolved' };
  const segments = path.split('.');
  for (let i = 0; i < segments.length - 1; i++) {
    const lower = segments[i].toLowerCase();
    const reference = object.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
    if (!reference) return { status: 'missing', object, segment: segments[i], segmentIndex: i };
    // A polymorphic lookup (Owner, What) points at several objects; without TYPEOF only the common
    // Name-like fields are known, so the rest of the path cannot be judged.
    const targets = reference.referenceTo ?? [];
    if (targets.length !== 1) return { status: 'unresolved' };
    const next = describe.object(targets[0]);
    if (!next) return { status: 'unresolved' };
    object = next;
  }
  const last = segments[segments.length - 1];
  const field = findField(object, last);
  if (!field) return { status: 'missing', object, segment: last, segmentIndex: segments.length - 1 };
  return { status: 'found', field, object };
}

/**
 * How a window compares the dateField: `date` fields take `YYYY-MM-DD` literals, everything else full
 * timestamps. Without describe data reaching the field, datetime (the common case) is assumed.
 */
export function dateFieldTypeOf(describe: DescribeSource | undefined, objectName: string | undefined, dateField: string): 'date' | 'datetime' {
  const resolved = describe && objectName ? resolveFieldPath(describe, objectName, dateField) : undefined;
  return resolved?.status === 'found' && resolved.field.type === 'date' ? 'date' : 'datetime';
}

/** Names the user may have meant: the closest few by edit distance, ignoring case. */
export function closestNames(wanted: string, names: readonly string[], limit = 3): string[] {
  const lower = wanted.toLowerCase();
  const threshold = Math.max(2, Math.floor(wanted.length / 3));
  return names
    .map((name) => ({ name, distance: editDistance(lower, name.toLowerCase()) }))
    .filter((c) => c.distance <= threshold)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}

/** Levenshtein distance with one rolling row. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
