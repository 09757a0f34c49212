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

/** What a person can ask of the org about a job: each is refused while the job has a diagnostic that blocks it. */
export type OnlineAction = 'validate-query' | 'describe' | 'sample' | 'preview' | 'run';

export const ONLINE_ACTIONS: readonly OnlineAction[] = ['validate-query', 'describe', 'sample', 'preview', 'run'];

interface CodeInfo {
  severity: Severity;
  /** One line for docs and SARIF rule metadata. */
  summary: string;
  /**
   * The online actions an error with this code stops. Read by both faces through blocksAction(), so
   * "sfjob sample" and "Fetch Sample" refuse the same jobs. A warning or a hint never blocks.
   */
  blocks: readonly OnlineAction[];
}

// Blocking levels, from "nothing can be sent" down to "only the run and its preview need this right".
/** No job text or no connection to send it with: nothing can reach the org. */
const NOTHING_TO_SEND = ONLINE_ACTIONS;
/** No job shape or no query that parses: the org can still check or describe it, but nothing can be fetched. */
const NOTHING_TO_FETCH: readonly OnlineAction[] = ['sample', 'preview', 'run'];
/** A job that would load something other than what its author meant: a new sample or an org check is how it gets fixed. */
const NOT_RUNNABLE: readonly OnlineAction[] = ['preview', 'run'];
/** Advice, or a check that did not run: never a reason to refuse. */
const NEVER: readonly OnlineAction[] = [];

/**
 * Every diagnostic code. The codes are part of the product's contract: they keep their meaning,
 * and new ones are only ever added. The README has a section per code (anchor = the code).
 */
export const DIAGNOSTIC_CODES = {
  'json-syntax': { severity: 'error', summary: 'The file is not valid JSON (comments and trailing commas are allowed).', blocks: NOTHING_TO_SEND },
  'schema': { severity: 'error', summary: 'A key or value does not match the job format.', blocks: NOTHING_TO_FETCH },
  'soql-syntax': { severity: 'error', summary: 'The SOQL query does not parse.', blocks: NOTHING_TO_FETCH },
  'soql-group-by': { severity: 'error', summary: 'GROUP BY is not supported in a connector query.', blocks: NOT_RUNNABLE },
  'soql-aggregate': { severity: 'error', summary: 'Aggregate functions return AggregateResult rows, not records.', blocks: NOT_RUNNABLE },
  'soql-unsupported': { severity: 'error', summary: 'The query uses something a connector job cannot run.', blocks: NOT_RUNNABLE },
  'date-field-not-selected': { severity: 'error', summary: 'The dateField is not in the SELECT list.', blocks: NOT_RUNNABLE },
  'date-field-not-date': { severity: 'error', summary: 'The dateField is not a date or datetime field.', blocks: NOT_RUNNABLE },
  'no-date-candidate': { severity: 'error', summary: 'The query selects no date or datetime field.', blocks: NOT_RUNNABLE },
  'field-not-selected': { severity: 'error', summary: 'A mapping uses a field the query does not select.', blocks: NOT_RUNNABLE },
  'field-case': { severity: 'error', summary: 'A mapped field name differs from the record keys only in case.', blocks: NOT_RUNNABLE },
  'field-not-in-sample': { severity: 'warning', summary: 'A mapped field does not appear in the sample records.', blocks: NEVER },
  'feedback-type-object': { severity: 'error', summary: 'The queried object does not fit the feedbackType.', blocks: NOT_RUNNABLE },
  'expression-invalid': { severity: 'error', summary: 'A filter or expression does not parse or type-check.', blocks: NOT_RUNNABLE },
  'regex-invalid': { severity: 'error', summary: 'A pattern is outside XM Discover\'s regex dialect, or could backtrack catastrophically.', blocks: NOT_RUNNABLE },
  'unknown-connection': { severity: 'error', summary: 'The connection is not defined in sfjob.connections.json.', blocks: NOTHING_TO_SEND },
  'secret-in-file': { severity: 'error', summary: 'A secret is written in a file kept in git.', blocks: NOT_RUNNABLE },
  'schedule-invalid': { severity: 'error', summary: 'The schedule cannot produce run times.', blocks: NOT_RUNNABLE },
  'fixed-field': { severity: 'error', summary: 'feedback_provider and loadDate are set by the connector.', blocks: NOT_RUNNABLE },
  'redaction-matches-ids': { severity: 'warning', summary: 'A redaction rule without fields matches Salesforce ids in the sample.', blocks: NEVER },
  'rule-file': { severity: 'error', summary: 'A substitution or redaction rule file is missing or has a bad line.', blocks: NOT_RUNNABLE },
  'sample-invalid': { severity: 'warning', summary: 'The sample file cannot be read as Salesforce records.', blocks: NOT_RUNNABLE },
  'unknown-field': { severity: 'error', summary: 'The org has no such field on the object (from cached describe data).', blocks: NOT_RUNNABLE },
  'unknown-object': { severity: 'error', summary: 'The org has no such object (from cached describe data).', blocks: NOT_RUNNABLE },
  'field-not-filterable': { severity: 'error', summary: 'The dateField cannot be filtered on, so no incremental window can use it.', blocks: NOT_RUNNABLE },
  'credential-expired': { severity: 'error', summary: 'The connection credential is past its expiration date.', blocks: NOT_RUNNABLE },
  'org-error': { severity: 'error', summary: 'Salesforce rejected the query.', blocks: NOT_RUNNABLE },
  'not-described': { severity: 'info', summary: 'The describe cache has not described the object yet, so its fields were not checked against the org.', blocks: NEVER },
  'output-collision': { severity: 'error', summary: 'Two jobs write their runs to the same output path.', blocks: NOT_RUNNABLE },
  'internal-error': { severity: 'warning', summary: 'A check failed inside sfjob, so what it checks was not checked; the other checks ran.', blocks: NEVER },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export const ALL_CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

/** Whether `diagnostic` stops `action`: only an error whose code the table says blocks it. */
export function blocksAction(diagnostic: Pick<Diagnostic, 'code' | 'severity'>, action: OnlineAction): boolean {
  return diagnostic.severity === 'error' && DIAGNOSTIC_CODES[diagnostic.code].blocks.includes(action);
}

/** The diagnostics that stop `action`, in their order; empty when the job may go ahead. */
export function blockingDiagnostics<D extends Pick<Diagnostic, 'code' | 'severity'>>(diagnostics: readonly D[], action: OnlineAction): D[] {
  return diagnostics.filter((d) => blocksAction(d, action));
}

export function defaultSeverity(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CODES[code].severity;
}

/** Where the explanation of a code lives: its section of docs/diagnostics.md, whose anchor is the code itself. */
export const CODE_DOCS_FILE = 'docs/diagnostics.md';

/**
 * The help a report carries for a code where it cannot link to the docs (SARIF read by code scanning):
 * the code's summary and where its section is in the files sfjob ships.
 */
export function codeHelpText(code: DiagnosticCode): string {
  return `${DIAGNOSTIC_CODES[code].summary} Explained in ${CODE_DOCS_FILE}#${code}, which ships with sfjob (the npm package and the VS Code extension).`;
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
