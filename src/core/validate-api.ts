import type { DescribeSource } from './describe';
import type { Diagnostic } from './diagnostics';
import type { ExprType } from './expr';
import type { Job } from './job/schema';
import type { JobFileKind, OpenedFile } from './workspace/file-access';

/**
 * The contract of `validateJob` (src/core/validate.ts): the one entry the editor, the CLI and CI call.
 * The core does no I/O: the host passes in a way to read the files a job refers to.
 */
export interface ValidationContext {
  /** The job file's path, for messages and for related information; not read by the core. */
  path: string;
  /**
   * Reads a file relative to the job file's folder (the sample, rule files). Returns undefined when it
   * does not exist. Hosts may cache; the core calls it at most once per path per validation.
   */
  readFile(relativePath: string): string | undefined;
  /**
   * Opens a file the job names, contained in the job's workspace (see src/core/workspace): hosts built on
   * the job workspace pass it, so a refused file is reported as refused, not as missing. Without it,
   * `readFile` is used and a file is either there or missing.
   */
  openFile?(name: string, kind: JobFileKind): OpenedFile;
  /** Connection names from sfjob.connections.json; undefined when there is no connections file. */
  connectionNames?: readonly string[];
  /**
   * True when the host looked for sfjob.connections.json (the job's folder and those above it, inside
   * the workspace) and found none: a job naming a connection then cannot run. Left out when the host did
   * not look, so a host that knows nothing about connections raises no alarm.
   */
  noConnectionsFile?: boolean;
  /** Describe data from the cache of the job connection's org, when there is one. */
  describe?: DescribeSource;
  /** Now, for schedule checks; defaults to the epoch-free "unknown" (checks that need it are skipped). */
  now?: Date;
}

/** A field the query selects. Offsets are into the query text (array lines joined with "\n"). */
export interface SelectedField {
  /** As written, relationship path kept: `Owner.Name`. */
  path: string;
  /** The alias when the field is aliased (aggregates, TYPEOF). */
  alias?: string;
  start: number;
  end: number;
}

export interface QueryFacts {
  /** The FROM object as written (canonical case when describe data knows it). */
  object?: string;
  fields: SelectedField[];
  /** Candidate date fields: by type from describe data when cached, else by name. */
  dateFieldCandidates: string[];
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** The parsed job when the JSON parsed (even if it has schema errors, as far as it could be read). */
  job?: Job;
  query?: QueryFacts;
  /** The sample file that was used, relative to the job's folder, if any. */
  samplePath?: string;
  /**
   * The type of each expression that checked clean, by its path in the job (`filter`,
   * `mapping.fields[0].transform.expression`): text, number, boolean, date, datetime or unknown.
   */
  expressionTypes?: Record<string, ExprType>;
}
