import * as assert from 'node:assert/strict';
import type { DescribeSource, SObjectDescribe } from '../../../../src/core/describe';
import type { Diagnostic, DiagnosticCode, Range } from '../../../../src/core/diagnostics';
import { LineIndex } from '../../../../src/core/text';
import { validateJob } from '../../../../src/core/validate';
import type { ValidationResult } from '../../../../src/core/validate-api';

/** A clean feedback job on Case; tests change one thing at a time. */
export const BASE_JOB = {
  name: 'Cases',
  project: 'Customer Care',
  connection: 'local',
  feedbackType: 'feedback',
  query: 'SELECT Id, Subject, Description, Status, CreatedDate FROM Case',
  dateField: 'CreatedDate',
  mapping: { fields: [{ source: 'Description', type: 'verbatim' }] },
};

/** Case as the org's describe data has it, for the checks that use describe data. */
export const CASE_OBJECT: SObjectDescribe = {
  name: 'Case',
  label: 'Case',
  fields: [
    { name: 'Id', label: 'Case ID', type: 'id', filterable: true, groupable: true },
    { name: 'Subject', label: 'Subject', type: 'string', filterable: true, groupable: true },
    { name: 'Description', label: 'Description', type: 'textarea', filterable: false, groupable: false },
    { name: 'Status', label: 'Status', type: 'picklist', filterable: true, groupable: true },
    { name: 'CreatedDate', label: 'Created Date', type: 'datetime', filterable: true, groupable: false },
    { name: 'Reply_At__c', label: 'Reply At', type: 'datetime', filterable: false, groupable: false },
  ],
};

/** The base job with keys replaced (or removed with `undefined`), as pretty-printed JSON. */
export function jobText(changes: Record<string, unknown> = {}): string {
  const job: Record<string, unknown> = { ...BASE_JOB, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete job[key];
  return JSON.stringify(job, null, 2);
}

export interface ValidateOptions {
  path?: string;
  files?: Record<string, string>;
  connectionNames?: readonly string[];
  describe?: DescribeSource;
  now?: Date;
}

export function validate(text: string, options: ValidateOptions = {}): ValidationResult {
  const files = options.files ?? {};
  return validateJob(text, {
    path: options.path ?? 'jobs/cases.sfjob.json',
    readFile: (p) => files[p],
    ...(options.connectionNames ? { connectionNames: options.connectionNames } : {}),
    ...(options.describe ? { describe: options.describe } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

/** The range of the `occurrence`-th appearance of `marker` in `text`. */
export function rangeOf(text: string, marker: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(marker, at + 1);
    assert.ok(at >= 0, `marker ${JSON.stringify(marker)} (#${occurrence}) is not in the text`);
  }
  return new LineIndex(text).rangeOf(at, at + marker.length);
}

export function withCode(result: ValidationResult, code: DiagnosticCode): Diagnostic[] {
  return result.diagnostics.filter((d) => d.code === code);
}

/** The one diagnostic of `code`; fails with the full list when there is not exactly one. */
export function only(result: ValidationResult, code: DiagnosticCode): Diagnostic {
  const found = withCode(result, code);
  assert.equal(found.length, 1, `expected one ${code}, got: ${JSON.stringify(result.diagnostics.map((d) => [d.code, d.message]), null, 1)}`);
  return found[0];
}

export function codesOf(result: ValidationResult): DiagnosticCode[] {
  return result.diagnostics.map((d) => d.code);
}

/** Applies a diagnostic's fix edits to the text (edits sorted from the end so offsets stay valid). */
export function applyFix(text: string, diagnostic: Diagnostic, index = 0): string {
  const fix = diagnostic.fixes?.[index];
  assert.ok(fix, `no fix #${index} on ${diagnostic.code}`);
  const lines = new LineIndex(text);
  const edits = [...fix.edits].map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
