import type { ResolvedJob } from '../core/job/resolve';
import { blockingDiagnostics, type Diagnostic } from '../core/diagnostics';
import type { SfRecord } from '../core/run/types';
import { NaturalIds } from '../core/run/natural-ids';
import { jobPaths, liveSource, previewJob, readStateSummary, type PreviewResult } from '../runner';
import { openJobForRun, loadSampleRecords, type LoadedJob, type LoadJobOptions } from './load-job';
import { hidingSecrets, openOrgSession, type UseCaseOptions } from './use-case';

export interface PreviewJobOptions extends UseCaseOptions, LoadJobOptions {
  /** At most this many documents are returned. */
  maxDocuments: number;
  /** Read this many live records (sms: rows) of the window the next run would read, instead of the sample. */
  live?: number;
}

/** Where the previewed records came from, for the summary line. */
export type PreviewSource = { kind: 'sample'; path: string; records: number } | { kind: 'live'; connection: string };

export type PreviewOutcome =
  | { status: 'blocked'; loaded: LoadedJob; diagnostics: Diagnostic[] }
  /** The sample cannot be used (missing, outside the workspace, not records). */
  | { status: 'no-sample'; loaded: LoadedJob; message: string }
  | { status: 'previewed'; loaded: LoadedJob; job: ResolvedJob; result: PreviewResult; source: PreviewSource };

/**
 * The run pipeline on the job's sample, or on the first live records of its next window ("sfjob
 * preview", the editor's preview). Writes nothing. A job with problems that block a run is not
 * previewed, since the preview would show documents no run can make.
 */
export async function previewJobFile(jobPath: string, options: PreviewJobOptions): Promise<PreviewOutcome> {
  const now = options.now ?? new Date();
  const loaded = openJobForRun(jobPath, now, options);
  const blocking = blockingDiagnostics(loaded.diagnostics, 'preview');
  if (!loaded.job || blocking.length > 0) return { status: 'blocked', loaded, diagnostics: loaded.diagnostics };
  const job = loaded.job;
  if (options.live === undefined) {
    const sample = loadSampleRecords(loaded, job);
    if (!sample.ok) return { status: 'no-sample', loaded, message: sample.message };
    const result = await previewJob({ jobPath: loaded.jobPath, job, records: sample.records, now, maxDocuments: options.maxDocuments });
    return { status: 'previewed', loaded, job, result, source: { kind: 'sample', path: sample.path, records: sample.records.length } };
  }
  const live = options.live;
  const session = await openOrgSession(loaded.workspaceRoot, job.connection, options, job.apiVersion);
  return hidingSecrets(session, async () => {
    // Only the watermark is read (each commit is one transaction, so a run's half-saved state is never seen).
    const { watermark } = await readStateSummary(jobPaths(loaded.workspaceRoot, loaded.jobPath).state);
    options.progress?.step?.(`reading up to ${live} live records from "${job.connection}"…`);
    const source = await liveSource({ session, job, now, limit: live, dateFieldType: loaded.dateFieldType, ...(options.signal ? { signal: options.signal } : {}) })({ seenIds: new NaturalIds(), ...(watermark ? { watermark } : {}) });
    const records: AsyncIterable<readonly SfRecord[]> = source.pages;
    const result = await previewJob({ jobPath: loaded.jobPath, job, records, now, maxDocuments: options.maxDocuments });
    return { status: 'previewed', loaded, job, result, source: { kind: 'live', connection: job.connection } };
  });
}
