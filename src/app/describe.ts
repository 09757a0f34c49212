import { blockingDiagnostics, type Diagnostic } from '../core/diagnostics';
import { refreshDescribeCache, type DescribeRefresh } from '../salesforce';
import { hidingSecrets, jobSource, openJobFile, openOrgSession, type OpenJobOptions, type OpenedJob, type UseCaseOptions } from './use-case';

export interface DescribeOptions extends UseCaseOptions, Pick<OpenJobOptions, 'text' | 'files'> {
  /** Only fetch what is older than this; without it everything is fetched, fresh or not. */
  maxAgeMs?: number;
}

export type DescribeOutcome =
  /** Nothing to describe: the job has no connection or no FROM object that can be read, or its problems block the action. */
  | { status: 'blocked'; job: OpenedJob; diagnostics: Diagnostic[] }
  | { status: 'described'; job: OpenedJob; object: string; refresh: DescribeRefresh };

/**
 * Refreshes the org's describe data for the objects the job's query reads ("sfjob describe", "Refresh
 * Org Metadata"), into the workspace's describe cache.
 */
export async function describeJob(jobPath: string, options: DescribeOptions): Promise<DescribeOutcome> {
  const now = options.now ?? new Date();
  const job = openJobFile(jobPath, { now, ...jobSource(options) });
  const object = job.offline.query?.object;
  const connection = job.offline.job?.connection;
  const blocking = blockingDiagnostics(job.offline.diagnostics, 'describe');
  if (!object || !connection || blocking.length > 0) return { status: 'blocked', job, diagnostics: blocking.length > 0 ? blocking : job.offline.diagnostics };
  const session = await openOrgSession(job.workspace.root, connection, options, job.offline.job?.apiVersion);
  return hidingSecrets(session, async () => {
    options.progress?.step?.(`fetching the org's metadata for ${object}…`);
    const refresh = await refreshDescribeCache({
      session,
      cacheDir: job.workspace.describeCacheDir,
      object,
      fieldPaths: job.offline.query?.fields.map((f) => f.path),
      force: options.maxAgeMs === undefined,
      ...(options.maxAgeMs !== undefined ? { maxAgeMs: options.maxAgeMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      now,
    });
    return { status: 'described', job, object, refresh };
  });
}
