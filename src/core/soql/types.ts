import type { DescribeSource } from '../describe';
import type { DiagnosticCode, Severity } from '../diagnostics';
import type { QueryFacts } from '../validate-api';
import type { DateCandidateSource } from './date-candidates';

/** A finding about the query. Offsets are into the query text; the caller maps them into the file. */
export interface SoqlProblem {
  code: DiagnosticCode;
  message: string;
  start: number;
  end: number;
  /** Absent means the code's default severity. */
  severity?: Severity;
  data?: Record<string, unknown>;
  /**
   * What could replace the characters from start to end (the keyword a typo resembles, the closest
   * field names): each becomes a quick fix, and `sfjob validate --fix` applies the only one.
   */
  replacements?: string[];
}

/** A numeric clause of the outer query and the characters of the clause (`LIMIT 500`). */
export interface ClauseValue {
  value: number;
  start: number;
  end: number;
}

/** QueryFacts plus positions the job checks need: where the FROM object, LIMIT and OFFSET are written. */
export interface SoqlFacts extends QueryFacts {
  objectStart?: number;
  objectEnd?: number;
  /**
   * The outer LIMIT and OFFSET. They apply to every incremental window, so rows past the LIMIT (or
   * before the OFFSET) of a window would never be read; a check that knows the schedule can say so.
   */
  limit?: ClauseValue;
  offset?: ClauseValue;
}

export interface SoqlAnalysis {
  /** Absent when the query is too long, does not lex or does not parse. */
  facts?: SoqlFacts;
  problems: SoqlProblem[];
}

export interface AnalyzeOptions {
  /** Cached describe data of the job's org: enables unknown-object, unknown-field and typed date candidates. */
  describe?: DescribeSource;
  /** Overrides how date candidates are chosen (defaults: by type with describe data, else by name). */
  dateCandidates?: DateCandidateSource;
}

/** Salesforce rejects statements longer than this many characters. */
export const MAX_QUERY_LENGTH = 100_000;
/** Salesforce rejects a string literal in a condition longer than this. */
export const MAX_WHERE_STRING_LENGTH = 4_000;
/** Salesforce rejects an OFFSET above this. */
export const MAX_OFFSET = 2_000;
/** FIELDS(ALL) and FIELDS(CUSTOM) need a LIMIT of at most this. */
export const MAX_FIELDS_MACRO_LIMIT = 200;

/**
 * `100000` as `100,000`. Written out rather than with toLocaleString, whose first call loads locale
 * data for tens of milliseconds: the over-long query is refused on a keystroke and must stay cheap.
 */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
