import type { DescribeSource } from '../../core/describe';
import type { Diagnostic } from '../../core/diagnostics';
import { queryText } from '../../core/job/resolve';
import type { Job } from '../../core/job/schema';
import { orgErrorDiagnostic, type OrgQueryError } from '../../core/org-errors';
import { planWindow, type WindowBounds } from '../../core/run/window';
import { dateFieldTypeOf, resolveFieldPath } from '../../core/soql/describe-paths';
import { countQuery, WindowQueryError } from '../../core/soql/window';
import { validateJob } from '../../core/validate';
import type { QueryFacts, ValidationContext } from '../../core/validate-api';
import { classifyQueryError, errorCodeOf } from '../retrieve/errors';
import { dataPath, orgGet, type OrgRequestOptions, type OrgSession } from './request';

/** One plan of Salesforce's query plan (`query?explain=`), as it answers. */
export interface QueryPlan {
  leadingOperationType: string;
  relativeCost: number;
  cardinality: number;
  sobjectCardinality: number;
  sobjectType?: string;
  fields: string[];
  notes: { description: string; fields?: string[]; tableEnumOrId?: string }[];
}

/** A selected field as the org describes it; type and label are absent when describe data does not reach it. */
export interface DescribedField {
  path: string;
  type?: string;
  label?: string;
}

/** What the org said about the job's query when it accepted it. */
export interface OrgQueryFacts {
  /** The queried object in the org's spelling. */
  object?: string;
  fields: DescribedField[];
  /** The cheapest plan Salesforce would use; selective when its relative cost is under 1. */
  plan?: QueryPlan & { selective: boolean };
  /** Rows the first run's window holds (COUNT() of the job's query within it); without a usable dateField, rows the query matches. */
  rowEstimate?: { count: number; window?: { since?: string; until: string } };
  /** Why there is no estimate, when there is none. */
  rowEstimateNote?: string;
  /** The selected date and datetime fields, by their real type when describe data has them. */
  dateFieldCandidates: DescribedField[];
  /** Whether the job's dateField is one of the candidates: if not, offer the candidates. */
  dateField: { name?: string; status: 'ok' | 'missing' | 'not-candidate' };
}

export interface OnlineValidationOptions extends OrgRequestOptions {
  session: OrgSession;
  /** The job file's text, as in the editor or on disk. */
  text: string;
  /** The offline context (files beside the job, connection names); its describe is replaced by `describe`. */
  context: ValidationContext;
  /** The org's describe data (refresh it first with refreshDescribeCache for exact checks). */
  describe?: DescribeSource;
  /** The window to estimate; default the window of the job's first run. */
  window?: WindowBounds;
  now?: Date;
}

export interface OnlineValidation {
  /** The offline diagnostics (with the describe data) and Salesforce's own errors, at their characters. */
  diagnostics: Diagnostic[];
  /** The offline facts of the query (object, fields, candidates), as `sfjob validate` reports them. */
  query?: QueryFacts;
  /** Present when Salesforce accepted the query. */
  org?: OrgQueryFacts;
  apiCalls: number;
}

/**
 * The online check of a job's query: the offline checks with the org's describe data, then the query
 * text exactly as written goes to Salesforce's query plan (`query?explain=`, which compiles the whole
 * statement and returns no rows, so its Row and Column point into the job's query), then a `COUNT()`
 * of the query within the first run's window gives the row estimate. Errors Salesforce reports
 * (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, …) become `org-error` diagnostics at their characters;
 * sign-in and network failures are thrown. Prints nothing.
 */
export async function validateQueryOnline(options: OnlineValidationOptions): Promise<OnlineValidation> {
  const { session, describe } = options;
  const now = options.now ?? new Date();
  const offline = validateJob(options.text, { ...options.context, describe });
  const job = offline.job as Partial<Job> | undefined;
  if (!job?.query) return { diagnostics: offline.diagnostics, ...(offline.query ? { query: offline.query } : {}), apiCalls: 0 };
  const soql = queryText(job.query);
  const diagnostics = [...offline.diagnostics];
  let apiCalls = 0;
  const report = (error: unknown, statement: OrgQueryError['statement']): void => {
    const diagnostic = orgErrorDiagnostic(options.text, { errorCode: errorCodeOf(error) ?? 'UNKNOWN_ERROR', message: error instanceof Error ? error.message : String(error), statement });
    // The offline check already said the same thing at the same characters, with a suggestion.
    if (!diagnostics.some((d) => d.severity === 'error' && sameRange(d, diagnostic))) diagnostics.push(diagnostic);
  };

  let plans: QueryPlan[];
  try {
    apiCalls++;
    plans = (await orgGet<{ plans?: QueryPlan[] }>(session, `${dataPath(session)}/query?explain=${encodeURIComponent(soql)}`, options)).plans ?? [];
  } catch (error) {
    if (classifyQueryError(error) !== 'fail') throw error;
    report(error, 'query');
    return { diagnostics: sorted(diagnostics), ...(offline.query ? { query: offline.query } : {}), apiCalls };
  }

  const object = offline.query?.object;
  const org: OrgQueryFacts = {
    ...(object ? { object: describe?.object(object)?.name ?? object } : {}),
    fields: (offline.query?.fields ?? []).map((f) => describedField(describe, object, f.path)),
    ...(plans.length > 0 ? { plan: cheapest(plans) } : {}),
    dateFieldCandidates: (offline.query?.dateFieldCandidates ?? []).map((path) => describedField(describe, object, path)),
    dateField: dateFieldStatus(job.dateField, offline.query?.dateFieldCandidates ?? []),
  };

  const window = options.window ?? planWindow({ schedule: job.schedule ?? { mode: 'once' }, now });
  const dateField = org.dateField.status === 'ok' ? job.dateField : undefined;
  let count: string | undefined;
  try {
    count = countQuery(soql, dateField ? { dateField, ...(window.since ? { since: window.since } : {}), until: window.until, dateFieldType: dateFieldTypeOf(describe, object, dateField) } : undefined);
  } catch (error) {
    if (!(error instanceof WindowQueryError)) throw error;
    org.rowEstimateNote = error.message;
  }
  if (count !== undefined) {
    try {
      apiCalls++;
      const resource = job.includeDeleted ? 'queryAll' : 'query';
      const body = await orgGet<{ totalSize?: number }>(session, `${dataPath(session)}/${resource}?q=${encodeURIComponent(count)}`, options);
      const counted = dateField ? { window: { ...(window.since ? { since: window.since.toISOString() } : {}), until: window.until.toISOString() } } : {};
      org.rowEstimate = { count: body.totalSize ?? 0, ...counted };
      if (!dateField) org.rowEstimateNote = 'the job has no usable dateField, so there is no window to count in';
    } catch (error) {
      if (classifyQueryError(error) !== 'fail') throw error;
      report(error, 'window');
    }
  }
  return { diagnostics: sorted(diagnostics), ...(offline.query ? { query: offline.query } : {}), org, apiCalls };
}

function describedField(describe: DescribeSource | undefined, object: string | undefined, path: string): DescribedField {
  const resolved = describe && object ? resolveFieldPath(describe, object, path) : undefined;
  return resolved?.status === 'found' ? { path, type: resolved.field.type, label: resolved.field.label } : { path };
}

/** The dateField against the candidates: the choice to offer when it is missing or not among them. */
export function dateFieldStatus(dateField: string | undefined, candidates: readonly string[]): OrgQueryFacts['dateField'] {
  if (!dateField) return { status: 'missing' };
  const known = candidates.some((c) => c.toLowerCase() === dateField.toLowerCase());
  return { name: dateField, status: known ? 'ok' : 'not-candidate' };
}

function cheapest(plans: readonly QueryPlan[]): QueryPlan & { selective: boolean } {
  const best = [...plans].sort((a, b) => a.relativeCost - b.relativeCost)[0];
  return { ...best, fields: best.fields ?? [], notes: best.notes ?? [], selective: best.relativeCost < 1 };
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

