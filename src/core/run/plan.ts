import type { MappedField, Source, Transform } from '../job/schema';
import type { ResolvedJob } from '../job/resolve';
import type { RedactionRule, SubstitutionRule } from './rule-files';
import type { SfRecord } from './types';

/**
 * A job compiled once per run: expressions parsed, patterns compiled, defaults applied. The expression
 * language and the regex engine are passed in, so the stages work with whatever the host compiled and
 * the plan is the one place a bad job is refused, before any record is read.
 */

export interface CompiledExpression {
  evaluate(record: SfRecord, env: { now: Date }): unknown;
}

/**
 * Compiles an expression (a filter must give true/false; a value may give anything); throws an Error
 * whose message says what is wrong.
 */
export type ExpressionCompiler = (text: string, purpose: 'filter' | 'value') => CompiledExpression;

/** A compiled pattern; both operations run in time linear in the text. */
export interface TextPattern {
  /** Replaces every match; `$1` in the replacement is group 1, `$&` the match, `$$` a dollar sign. */
  replace(text: string, replacement: string): string;
  /** Replaces every match with the mask, taken literally, and counts the matches. */
  mask(text: string, mask: string): { text: string; count: number };
}

export type PatternCompiler = (pattern: string) => { ok: true; pattern: TextPattern } | { ok: false; message: string };

export interface Compilers {
  compileExpression: ExpressionCompiler;
  compilePattern: PatternCompiler;
}

export type ValueReader = (record: SfRecord, now: Date) => unknown;

export interface CompiledField {
  name: string;
  type: MappedField['type'];
  read: ValueReader;
  /** The source field's name, for redaction rules that name fields. */
  sourceField?: string;
}

export interface CompiledRedaction {
  pattern: TextPattern;
  mask: string;
  /** Names of attributes/verbatims it applies to; undefined means every text field and the turns. */
  fields?: ReadonlySet<string>;
  /** Whether it applies to the conversation's turns. */
  turns: boolean;
}

export interface RunPlan {
  job: ResolvedJob;
  naturalId: ValueReader;
  documentDate: ValueReader;
  /**
   * True when document_date is the dateField of the record itself (the default, except for sms, whose
   * units carry the latest row's date): the date normalized for the watermark can then be reused.
   */
  documentDateIsRecordDate: boolean;
  sourceValue: ValueReader;
  feedbackType: ValueReader;
  jobName: ValueReader;
  fields: CompiledField[];
  filter?: { expression: CompiledExpression; action: 'include' | 'exclude' };
  substitutions: SubstitutionRule[];
  redactions: CompiledRedaction[];
  /** The text rules as written, for content hashes: a change of rules is a change of every document. */
  rulesFingerprint: string;
}

export const DEFAULT_MASK = '[REDACTED]';

export type PlanResult = { ok: true; plan: RunPlan } | { ok: false; problems: string[] };

export function compileRunPlan(job: ResolvedJob, rules: { substitutions: SubstitutionRule[]; redactions: RedactionRule[] }, compilers: Compilers): PlanResult {
  const problems: string[] = [];
  const source = (value: Source, where: string): ValueReader => compileSource(value, where, compilers, problems);

  const fields: CompiledField[] = job.mapping.fields.map((field, index) => {
    const where = `mapping.fields[${index}]`;
    const sourceField = sourceFieldName(field.source);
    const name = field.name ?? sourceField;
    if (name === undefined) problems.push(`${where} needs a "name": its source is not a field, so there is no name to default to`);
    const read = source(field.source, `${where}.source`);
    const transform = field.transform ? compileTransform(field.transform, `${where}.transform`, compilers, problems) : undefined;
    const compiled: CompiledField = { name: name ?? `field${index + 1}`, type: field.type, read: transform ? (record, now) => transform(read(record, now), record, now) : read };
    if (sourceField !== undefined) compiled.sourceField = sourceField;
    return compiled;
  });

  let filter: RunPlan['filter'];
  if (job.filter !== undefined && job.filter.trim() !== '') {
    const expression = compileExpressionSafely(job.filter, 'filter', compilers, problems, 'filter');
    if (expression) filter = { expression, action: job.filterAction };
  }

  const conversationField = job.feedbackType === 'chat' ? job.mapping.conversation.transcriptField : job.feedbackType === 'sms' ? job.mapping.conversation.textField : undefined;
  const redactions: CompiledRedaction[] = [];
  rules.redactions.forEach((rule, index) => {
    const compiled = compilers.compilePattern(rule.pattern);
    if (!compiled.ok) {
      problems.push(`redactions[${index}]: the pattern ${JSON.stringify(rule.pattern)} does not compile: ${compiled.message}`);
      return;
    }
    const fieldSet = rule.fields ? new Set(rule.fields) : undefined;
    redactions.push({
      pattern: compiled.pattern,
      mask: rule.mask ?? DEFAULT_MASK,
      ...(fieldSet ? { fields: fieldSet } : {}),
      turns: !fieldSet || (conversationField !== undefined && fieldSet.has(conversationField)),
    });
  });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      job,
      naturalId: source(job.mapping.natural_id, 'mapping.natural_id'),
      documentDate: source(job.mapping.document_date, 'mapping.document_date'),
      documentDateIsRecordDate: job.feedbackType !== 'sms' && sourceFieldName(job.mapping.document_date) === job.dateField,
      sourceValue: source(job.mapping.source_value, 'mapping.source_value'),
      feedbackType: source(job.mapping.feedback_type, 'mapping.feedback_type'),
      jobName: source(job.mapping.job_name, 'mapping.job_name'),
      fields,
      ...(filter ? { filter } : {}),
      substitutions: rules.substitutions,
      redactions,
      rulesFingerprint: JSON.stringify([rules.substitutions, rules.redactions]),
    },
  };
}

function sourceFieldName(source: Source): string | undefined {
  if (typeof source === 'string') return source;
  if ('field' in source) return source.field;
  return undefined;
}

function compileSource(source: Source, where: string, compilers: Compilers, problems: string[]): ValueReader {
  if (typeof source === 'string') return fieldReader(source);
  if ('field' in source) return fieldReader(source.field);
  if ('value' in source) {
    const constant = source.value;
    return () => constant;
  }
  const expression = compileExpressionSafely(source.expression, where, compilers, problems);
  return expression ? (record, now) => expression.evaluate(record, { now }) : () => undefined;
}

function fieldReader(path: string): ValueReader {
  // Resolved here rather than through readField so the common flat case costs one property read.
  if (!path.includes('.')) return (record) => record[path];
  const parts = path.split('.');
  return (record) => {
    if (path in record) return record[path];
    let value: unknown = record;
    for (const part of parts) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  };
}

function compileExpressionSafely(text: string, where: string, compilers: Compilers, problems: string[], purpose: 'filter' | 'value' = 'value'): CompiledExpression | undefined {
  try {
    return compilers.compileExpression(text, purpose);
  } catch (error) {
    problems.push(`${where}: the expression ${JSON.stringify(text)} is not valid: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

type CompiledTransform = (value: unknown, record: SfRecord, now: Date) => unknown;

function compileTransform(transform: Transform, where: string, compilers: Compilers, problems: string[]): CompiledTransform | undefined {
  if ('regex' in transform) {
    const compiled = compilers.compilePattern(transform.regex.pattern);
    if (!compiled.ok) {
      problems.push(`${where}.regex: the pattern ${JSON.stringify(transform.regex.pattern)} does not compile: ${compiled.message}`);
      return undefined;
    }
    const { replace } = transform.regex;
    return (value) => (value === null || value === undefined ? value : compiled.pattern.replace(typeof value === 'string' ? value : String(value), replace));
  }
  if ('lookup' in transform) {
    const { table } = transform.lookup;
    const hasDefault = 'default' in transform.lookup && transform.lookup.default !== undefined;
    const fallback = transform.lookup.default;
    return (value) => {
      const key = value === null || value === undefined ? '' : String(value);
      if (Object.hasOwn(table, key)) return table[key];
      return hasDefault ? fallback : value;
    };
  }
  const expression = compileExpressionSafely(transform.expression, `${where}.expression`, compilers, problems);
  if (!expression) return undefined;
  // The expression sees the record's fields plus VALUE, the field's value before the transform.
  return (value, record, now) => expression.evaluate({ ...record, VALUE: value }, { now });
}

/**
 * The record fields that hold text content, which a redaction rule without `fields` applies to: the
 * verbatim fields' sources, the chat transcript field, the sms message field.
 */
export function contentFieldsOf(job: Pick<ResolvedJob, 'feedbackType' | 'mapping'>): Set<string> {
  const fields = new Set<string>();
  for (const field of job.mapping.fields) {
    const source = sourceFieldName(field.source);
    if (field.type === 'verbatim' && source !== undefined) fields.add(source);
  }
  if (job.feedbackType === 'chat') fields.add(job.mapping.conversation.transcriptField);
  if (job.feedbackType === 'sms') fields.add(job.mapping.conversation.textField);
  return fields;
}
