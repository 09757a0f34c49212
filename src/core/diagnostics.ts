/**
 * The one diagnostic model shared by the editor, the CLI and CI. Positions are 0-based (LSP convention);
 * the CLI adds 1 when it prints text lines, in one place.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of the text in `range` (0-based, in the file the diagnostic belongs to). */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix the editor offers first (VS Code's `isPreferred`). */
  preferred?: boolean;
}

export interface RelatedInformation {
  message: string;
  range: Range;
  /** Another file; absent means the same file. */
  path?: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedInformation[];
  fixes?: Fix[];
  /** Values a code action needs (the exact-case spelling, the candidates, the secret's key). */
  data?: Record<string, unknown>;
}

interface CodeInfo {
  severity: Severity;
  /** One line for docs and SARIF rule metadata. */
  summary: string;
}

/**
 * Every diagnostic code. The codes are part of the product's contract: they keep their meaning,
 * and new ones are only ever added. The README has a section per code (anchor = the code).
 */
export const DIAGNOSTIC_CODES = {
  'json-syntax': { severity: 'error', summary: 'The file is not valid JSON (comments and trailing commas are allowed).' },
  'schema': { severity: 'error', summary: 'A key or value does not match the job format.' },
  'soql-syntax': { severity: 'error', summary: 'The SOQL query does not parse.' },
  'soql-group-by': { severity: 'error', summary: 'GROUP BY is not supported in a connector query.' },
  'soql-aggregate': { severity: 'error', summary: 'Aggregate functions return AggregateResult rows, not records.' },
  'soql-unsupported': { severity: 'error', summary: 'The query uses something a connector job cannot run.' },
  'date-field-not-selected': { severity: 'error', summary: 'The dateField is not in the SELECT list.' },
  'date-field-not-date': { severity: 'error', summary: 'The dateField is not a date or datetime field.' },
  'no-date-candidate': { severity: 'error', summary: 'The query selects no date or datetime field.' },
  'field-not-selected': { severity: 'error', summary: 'A mapping uses a field the query does not select.' },
  'field-case': { severity: 'error', summary: 'A mapped field name differs from the record keys only in case.' },
  'field-not-in-sample': { severity: 'warning', summary: 'A mapped field does not appear in the sample records.' },
  'feedback-type-object': { severity: 'error', summary: 'The queried object does not fit the feedbackType.' },
  'expression-invalid': { severity: 'error', summary: 'A filter or expression does not parse or type-check.' },
  'regex-invalid': { severity: 'error', summary: 'A pattern is outside XM Discover\'s regex dialect, or could backtrack catastrophically.' },
  'unknown-connection': { severity: 'error', summary: 'The connection is not defined in sfjob.connections.json.' },
  'secret-in-file': { severity: 'error', summary: 'A secret is written in a file kept in git.' },
  'schedule-invalid': { severity: 'error', summary: 'The schedule cannot produce run times.' },
  'fixed-field': { severity: 'error', summary: 'feedback_provider and loadDate are set by the connector.' },
  'redaction-matches-ids': { severity: 'warning', summary: 'A redaction rule without fields matches Salesforce ids in the sample.' },
  'rule-file': { severity: 'error', summary: 'A substitution or redaction rule file is missing or has a bad line.' },
  'sample-invalid': { severity: 'warning', summary: 'The sample file cannot be read as Salesforce records.' },
  'unknown-field': { severity: 'error', summary: 'The org has no such field on the object (from cached describe data).' },
  'unknown-object': { severity: 'error', summary: 'The org has no such object (from cached describe data).' },
  'field-not-filterable': { severity: 'error', summary: 'The dateField cannot be filtered on, so no incremental window can use it.' },
  'credential-expired': { severity: 'error', summary: 'The connection credential is past its expiration date.' },
  'org-error': { severity: 'error', summary: 'Salesforce rejected the query.' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export const ALL_CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

export function defaultSeverity(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CODES[code].severity;
}

/** Where the explanation of a code lives: the README section whose anchor is the code itself. */
export function codeDocsUrl(code: DiagnosticCode, base = 'https://github.com/sfjob/sfjob/blob/main/docs/diagnostics.md'): string {
  return `${base}#${code}`;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}
