import { blockingDiagnostics, type Diagnostic } from '../core/diagnostics';
import { resolveJob } from '../core/job/resolve';
import { readableText } from '../core/org-errors';
import type { SfRecord } from '../core/run/types';
import { dateFieldTypeOf } from '../core/soql/describe-paths';
import { WindowQueryError } from '../core/soql/window';
import { errorCodeOf, fetchSample } from '../salesforce';
import { writeSampleFile } from '../store';
import { planJob } from '../runner/plan-job';
import { cachedDescribe, hidingSecrets, jobSource, openJobFile, openOrgSession, type OpenJobOptions, type OpenedJob, type UseCaseOptions } from './use-case';

export interface SampleOptions extends UseCaseOptions, Pick<OpenJobOptions, 'text' | 'files'> {
  /** How many records (rows, for sms) to fetch: 1–2000. */
  limit: number;
  /** Mask what the job's redaction rules match before anything is written. */
  redact?: boolean;
  /**
   * Asked once the records are fetched, before the sample file is replaced (the editor asks the person
   * when a sample is already there); false keeps the file as it is.
   */
  beforeWrite?: (path: string, records: SfRecord[]) => Promise<boolean>;
}

export type SampleOutcome =
  /** The job's problems leave nothing to query with; these are the ones to fix (all of them when the job has no shape). */
  | { status: 'blocked'; job: OpenedJob; diagnostics: Diagnostic[] }
  /** The job cannot be sampled as it stands (its sample path, its redaction rules, its window); nothing was written. */
  | { status: 'refused'; job: OpenedJob; message: string }
  /** `kept`: the records were fetched but beforeWrite kept the sample file as it was. `query` is the SOQL sent. */
  | { status: 'written' | 'kept'; job: OpenedJob; path: string; records: SfRecord[]; redactions: number; query: string };

/** Salesforce refused the sample query; `message` is already redacted and `errorCode` is Salesforce's own. */
export class OrgRefusedError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'OrgRefusedError';
  }
}

/**
 * Fetches the first records the job's first run would read into the job's sample file ("sfjob sample",
 * "Fetch Sample"). Problems with the sample itself (missing fields, wrong case) are what a new sample
 * fixes, so only the problems the code table says block sampling stop it.
 */
export async function sampleJob(jobPath: string, options: SampleOptions): Promise<SampleOutcome> {
  const now = options.now ?? new Date();
  const job = openJobFile(jobPath, { now, ...jobSource(options) });
  const blocking = blockingDiagnostics(job.offline.diagnostics, 'sample');
  if (blocking.length > 0 || !job.offline.job) return { status: 'blocked', job, diagnostics: blocking.length > 0 ? blocking : job.offline.diagnostics };
  const resolved = resolveJob(job.offline.job);
  // The sample is written only inside the workspace, never through a link that leads out of it; this is
  // settled before the org is asked for anything.
  const target = job.workspace.sampleTarget(resolved.sample);
  if (!target.ok) return { status: 'refused', job, message: `the sample file "${job.workspace.sampleName(resolved.sample)}" cannot be written: ${target.reason}. Point "sample" at a path inside the workspace.` };
  let redactions: ReturnType<typeof planJob>['redactions'] | undefined;
  if (options.redact === true) {
    try {
      redactions = planJob(resolved, job.file).redactions;
    } catch (error) {
      return { status: 'refused', job, message: (error as Error).message };
    }
  }
  const dateFieldType = dateFieldTypeOf(cachedDescribe(job), job.offline.query?.object, resolved.dateField);

  const session = await openOrgSession(job.workspace.root, resolved.connection, options, resolved.apiVersion);
  return hidingSecrets(session, async (hide) => {
    options.progress?.step?.(`fetching up to ${options.limit} records from "${resolved.connection}"…`);
    let fetched;
    try {
      fetched = await fetchSample({ session, job: resolved, limit: options.limit, dateFieldType, now, ...(redactions ? { redactions } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      if (error instanceof WindowQueryError) return { status: 'refused', job, message: hide(error.message) };
      const code = errorCodeOf(error);
      if (code) throw new OrgRefusedError(code, hide(readableText(error instanceof Error ? error.message : String(error))));
      throw error;
    }
    const fetchedSample = { job, path: target.path, records: fetched.records, redactions: fetched.redactions, query: hide(fetched.query) };
    if (options.beforeWrite && !(await options.beforeWrite(target.path, fetched.records))) return { status: 'kept', ...fetchedSample };
    await writeSampleFile(target.path, fetched.records);
    return { status: 'written', ...fetchedSample };
  });
}
