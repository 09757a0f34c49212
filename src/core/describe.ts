/**
 * The subset of Salesforce describe data the checks use, in Salesforce's own shape
 * (`GET /services/data/vNN.0/sobjects/X/describe`), so a cached describe file can be read as it is.
 */
export interface FieldDescribe {
  name: string;
  label: string;
  /** Salesforce's field type: id, string, textarea, date, datetime, reference, double, int, boolean, picklist, … */
  type: string;
  filterable: boolean;
  groupable: boolean;
  sortable?: boolean;
  nillable?: boolean;
  length?: number;
  relationshipName?: string | null;
  referenceTo?: string[];
}

export interface ChildRelationship {
  relationshipName: string | null;
  childSObject: string;
  field: string;
}

export interface SObjectDescribe {
  name: string;
  label: string;
  queryable?: boolean;
  fields: FieldDescribe[];
  childRelationships?: ChildRelationship[];
}

/** Describe data known for an org; lookups ignore case, as SOQL does. */
export interface DescribeSource {
  object(name: string): SObjectDescribe | undefined;
  /** Every object name known, for completion and "did you mean". */
  objectNames(): string[];
  /**
   * True when the org answered that it has no such object. Describe data is partial knowledge: an object
   * that is merely not described yet is not absent, and only an absent one is an unknown object.
   */
  isAbsent?(name: string): boolean;
}

export const DATE_TYPES: ReadonlySet<string> = new Set(['date', 'datetime']);

/** Describe data from described objects, and the names the org said it does not have. */
export function describeSourceOf(objects: readonly SObjectDescribe[], absent: readonly string[] = []): DescribeSource {
  const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
  const lacking = new Set(absent.map((name) => name.toLowerCase()));
  return {
    object: (name) => byName.get(name.toLowerCase()),
    objectNames: () => objects.map((o) => o.name),
    isAbsent: (name) => !byName.has(name.toLowerCase()) && lacking.has(name.toLowerCase()),
  };
}

export function findField(object: SObjectDescribe, name: string): FieldDescribe | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.name.toLowerCase() === lower);
}
