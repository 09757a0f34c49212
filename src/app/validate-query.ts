import { blockingDiagnostics, type Diagnostic } from '../core/diagnostics';
import type { QueryFacts } from '../core/validate-api';
import { checkJobOnline, type DescribeRefresh, type OrgQueryFacts } from '../salesforce';
import { cachedDescribe, hidingSecrets, jobSource, openJobFile, openOrgSession, type OpenJobOptions, type OpenedJob, type UseCaseOptions } from './use-case';

export interface ValidateQueryOptions extends UseCaseOptions, Pick<OpenJobOptions, 'text' | 'files'> {
  /** Fetch the describe data again whatever its age. */
  refresh?: boolean;
  /** Describe data older than this is fetched again; default seven days. */
  maxAgeMs?: number;
}

export interface QueryValidation {
  job: OpenedJob;
  /** The offline checks when the job was not sent, else the whole online check; messages already redacted. */
  diagnostics: Diagnostic[];
  query?: QueryFacts;
  /** What Salesforce said about an accepted query. */
  org?: OrgQueryFacts;
  /** What was fetched into the describe cache on the way. */
  refresh?: DescribeRefresh;
  /** Present when nothing was sent to the org: the job's own problems leave nothing to send. */
  notSent?: Diagnostic[];
}

/**
 * The online check of a job ("sfjob validate-query", "Validate Query"): the describe data of what the
 * query reads is refreshed when stale, then the query goes to Salesforce's query plan. A job whose
 * problems block the action (the code table says which) is not sent; its offline report says why.
 */
export async function validateQuery(jobPath: string, options: ValidateQueryOptions): Promise<QueryValidation> {
  const now = options.now ?? new Date();
  const job = openJobFile(jobPath, { now, ...jobSource(options) });
  const { offline } = job;
  const connection = offline.job?.connection;
  const blocking = blockingDiagnostics(offline.diagnostics, 'validate-query');
  const base = { job, diagnostics: offline.diagnostics, ...(offline.query ? { query: offline.query } : {}) };
  if (!connection || !offline.job?.query || blocking.length > 0) return { ...base, notSent: blocking };

  const session = await openOrgSession(job.workspace.root, connection, options, offline.job.apiVersion);
  return hidingSecrets(session, async (hide) => {
    options.progress?.step?.(`asking the org of "${connection}"…`);
    const result = await checkJobOnline({
      session,
      text: job.text,
      context: job.workspace.validationContext(now),
      cacheDir: job.workspace.describeCacheDir,
      // Read again after the refresh, by the same workspace rules, so the online check sees what the offline one will.
      readDescribe: () => cachedDescribe(job),
      force: options.refresh === true,
      ...(options.maxAgeMs !== undefined ? { maxAgeMs: options.maxAgeMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      now,
    });
    return {
      job,
      diagnostics: result.diagnostics.map((d): Diagnostic => ({ ...d, message: hide(d.message) })),
      ...(result.query ? { query: result.query } : {}),
      ...(result.org ? { org: result.org } : {}),
      ...(result.refresh ? { refresh: result.refresh } : {}),
    };
  });
}
