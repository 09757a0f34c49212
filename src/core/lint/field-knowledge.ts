import { type DescribeSource, type FieldDescribe, type SObjectDescribe, findField } from '../describe';
import { type ExprType, exprTypeOfSalesforceType } from '../expr';
import type { SampleRecords } from './sample';
import { standardField } from './standard-fields';

/** The exact spelling of a field and who vouches for it. */
export interface Spelling {
  name: string;
  /** For messages: "the sample records (cases.sample.json)". */
  origin: string;
}

/**
 * What the checks may trust about the record fields of a job: their exact spelling and their type. Both
 * come from authorities only, in this order: the sample's records (what Salesforce really returned), the
 * org's describe data, the standard fields' known names and types. The query's SELECT list is not one:
 * Salesforce returns its own spelling whatever the query says. Where no authority knows a field, the
 * answer is "not known" and the checks stay quiet.
 */
export interface FieldKnowledge {
  spelling(path: string): Spelling | undefined;
  type(path: string): ExprType;
}

export interface KnowledgeSources {
  sample?: SampleRecords;
  describe?: DescribeSource;
  /** The queried object, when the query names one. */
  object?: string;
}

/** Caches per field path: the same names are asked about by several rules. */
export function fieldKnowledge(sources: KnowledgeSources): FieldKnowledge {
  const sampleKeys = new Map<string, string>();
  for (const key of sources.sample?.keys ?? []) if (!sampleKeys.has(key.toLowerCase())) sampleKeys.set(key.toLowerCase(), key);
  const described = sources.describe && sources.object ? sources.describe.object(sources.object) : undefined;
  const spellings = new Map<string, Spelling | undefined>();
  const types = new Map<string, ExprType>();

  const spelling = (path: string): Spelling | undefined => {
    const lower = path.toLowerCase();
    if (!spellings.has(lower)) spellings.set(lower, findSpelling(path));
    return spellings.get(lower);
  };
  const findSpelling = (path: string): Spelling | undefined => {
    const fromSample = sampleKeys.get(path.toLowerCase());
    if (fromSample !== undefined) return { name: fromSample, origin: `the sample records (${sources.sample?.path})` };
    const fromDescribe = sources.describe && described ? describedPath(sources.describe, described, path) : undefined;
    if (fromDescribe) return { name: fromDescribe.name, origin: `the org's describe data for ${described?.name}` };
    const standard = standardField(described?.name ?? sources.object, path);
    return standard ? { name: standard.name, origin: 'the standard fields of Salesforce' } : undefined;
  };

  const type = (path: string): ExprType => {
    const lower = path.toLowerCase();
    let known = types.get(lower);
    if (known === undefined) {
      known = findType(path);
      types.set(lower, known);
    }
    return known;
  };
  const findType = (path: string): ExprType => {
    const fromDescribe = sources.describe && described ? describedPath(sources.describe, described, path) : undefined;
    if (fromDescribe) return exprTypeOfSalesforceType(fromDescribe.type);
    const fromSample = sources.sample ? sampleType(sources.sample.records, spelling(path)?.name ?? path) : undefined;
    if (fromSample) return fromSample;
    return standardField(described?.name ?? sources.object, path)?.type ?? 'unknown';
  };

  return { spelling, type };
}

/**
 * Follows a path through describe data keeping the org's spelling of every segment. Undefined when an
 * object on the way is not described, or the field is not there (unknown-field reports that).
 */
function describedPath(describe: DescribeSource, object: SObjectDescribe, path: string): { name: string; type: string } | undefined {
  const segments = path.split('.');
  const spelled: string[] = [];
  let current: SObjectDescribe | undefined = object;
  for (const segment of segments.slice(0, -1)) {
    const lower = segment.toLowerCase();
    const reference: FieldDescribe | undefined = current.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
    if (!reference?.relationshipName) return undefined;
    spelled.push(reference.relationshipName);
    const targets: readonly string[] = reference.referenceTo ?? [];
    // A polymorphic lookup's target is not known without TYPEOF; its relationship name still is.
    current = targets.length === 1 ? describe.object(targets[0]) : undefined;
    if (!current) return undefined;
  }
  const field = findField(current, segments[segments.length - 1]);
  return field ? { name: [...spelled, field.name].join('.'), type: field.type } : undefined;
}

const SALESFORCE_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;
const SALESFORCE_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Salesforce's time fields come back as `10:00:00.000Z`; the expression language has no time type. */
const SALESFORCE_TIME = /^\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?$/;

function valueAt(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function typeOfValue(value: unknown): ExprType | undefined {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value !== 'string') return 'unknown';
  if (SALESFORCE_DATETIME.test(value)) return 'datetime';
  if (SALESFORCE_DATE.test(value)) return 'date';
  if (SALESFORCE_TIME.test(value)) return 'unknown';
  return 'text';
}

/**
 * The type the sample's values show: every non-blank value of one kind. Values of several kinds, or
 * only blanks, say nothing (undefined), and the next authority is asked.
 */
function sampleType(records: readonly Record<string, unknown>[], path: string): ExprType | undefined {
  let found: ExprType | undefined;
  for (const record of records) {
    const value = valueAt(record, path);
    if (value === null || value === undefined) continue;
    const type = typeOfValue(value);
    if (found === undefined) found = type;
    else if (found !== type) return undefined;
  }
  return found === 'unknown' ? undefined : found;
}
