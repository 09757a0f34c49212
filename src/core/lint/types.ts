import type { Node } from 'jsonc-parser';
import type { DescribeSource } from '../describe';
import type { Diagnostic } from '../diagnostics';
import type { Job } from '../job/schema';
import type { LineIndex } from '../text';
import type { SoqlFacts } from '../soql';
import type { QueryText } from '../job/query-text';
import type { ExprType } from '../expr';
import type { FieldKnowledge } from './field-knowledge';
import type { SampleRecords } from './sample';
import type { JobFileKind, OpenedFile } from '../workspace/file-access';

/** What a rule cannot run without; the runner skips a rule whose needs are not met. */
export type LintNeed = 'query' | 'sample' | 'describe' | 'connections';

/** The job file as text, with its syntax tree, for locating what a rule reports. */
export interface JobDocument {
  path: string;
  text: string;
  lines: LineIndex;
  root: Node;
}

/** The query as the rules see it: the analyzer's facts plus the decoded query text. */
export interface QueryView {
  facts: SoqlFacts;
  text: QueryText;
  /**
   * False for an aggregate or GROUP BY query: its rows are summaries, so the checks of the select list
   * against the mapping (date field, selected fields, case) have nothing true to say and stay quiet.
   */
  returnsRecords: boolean;
}

export interface LintContext {
  doc: JobDocument;
  /**
   * The job as far as it is valid: keys whose values broke the schema are left out (their `schema`
   * diagnostics are already reported), so rules check the rest without tripping over them.
   */
  job: Partial<Job>;
  /** Reads a file relative to the job's folder; each path is read at most once per validation. */
  readFile(relativePath: string): string | undefined;
  /** Opens a file the job names, contained in the workspace; says why when it was refused. */
  openFile?(name: string, kind: JobFileKind): OpenedFile;
  query?: QueryView;
  sample?: SampleRecords;
  describe?: DescribeSource;
  connectionNames?: readonly string[];
  /** True when the host looked for sfjob.connections.json and there is none. */
  noConnectionsFile?: boolean;
  now?: Date;
  /** The spelling and type of record fields, from the authorities only (sample, describe, standard fields). */
  fields: FieldKnowledge;
  /** Filled by the expression rule: each expression's type by its path (`filter`), for the editor's hover. */
  expressionTypes: Map<string, ExprType>;
}

/** Where each need lives in the context. */
export const NEED_KEYS = { query: 'query', sample: 'sample', describe: 'describe', connections: 'connectionNames' } as const;
type NeedKey = typeof NEED_KEYS;

/** A context whose needs are met: the runner checks them before calling a rule. */
export type Satisfied<N extends LintNeed> = LintContext & { [K in N as NeedKey[K]]-?: NonNullable<LintContext[NeedKey[K]]> };

export interface LintRule<N extends LintNeed = LintNeed> {
  /** The rule's name (a file name in src/core/lint/rules). */
  id: string;
  /** The diagnostic codes the rule can report. */
  codes: readonly Diagnostic['code'][];
  needs: readonly N[];
  check(context: Satisfied<N>): Diagnostic[];
}

/** Declares a rule with its needs checked by the type system. */
export function defineRule<N extends LintNeed = never>(rule: LintRule<N>): LintRule {
  return rule as unknown as LintRule;
}
