import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { firstTooDeep, MAX_JSON_DEPTH } from '../job/nesting';
import { lineAndColumn } from '../location';
import { excerpt } from '../workspace/excerpt';

/** Sample records (the "Data Sample") as the checks use them. */
export interface SampleRecords {
  /** The sample file, relative to the job's folder. */
  path: string;
  records: Record<string, unknown>[];
  /** Every key seen in the records, relationship objects flattened to dotted paths (`Owner.Name`). */
  keys: ReadonlySet<string>;
}

export type SampleReadResult = { ok: true; sample: SampleRecords } | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds the keys of a record, nested relationship records as `Parent.Child`; `attributes` is metadata. */
function collectKeys(record: Record<string, unknown>, prefix: string, keys: Set<string>, depth: number): void {
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    const path = prefix + key;
    keys.add(path);
    // Child relationship subqueries come back as {records: [...]}; they are not fields of this record.
    if (isRecord(value) && !('records' in value) && depth < 5) collectKeys(value, `${path}.`, keys, depth + 1);
  }
}

/**
 * Reads sample text: a JSON array of records, or a query response `{"records": [...]}`.
 * Returns a reason instead of throwing, so a bad sample is a warning and not a crash.
 */
export function readSample(path: string, text: string): SampleReadResult {
  // Records nest a few levels (a relationship, a subquery); both parsers recurse, so a deeper text is
  // refused before either sees it.
  const tooDeep = firstTooDeep(text);
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(text, tooDeep);
    return { ok: false, message: `${path} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep at line ${line}, column ${column}; fetch the sample again.` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: `${path} is not valid JSON (${jsonErrorAt(text)}).` };
  }
  const records: unknown = Array.isArray(parsed) ? parsed : isRecord(parsed) ? parsed.records : undefined;
  if (!Array.isArray(records)) {
    return { ok: false, message: `${path} must hold a JSON array of records or a query response {"records": [...]}.` };
  }
  const badIndex = records.findIndex((r) => !isRecord(r));
  if (badIndex >= 0) return { ok: false, message: `${path}: record ${badIndex} is not a JSON object.` };
  const keys = new Set<string>();
  for (const record of records as Record<string, unknown>[]) collectKeys(record, '', keys, 0);
  return { ok: true, sample: { path, records: records as Record<string, unknown>[], keys } };
}

/**
 * Where and why the JSON breaks, with a short escaped glimpse of the text there: the parser's own
 * message would quote the file at length.
 */
function jsonErrorAt(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (!first) return 'it does not parse';
  const { line, column } = lineAndColumn(text, first.offset);
  return `${printParseErrorCode(first.error)} at line ${line}, column ${column}, near "${excerpt(text.slice(first.offset, first.offset + 20), 20)}"`;
}

/** `support.sfjob.json` → `support.sample.json`. */
export function defaultSamplePath(jobPath: string): string {
  const base = jobPath.split(/[\\/]/).pop() ?? jobPath;
  return base.replace(/\.sfjob\.json$/i, '') + '.sample.json';
}
