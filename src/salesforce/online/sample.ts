import type { ResolvedJob } from '../../core/job/resolve';
import { contentFieldsOf, type CompiledRedaction } from '../../core/run/plan';
import { isIdField, looksLikeDateOrNumber } from '../../core/run/stages';
import { csvCell } from '../../core/run/serialize';
import type { SfRecord } from '../../core/run/types';
import { planWindow, windowQuery } from '../../core/run/window';
import { dataPath, orgGet, type OrgRequestOptions, type OrgSession } from './request';

export interface FetchSampleOptions extends OrgRequestOptions {
  session: OrgSession;
  job: ResolvedJob;
  /** How many records (rows, for sms) to fetch: 1–2000. */
  limit: number;
  /** The job's redaction rules (planJob(job, path).redactions), applied to the sample's text content when given (see redactRecords). */
  redactions?: readonly CompiledRedaction[];
  /** The dateField's type from describe data; datetime otherwise. */
  dateFieldType?: 'date' | 'datetime';
  now?: Date;
}

export interface SampleFetch {
  /** The records exactly as Salesforce returned them (attributes, canonical field case, nested lookups), redacted when asked. */
  records: SfRecord[];
  /** The statement that was sent. */
  query: string;
  /** Matches masked by the redaction rules. */
  redactions: number;
}

export const MAX_SAMPLE_LIMIT = 2000;

/**
 * Fetches the first records the job's first run would read: its query within the first window, in the
 * run's order (sms rows grouped by conversation), with LIMIT. Nothing is renamed or reshaped, so the
 * sample holds Salesforce's own field spelling, which is what the field-case check compares against.
 */
export async function fetchSample(options: FetchSampleOptions): Promise<SampleFetch> {
  const { session, job } = options;
  if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > MAX_SAMPLE_LIMIT) {
    throw new RangeError(`The sample size is a whole number from 1 to ${MAX_SAMPLE_LIMIT}, not ${options.limit}.`);
  }
  const window = planWindow({ schedule: job.schedule, now: options.now ?? new Date() });
  const query = windowQuery(job, window, options.dateFieldType ?? 'datetime', options.limit);
  const resource = job.includeDeleted ? 'queryAll' : 'query';
  const records: SfRecord[] = [];
  let url: string | undefined = `${dataPath(session)}/${resource}?q=${encodeURIComponent(query)}`;
  while (url && records.length < options.limit) {
    const page: { records?: SfRecord[]; done?: boolean; nextRecordsUrl?: string } = await orgGet(session, url, options);
    records.push(...(page.records ?? []));
    url = page.done === false ? page.nextRecordsUrl : undefined;
  }
  records.length = Math.min(records.length, options.limit);
  const redactions = options.redactions && options.redactions.length > 0 ? redactRecords(records, options.redactions, contentFieldsOf(job)) : 0;
  return { records, query, redactions };
}

/**
 * Masks what the job's redaction rules match in the records' text content, as a run does: a rule
 * without `fields` applies to the content fields (the job's verbatim sources, its transcript or message
 * field), a rule with `fields` to the fields it names (by path, `Owner.Name`, or by name), nested
 * lookups and child rows included. Ids, dates, numbers and booleans are never touched, so the sample
 * still holds the values the checks and the preview compare against; `attributes` are Salesforce's own
 * metadata and are left alone. Returns the number of matches masked.
 */
export function redactRecords(records: SfRecord[], rules: readonly CompiledRedaction[], contentFields: ReadonlySet<string> = new Set()): number {
  let count = 0;
  const applies = (rule: CompiledRedaction, fieldPath: string, key: string): boolean => {
    const named = rule.fields ?? contentFields;
    return named.has(fieldPath) || named.has(key);
  };
  const visit = (record: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(record)) {
      if (key === 'attributes') continue;
      const fieldPath = prefix + key;
      if (typeof value === 'string') {
        if (isIdField(key) || looksLikeDateOrNumber(value)) continue;
        let text = value;
        for (const rule of rules) {
          if (!applies(rule, fieldPath, key)) continue;
          const masked = rule.pattern.mask(text, rule.mask);
          count += masked.count;
          text = masked.text;
        }
        record[key] = text;
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        const nested = value as Record<string, unknown>;
        // A child subquery answers {totalSize, done, records}; its rows are records of their own.
        if (Array.isArray(nested.records)) for (const child of nested.records as Record<string, unknown>[]) visit(child, `${fieldPath}.`);
        else visit(nested, `${fieldPath}.`);
      }
    }
  };
  for (const record of records) visit(record, '');
  return count;
}

/**
 * The records as CSV for a spreadsheet: one column per field path (`Owner.Name` for lookups) in the
 * order first seen, `attributes` left out, child subqueries as JSON in one cell.
 */
export function sampleToCsv(records: readonly SfRecord[]): string {
  const rows = records.map((record) => flatten(record));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of row.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  // A lookup that is null in one record and filled in another shows as its fields' columns, left empty.
  const kept = columns.filter((column) => !columns.some((other) => other.startsWith(`${column}.`)));
  const lines = [kept.map(csvCell).join(','), ...rows.map((row) => kept.map((column) => csvCell(row.get(column))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function flatten(record: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    const column = prefix + key;
    if (value && typeof value === 'object' && !Array.isArray(value) && !Array.isArray((value as { records?: unknown }).records)) {
      flatten(value as Record<string, unknown>, `${column}.`, out);
    } else {
      out.set(column, value);
    }
  }
  return out;
}
