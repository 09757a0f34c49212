import { describeExprValue, explainExpression, type ExplainedPart, type ExprProblem, type ExprRecord, type ExprValue } from './expr';
import type { PathSegment } from './job/locate';

/**
 * XM Discover's connector filter has a "Test Value" box and a Test button that evaluates the filter on
 * values the user types. This is sfjob's version, shared by `sfjob test-expression` and the editor's
 * "Test expression" lens: it evaluates the job's filter (or an expression of a mapped field) on given
 * values, missing fields taken from a sample record, and explains the result part by part.
 */

export interface ExpressionTarget {
  /** "filter", or the mapped field's name. */
  label: string;
  /** Where the expression is written in the job file. */
  path: PathSegment[];
  text: string;
  purpose: 'filter' | 'value';
  /** A transform also sees VALUE, the field's value before the transform. */
  isTransform: boolean;
  /** A transform: the field whose value VALUE is by default. */
  sourceField?: string;
}

/**
 * Every expression of a job that can be tested: the filter, then each mapped field's expression source
 * or transform. The job may be any parsed JSON (the editor asks while the file is being typed), so
 * every shape is checked here rather than trusted.
 */
export function expressionTargets(job: unknown): ExpressionTarget[] {
  const targets: ExpressionTarget[] = [];
  if (!isObject(job)) return targets;
  if (typeof job.filter === 'string' && job.filter.trim() !== '') targets.push({ label: 'filter', path: ['filter'], text: job.filter, purpose: 'filter', isTransform: false });
  const fields = isObject(job.mapping) && Array.isArray(job.mapping.fields) ? job.mapping.fields : [];
  fields.forEach((field: unknown, index) => {
    if (!isObject(field)) return;
    const source = field.source;
    const sourceField = typeof source === 'string' ? source : isObject(source) && typeof source.field === 'string' ? source.field : undefined;
    const label = typeof field.name === 'string' ? field.name : (sourceField ?? `mapping.fields[${index}]`);
    if (isObject(source) && typeof source.expression === 'string') {
      targets.push({ label, path: ['mapping', 'fields', index, 'source', 'expression'], text: source.expression, purpose: 'value', isTransform: false });
    }
    if (isObject(field.transform) && typeof field.transform.expression === 'string') {
      targets.push({
        label,
        path: ['mapping', 'fields', index, 'transform', 'expression'],
        text: field.transform.expression,
        purpose: 'value',
        isTransform: true,
        ...(sourceField ? { sourceField } : {}),
      });
    }
  });
  return targets;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The fields an expression reads, in the order they first appear (VALUE included for a transform). */
export function fieldsOf(text: string): string[] {
  const result = explainExpression(text, {}, { now: new Date(0) });
  if (!result.ok) return [];
  const seen: string[] = [];
  for (const part of [...result.parts].sort((a, b) => a.start - b.start)) if (part.kind === 'field' && !seen.includes(part.text)) seen.push(part.text);
  return seen;
}

/**
 * A value typed by a person: JSON when it reads as a JSON number, true/false, null or a quoted string,
 * otherwise the text as it is. So `Amount=12` is the number 12, `Name="12"` the text "12", `Note=` blank text,
 * and `Status=Closed` the text "Closed".
 */
export function parseTypedValue(text: string): unknown {
  const trimmed = text.trim();
  if (/^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null|"(?:[^"\\]|\\.)*")$/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export interface TestedValue {
  field: string;
  value: unknown;
  /** Where the value came from. */
  from: 'given' | 'sample' | 'missing';
}

export type ExpressionTest =
  | { ok: true; target: ExpressionTarget; value: ExprValue; parts: ExplainedPart[]; inputs: TestedValue[]; outcome?: 'kept' | 'dropped' }
  | { ok: false; target: ExpressionTarget; problems: ExprProblem[] };

/**
 * Evaluates the target on `given` values; a field not given is read from `sample` (a sample record), and
 * is blank when the sample does not have it either. For a transform, VALUE defaults to the source field's value.
 */
export function testExpression(
  target: ExpressionTarget,
  given: Readonly<Record<string, unknown>>,
  sample: ExprRecord | undefined,
  now: Date,
  filterAction: 'include' | 'exclude' = 'include',
): ExpressionTest {
  const record: Record<string, unknown> = { ...(sample ?? {}) };
  for (const [field, value] of Object.entries(given)) setPath(record, field, value);
  // VALUE is the source field's value: a value given for that field counts, the sample's otherwise.
  const valueFrom = target.isTransform && !Object.hasOwn(given, 'VALUE') && target.sourceField !== undefined ? target.sourceField : undefined;
  if (valueFrom !== undefined) record.VALUE = readPath(record, valueFrom);
  const explained = explainExpression(target.text, record, { now }, { expect: target.purpose === 'filter' ? 'boolean' : 'any' });
  if (!explained.ok) return { ok: false, target, problems: explained.problems };
  const inputs: TestedValue[] = fieldsOf(target.text).map((field) => {
    if (Object.hasOwn(given, field)) return { field, value: given[field], from: 'given' };
    if (field === 'VALUE' && valueFrom !== undefined) {
      return { field: `VALUE (${valueFrom})`, value: record.VALUE ?? null, from: Object.hasOwn(given, valueFrom) ? 'given' : record.VALUE === undefined ? 'missing' : 'sample' };
    }
    const value = readPath(sample, field);
    return { field, value: value ?? null, from: value === undefined ? 'missing' : 'sample' };
  });
  const outcome = target.purpose === 'filter' ? ((explained.value === true) === (filterAction === 'include') ? 'kept' : 'dropped') : undefined;
  return { ok: true, target, value: explained.value, parts: explained.parts, inputs, ...(outcome ? { outcome } : {}) };
}

/** The test as lines for people: the expression, the values used, the result, and why. */
export function explanationLines(test: ExpressionTest, filterAction: 'include' | 'exclude' = 'include'): string[] {
  const lines = [`${test.target.label}: ${test.target.text}`];
  if (!test.ok) {
    for (const problem of test.problems) lines.push(`  problem at ${problem.start + 1}: ${problem.message}`);
    return lines;
  }
  if (test.inputs.length > 0) {
    lines.push('values:');
    for (const input of test.inputs) lines.push(`  ${input.field} = ${describeInput(input.value)} (${input.from === 'given' ? 'given' : input.from === 'sample' ? 'from the sample record' : 'not given and not in the sample: blank'})`);
  }
  const whole = test.parts.find((part) => part.depth === 0);
  lines.push(`result: ${describeExprValue(test.value, whole?.type)}`);
  if (test.outcome) {
    lines.push(
      `  the record is ${test.outcome === 'kept' ? 'kept' : 'dropped'} (filterAction ${filterAction}: records whose filter is true are ${filterAction === 'include' ? 'kept' : 'dropped'}; blank counts as false)`,
    );
  }
  lines.push('why:');
  const ordered = [...test.parts].sort((a, b) => a.start - b.start || a.depth - b.depth);
  for (const part of ordered) lines.push(`  ${'  '.repeat(part.depth)}${part.text} → ${describeExprValue(part.value, part.type)}`);
  return lines;
}

function describeInput(value: unknown): string {
  if (value === null || value === undefined) return 'blank';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A field's value, following a relationship path (`Owner.Name`) through nested objects; a flattened key counts too. */
function readPath(record: ExprRecord | undefined, path: string): unknown {
  if (!record) return undefined;
  if (Object.hasOwn(record, path)) return record[path];
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Sets a field by its path, creating nested objects for a relationship path, without touching prototypes. */
function setPath(record: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  if (segments.length === 1) {
    Object.defineProperty(record, path, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  let current = record;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    const object = next !== null && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
    Object.defineProperty(current, segment, { value: object, enumerable: true, writable: true, configurable: true });
    current = object;
  }
  Object.defineProperty(current, segments[segments.length - 1], { value, enumerable: true, writable: true, configurable: true });
}
