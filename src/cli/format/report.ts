import { countBySeverity, type Diagnostic } from '../../core/diagnostics';
import type { QueryFacts } from '../../core/validate-api';
import type { OrgQueryFacts } from '../../salesforce';

/** What `validate` and `validate-query` found in one file, ready for any output format. */
export interface FileReport {
  /** As printed: relative to the current folder, "/"-separated. */
  path: string;
  diagnostics: Diagnostic[];
  query?: QueryFacts;
  /** What the org said about the query (validate-query only). */
  org?: OrgQueryFacts;
}

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];

export function summarize(files: readonly FileReport[]): { errors: number; warnings: number } {
  return countBySeverity(files.flatMap((f) => f.diagnostics));
}

/** Diagnostics in reading order, so output is stable whatever order the rules ran in. */
export function sortedDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code),
  );
}
