import { FEEDBACK_PROVIDER } from '../job/resolve';
import { normalizeDate, toText } from './fields';
import type { RunPlan } from './plan';
import { markProcessed, recordSkip, recordWarning, type MappedUnit, type OutputDocument, type RunUnit, type StageContext, type Step } from './types';

/**
 * Units → documents per the contract's "Output documents": the default fields, `project`, `loadDate`
 * (the run's time), extra fields as attributes (text, number, date) or verbatims, and the conversation.
 * A unit that cannot become a document (no natural_id, no readable date) is skipped with its reason.
 */
export function mapDocuments(plan: RunPlan, now: Date, context: StageContext, next: Step<MappedUnit>): Step<RunUnit> {
  const loadDate = now.toISOString();
  return (unit) => {
    const document = mapUnit(unit, plan, now, loadDate, context);
    if (!document) {
      markProcessed(context, unit);
      return;
    }
    // The unit was made for this run alone (see units.ts), so it becomes the mapped unit in place
    // rather than being copied once per record.
    const mapped = unit as MappedUnit;
    mapped.document = document;
    mapped.supersedes = false;
    next(mapped);
  };
}

function mapUnit(unit: RunUnit, plan: RunPlan, now: Date, loadDate: string, context: StageContext): OutputDocument | undefined {
  const { record } = unit;
  let naturalId: string;
  let documentDate: string | undefined;
  try {
    naturalId = toText(plan.naturalId(record, now));
    if (naturalId === '') {
      recordSkip(context, 'missing-natural-id', 'the record has no natural_id value (check mapping.natural_id and that the field is selected)');
      return undefined;
    }
    const rawDate = plan.documentDate(record, now);
    documentDate = plan.documentDateIsRecordDate && unit.recordDate ? unit.recordDate : normalizeDate(rawDate);
    if (!documentDate) {
      const shown = rawDate === undefined ? 'nothing' : JSON.stringify(rawDate);
      recordSkip(context, 'invalid-document-date', `document_date is ${shown}, not a date (check mapping.document_date / dateField)`, naturalId);
      return undefined;
    }
  } catch (error) {
    recordSkip(context, 'mapping-error', `the default fields could not be computed: ${messageOf(error)}`);
    return undefined;
  }

  const attributes: Record<string, unknown> = {};
  const verbatims: Record<string, string> = {};
  for (const field of plan.fields) {
    if (field.type === 'skip') continue;
    let value: unknown;
    try {
      value = field.read(record, now);
    } catch (error) {
      recordWarning(context, `the field "${field.name}" could not be computed and was left empty: ${messageOf(error)}`, naturalId);
      value = null;
    }
    if (field.type === 'verbatim') {
      if (value !== null && value !== undefined) verbatims[field.name] = toText(value);
      continue;
    }
    attributes[field.name] = typedValue(value, field.type, field.name, naturalId, context);
  }

  const document: OutputDocument = {
    natural_id: naturalId,
    document_date: documentDate,
    feedback_provider: FEEDBACK_PROVIDER,
    source_value: jsonValue(plan.sourceValue(record, now)),
    feedback_type: jsonValue(plan.feedbackType(record, now)),
    job_name: jsonValue(plan.jobName(record, now)),
    project: plan.job.project,
    loadDate,
    attributes,
    verbatims,
  };
  if (unit.conversation) document.conversation = unit.conversation;
  return document;
}

function typedValue(value: unknown, type: 'text' | 'number' | 'date', name: string, naturalId: string, context: StageContext): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'text') return toText(value);
  if (type === 'number') {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (Number.isFinite(number)) return number;
    recordWarning(context, `the number field "${name}" holds ${JSON.stringify(value)}, not a number; it was left empty`, naturalId);
    return null;
  }
  const date = normalizeDate(value);
  if (date) return date;
  recordWarning(context, `the date field "${name}" holds ${JSON.stringify(value)}, not a date; it was left empty`, naturalId);
  return null;
}

/** Dates from expressions become ISO text; everything else is kept as JSON can hold it. */
function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return normalizeDate(value) ?? null;
  return value === undefined ? null : value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
