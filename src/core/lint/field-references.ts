import { type PathSegment, type Span, formatPath, nodeAt } from '../job/locate';
import type { Job, Source } from '../job/schema';
import type { JobDocument } from './types';

/** Where a job names a record field. Field names here are record keys, so their case matters. */
export interface FieldReference {
  name: string;
  path: PathSegment[];
  /** The string literal, quotes included. */
  span: Span;
  /** What the reference is, for messages: `mapping.fields[0].source`. */
  where: string;
  /** The dateField is checked by its own rule when it is not selected. */
  isDateField: boolean;
}

const DEFAULT_FIELD_KEYS = ['natural_id', 'document_date', 'source_value', 'feedback_type', 'job_name'] as const;
const CONVERSATION_KEYS = ['transcriptField', 'conversationIdField', 'textField', 'actorTypeField', 'actorNameField', 'entryTimeField'] as const;

/** The path of the field name inside a source, if the source names a field. */
function sourceFieldPath(source: Source | undefined, path: PathSegment[]): PathSegment[] | undefined {
  if (typeof source === 'string') return path;
  if (source && typeof source === 'object' && 'field' in source) return [...path, 'field'];
  return undefined;
}

function sourceFieldName(source: Source): string | undefined {
  if (typeof source === 'string') return source;
  return 'field' in source ? source.field : undefined;
}

/**
 * Several rules walk the same references; a job with thousands of mapped fields would otherwise locate
 * each one in the tree once per rule. The parse tree is made anew for every check, so it keys the cache.
 */
const referencesByTree = new WeakMap<JobDocument['root'], FieldReference[]>();

/** Every field name the job writes in its mapping, conversation, redactions and dateField. */
export function fieldReferences(doc: JobDocument, job: Partial<Job>): readonly FieldReference[] {
  const known = referencesByTree.get(doc.root);
  if (known) return known;
  const found = findFieldReferences(doc, job);
  referencesByTree.set(doc.root, found);
  return found;
}

function findFieldReferences(doc: JobDocument, job: Partial<Job>): FieldReference[] {
  const paths: PathSegment[][] = [];
  if (job.dateField !== undefined) paths.push(['dateField']);
  const mapping = job.mapping;
  if (mapping) {
    for (const key of DEFAULT_FIELD_KEYS) {
      const path = sourceFieldPath(mapping[key], ['mapping', key]);
      if (path) paths.push(path);
    }
    mapping.fields?.forEach((field, index) => {
      const path = sourceFieldPath(field.source, ['mapping', 'fields', index, 'source']);
      if (path) paths.push(path);
    });
    for (const key of CONVERSATION_KEYS) {
      if (mapping.conversation?.[key] !== undefined) paths.push(['mapping', 'conversation', key]);
    }
  }
  if (Array.isArray(job.redactions)) {
    // A redaction names document fields; a mapped field's name (which may differ from its source field)
    // is one, so only the names that are not a mapped field's are record fields to check.
    const documentNames = new Set((mapping?.fields ?? []).map((field) => field.name ?? sourceFieldName(field.source)));
    job.redactions.forEach((rule, index) => {
      if (typeof rule !== 'object') return;
      rule.fields?.forEach((name, fieldIndex) => {
        if (!documentNames.has(name)) paths.push(['redactions', index, 'fields', fieldIndex]);
      });
    });
  }
  const out: FieldReference[] = [];
  for (const path of paths) {
    const node = nodeAt(doc.root, path);
    if (node?.type !== 'string' || typeof node.value !== 'string') continue;
    out.push({
      name: node.value,
      path,
      span: { start: node.offset, end: node.offset + node.length },
      where: formatPath(path),
      isDateField: path.length === 1 && path[0] === 'dateField',
    });
  }
  return out;
}
