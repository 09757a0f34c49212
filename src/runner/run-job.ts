import * as path from 'node:path';
import type { ResolvedJob } from '../core/job/resolve';
import { createPipeline, RunStoppedError } from '../core/run/pipeline';
import { RunCost } from '../core/run/cost';
import { WatermarkAheadError } from '../core/run/window';
import type { Compilers } from '../core/run/plan';
import { createSerializer } from '../core/run/serialize';
import { createCounters, type RunCounters, type RunEvent, type SfRecord } from '../core/run/types';
import {
  acquireLock,
  carryOverLegacyState,
  createRunId,
  jobPaths,
  openOutput,
  openRunState,
  outputPathFor,
  ownFolders,
  realPathInside,
  removeOutputFiles,
  stagedStateChecks,
  sweepTemporaries,
  writeRunReport,
  writeStateSummary,
  type CommittedOutput,
  type JobState,
  type OutputWriter,
  type RunState,
} from '../store';
import { planJob } from './plan-job';
import { countersPart, EventLog, notPublishedReasons, reasonsText, type RetrievalCounts, type RunReport, type RunStatus, type RunWindow } from './report';
import { NaturalIds } from '../core/run/natural-ids';
import { toText } from '../core/run/fields';
import { plural } from '../core/plural';
import { isInside } from '../core/inside';

/**
 * One run of a job on this machine: lock, state, pipeline, output file, state again, report.
 *
 * Order matters for safety. The documents are flushed to disk and renamed into place first; only then is
 * the new state (watermark, natural ids) saved; the report comes last. A run that fails or is stopped
 * before the rename leaves the last good output and state exactly as they were, so the next run pulls
 * the same window again; one whose state cannot be saved after the rename removes its output again.
 */

export interface RunSource {
  pages: AsyncIterable<readonly SfRecord[]>;
  /** The window the pages were queried with; its `until` becomes the next watermark. */
  window?: RunWindow;
  /** API calls made so far, read when the run ends. */
  apiCalls?: () => number;
  /** The org's API usage as Salesforce last reported it (Sforce-Limit-Info). */
  apiUsage?: () => { used: number; max: number } | undefined;
  /** How often requests were retried, windows queried again or split. */
  retrieval?: () => RetrievalCounts;
  /**
   * Why the source ended before the end of its window (the org's API allowance ran out), if it did:
   * the run then keeps what it read and moves the watermark only as far as that.
   */
  stoppedEarly?: () => string | undefined;
  /** The pages come in no date order (Bulk API 2.0): a run stopped part-way cannot move the watermark. */
  unordered?: boolean;
  /** The org's time at the run's start (the Date header of its answer): the watermark never passes it. */
  orgTime?: Date;
  /** The window was chosen by the person (`--since`, `--full`), not by the watermark: the watermark may move back. */
  chosenWindow?: boolean;
  /**
   * The instant the window starts at when it is the watermark a stopped run left (not for sms): records
   * dated then that an earlier run delivered are left out (see the pipeline).
   */
  boundary?: string;
}

export interface RunJobOptions {
  /** The job file, for the `{job}` name, rule files and messages. */
  jobPath: string;
  job: ResolvedJob;
  /**
   * The records, as pages. A function is called once the lock is held, with the saved state, so it can
   * compose the window from the watermark.
   */
  source: AsyncIterable<readonly SfRecord[]> | ((state: JobState) => RunSource | Promise<RunSource>);
  /** The run's time: loadDate, `{date}`, the run id, expressions' NOW(). */
  now: Date;
  runId?: string;
  workspaceRoot: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  compilers?: Compilers;
  /** When the run finished; defaults to the system clock. */
  clock?: () => Date;
  /** Masks secrets in the error before it reaches the report (the session's tokens and passwords). */
  redact?: (text: string) => string;
}

export interface RunOutcome {
  status: RunStatus;
  runId: string;
  report: RunReport;
  reportPath: string;
  /** Absent when the run wrote no document. */
  output?: CommittedOutput;
  error?: Error;
}

/**
 * Runs a job. Throws JobLockedError when another run of the job holds the lock (nothing is written);
 * every other failure is returned as a failed outcome with its report written.
 */
export async function runJob(options: RunJobOptions): Promise<RunOutcome> {
  const { job, now, workspaceRoot } = options;
  const runId = options.runId ?? createRunId(now);
  const paths = jobPaths(workspaceRoot, options.jobPath);
  const lock = await acquireLock(paths.lock, { runId, startedAt: now.toISOString() });
  const log = new EventLog();
  let counters: RunCounters = createCounters();
  let stateBefore: JobState | undefined;
  /** How many natural ids the state held before the run, and after it. */
  let seenBefore = 0;
  let seenAfter: number | undefined;
  let stateAfter: JobState | undefined;
  let database: RunState | undefined;
  /** The run's ids are staged in the database and not yet merged: a failure drops them again. */
  let staged = false;
  let window: RunWindow | undefined;
  let apiCalls: (() => number) | undefined;
  let apiUsage: RunSource['apiUsage'];
  let retrieval: RunSource['retrieval'];
  let stoppedEarly: string | undefined;
  let writer: OutputWriter | undefined;
  let output: CommittedOutput | undefined;
  let failure: Error | undefined;
  let stateSaved = false;
  let zeroReasons: Record<string, number> | undefined;
  const folders = ownFolders(paths, job.output.path);
  const note = (event: RunEvent): void => {
    log.add(event);
    options.onEvent?.(event);
  };
  const warn = (message: string): void => {
    counters.warnings++;
    note({ type: 'warning', message });
  };
  const notes: string[] = [];
  let cost: RunCost | undefined;
  try {
    // A run killed part-way leaves its temporary files behind; its lock lists them.
    await sweepTemporaries(lock, folders);
    const carried = await carryOverLegacyState(paths);
    if (carried) notes.push(carried);
    const opened = await openRunState(paths.state, stagedStateChecks(paths, folders), now);
    database = opened.state;
    const { recovered, summary } = opened;
    if (opened.migrated) notes.push(opened.migrated);
    // The run's store of natural ids starts empty: the ids each page names are looked up in the saved
    // state before the page is read (beforePage), so memory follows the run, not the job's history.
    stateBefore = { seenIds: new NaturalIds(), ...(summary.watermark ? { watermark: summary.watermark } : {}), ...(summary.lastRunId ? { lastRunId: summary.lastRunId } : {}) };
    seenBefore = summary.seenIdCount;
    const plan = planJob(job, options.jobPath, options.compilers);
    const runIds = stateBefore.seenIds;
    const saved = database;
    const lookUpPage = (records: readonly SfRecord[]): void => {
      if (job.duplicates === 'allow' && !source.boundary) return;
      const wanted = new Set<string>();
      for (const record of records) {
        try {
          const id = toText(plan.naturalId(record, now));
          if (id !== '' && !runIds.known(id)) wanted.add(id);
        } catch {
          // The mapping stage reports a natural_id that cannot be computed.
        }
      }
      if (wanted.size > 0) for (const [id, hash] of saved.lookup([...wanted])) runIds.noteLoaded(id, hash);
    };
    const source = typeof options.source === 'function' ? await options.source(stateBefore) : { pages: options.source };
    window = source.window;
    apiCalls = source.apiCalls;
    apiUsage = source.apiUsage;
    retrieval = source.retrieval;
    const pipeline = createPipeline({
      pages: source.pages,
      plan,
      now,
      seenIds: runIds,
      beforePage: lookUpPage,
      onEvent: note,
      ...(source.boundary ? { boundary: source.boundary } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    counters = pipeline.counters;
    for (const message of notes) warn(message);
    if (window?.clock === 'local') warn("the org's time could not be read (no Date header in its answer), so the window ended at this machine's clock");
    if (recovered) {
      warn(
        recovered === 'published'
          ? 'an earlier run was killed between publishing its output and saving its state; its state was saved now'
          : 'an earlier run was killed while saving its output; its unfinished files were removed, and its window is read again',
      );
    }
    const target = outputPathFor(job.output.path, { job: paths.job, runId, now }, workspaceRoot);
    await realPathInside(workspaceRoot, target, 'output.path');
    writer = await openOutput(target, createSerializer(job), stateBefore.seenIds, lock.noteTemporary);
    // The natural ids written go straight into the loaded store rather than a set of their own and a
    // merged copy: at a million documents each extra copy costs tens of megabytes. The duplicates stage
    // and the output writer note this run's ids in the same store (see natural-ids.ts).
    const seenIds = stateBefore.seenIds;
    cost = new RunCost(seenIds, job.maxFeedbackRecords, job.duplicates !== 'replace');
    for await (const page of pipeline.pages) {
      await writer.write(page);
      cost.addPage(page);
      for (const unit of page) seenIds.noteWritten(unit.document.natural_id, unit.contentHash);
    }
    // The budget is checked before the commit, so a run over it publishes nothing (see cost.ts).
    cost.finish();
    if (options.signal?.aborted) throw new RunStoppedError();
    stoppedEarly = source.stoppedEarly?.();
    const notOrderedByDate = job.feedbackType === 'sms' || source.unordered === true;
    if (notOrderedByDate && (counters.stoppedAtLimit || stoppedEarly)) {
      // See nextWatermark: without date order the watermark cannot move part-way through a window.
      warn(
        job.feedbackType === 'sms'
          ? 'this sms run stopped before the end of its window, so the next run reads the same window again; raise recordLimit (or run more often) so a run can finish its window'
          : 'this Bulk API run stopped before the end of its window, so the next run reads the same window again (the duplicates setting handles the records read twice)',
      );
    }
    const newState: JobState = { seenIds, lastRunId: runId };
    const limit = source.orgTime ?? now;
    const watermark = nextWatermark(source.chosenWindow ? undefined : stateBefore.watermark, counters, window, notOrderedByDate, limit, stoppedEarly !== undefined);
    if (watermark !== undefined) newState.watermark = watermark;
    else if (stateBefore.watermark !== undefined) newState.watermark = stateBefore.watermark;
    const stagedRun = { written: seenIds.written(), lastRunId: runId, ...(newState.watermark ? { watermark: newState.watermark } : {}) };
    output = await writer.commit(async (files) => {
      await saved.stage(stagedRun, now, { temporary: files.temporary, target: files.path, ...(files.others ? { others: files.others } : {}) });
      staged = true;
    });
    writer = undefined;
    if (output) saved.publish(now);
    else await saved.stage(stagedRun, now);
    staged = false;
    stateSaved = true;
    const summaryAfter = saved.summary();
    seenAfter = summaryAfter.seenIdCount;
    // The state is saved; the summary beside it only describes it, so failing to write it is a warning.
    await writeStateSummary(paths.state, summaryAfter, lock.noteTemporary).catch((error: unknown) => warn(`the state summary ${paths.state} could not be written (${error instanceof Error ? error.message : String(error)}); the state itself was saved`));
    stateAfter = newState;
    if (counters.retrieved > 0 && !output) {
      zeroReasons = notPublishedReasons(counters);
      warn(`read ${plural(counters.retrieved, 'record')} and published no document (${reasonsText(zeroReasons)}); check the filter, the duplicates setting and the skips if documents were expected`);
    }
  } catch (error) {
    // A stop can surface from any stage (a fetch or a backoff pause aborted by the signal); whatever
    // form it takes, the person asked for it, so it is reported as a stop, not a failure.
    failure = options.signal?.aborted ? new RunStoppedError() : error instanceof Error ? error : new Error(String(error));
    if (failure instanceof WatermarkAheadError) failure = new Error(`${failure.message}; repair it with "sfjob run ${paths.jobFile} --since <date-time>" to read again from a time you choose, or "sfjob run ${paths.jobFile} --full" to read from the beginning`);
    stateAfter = undefined;
    await writer?.abort();
    // Output already in place but no state to match it (the disk filled up, the state folder is not
    // writable): the next run reads the same window again, so keeping this file would deliver every
    // one of its documents twice. The run is all or nothing.
    if (output && !stateSaved) {
      await removeOutputFiles(output.files ?? [output.path]);
      failure = new Error(`${failure.message} (the run's output ${output.path} was removed again, since the state could not be saved; the next run reads the same window)`);
      output = undefined;
    }
    if (!output && staged) {
      try {
        database?.discardStaged();
      } catch {
        // The next run settles the publication left recorded.
      }
    }
  } finally {
    database?.close();
  }

  const status: RunStatus = !failure ? 'succeeded' : failure instanceof RunStoppedError ? 'stopped' : 'failed';
  const finished = (options.clock ?? (() => new Date()))();
  const before = stateBefore ?? { seenIds: new NaturalIds() };
  const after = stateAfter ?? before;
  const report: RunReport = {
    runId,
    job: paths.job,
    jobFile: paths.jobFile,
    jobName: job.name,
    project: job.project,
    feedbackType: job.feedbackType,
    status,
    ...(failure ? { error: options.redact ? options.redact(failure.message) : failure.message } : {}),
    startedAt: now.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: Math.max(0, finished.getTime() - now.getTime()),
    ...(output
      ? { output: { path: relativeTo(workspaceRoot, output.path), format: job.output.format, documents: output.documents, bytes: output.bytes, ...(output.files ? { files: output.files.map((file) => relativeTo(workspaceRoot, file)) } : {}) } }
      : {}),
    ...countersPart(counters, log),
    written: output?.documents ?? 0,
    ...(zeroReasons ? { zeroOutcome: { reasons: zeroReasons } } : {}),
    ...(cost ? { feedbackRecords: cost.summary() } : {}),
    ...(stoppedEarly ? { stoppedEarly } : {}),
    ...(apiCalls ? { apiCalls: apiCalls() } : {}),
    ...(apiUsage?.() ? { apiUsage: apiUsage() } : {}),
    ...(retrieval ? { retrieval: retrieval() } : {}),
    ...(window ? { window } : {}),
    state: {
      before: { ...(before.watermark ? { watermark: before.watermark } : {}), seenIds: seenBefore },
      after: { ...(after.watermark ? { watermark: after.watermark } : {}), seenIds: stateAfter && seenAfter !== undefined ? seenAfter : seenBefore },
    },
  };
  let pathOfReport: string;
  try {
    pathOfReport = await writeRunReport(paths, runId, report, lock.noteTemporary);
  } finally {
    await lock.release();
  }
  return { status, runId, report, reportPath: pathOfReport, ...(output ? { output } : {}), ...(failure ? { error: failure } : {}) };
}

/**
 * The next run's lower bound. A run that read its whole window moves it to the window's end (or the
 * latest record date when there was no window). A run the record limit (or the source) stopped moves it
 * only to the latest record it handled, so the next run continues from there; rows sharing that timestamp come
 * again and the duplicates policy takes care of them. sms rows are ordered by conversation, and Bulk
 * API rows not at all, so such a stopped run keeps the old watermark and the next run pulls the same window again. The
 * watermark never moves back, and never past the run's start.
 */
export function nextWatermark(
  before: string | undefined,
  counters: RunCounters,
  window: RunWindow | undefined,
  notOrderedByDate: boolean,
  now: Date,
  sourceStoppedEarly = false,
): string | undefined {
  let candidate: string | undefined;
  if (!counters.stoppedAtLimit && !sourceStoppedEarly) candidate = window?.until ?? counters.lastRecordDate;
  else if (!notOrderedByDate) candidate = counters.lastRecordDate;
  if (candidate === undefined) return before;
  const capped = Date.parse(candidate) > now.getTime() ? now.toISOString() : new Date(Date.parse(candidate)).toISOString();
  if (before !== undefined && Date.parse(capped) < Date.parse(before)) return before;
  return capped;
}

function relativeTo(root: string, file: string): string {
  const absolute = path.resolve(root, file);
  return isInside(absolute, path.resolve(root)) ? path.relative(root, absolute).split(path.sep).join('/') : absolute;
}
