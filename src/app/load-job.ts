import * as fs from 'node:fs';
import * as path from 'node:path';
import { blockingDiagnostics, type Diagnostic } from '../core/diagnostics';
import { resolveJob, type ResolvedJob } from '../core/job/resolve';
import { readSample } from '../core/lint/sample';
import type { SfRecord } from '../core/run/types';
import { dateFieldTypeOf } from '../core/soql/describe-paths';
import { validateJob } from '../core/validate';
import { openJobWorkspace, type FileAccess, type JobWorkspace } from '../core/workspace';
import { fileSystemAccess, jobPaths, type JobPaths } from '../store';
import { cliRemedy } from '../core/remedies';
import { JobFileError } from './use-case';

export interface LoadedJob {
  jobPath: string;
  /** Present when the job has no errors (warnings allowed). */
  job?: ResolvedJob;
  diagnostics: Diagnostic[];
  /** Everything around the job, resolved once: root, connections, cached org, the files it names. */
  workspace: JobWorkspace;
  /** The workspace root: the folder of sfjob.connections.json (found from the job's folder upwards), else the job's folder. */
  workspaceRoot: string;
  /** State, lock and run reports of the job, under the workspace root. */
  paths: JobPaths;
  /** The dateField's type as the describe cache knows it (windows compare date fields with dates); datetime otherwise. */
  dateFieldType: 'date' | 'datetime';
}

export interface LoadJobOptions {
  /** The job as an editor holds it (unsaved changes included); without it the file is read. */
  text?: string;
  /** How files are looked at: the file system unless an editor passes its open documents first. */
  files?: FileAccess;
}

/**
 * Reads and checks a job file before a run or a preview: a job with errors never runs, since the same
 * checks would only fail later, mid-run, with a less precise message. The checks see exactly what
 * "sfjob validate" sees, through the same job workspace.
 */
export function loadJobForRun(jobPath: string, now: Date, options: LoadJobOptions = {}): LoadedJob {
  const absolute = path.resolve(jobPath);
  const text = options.text ?? fs.readFileSync(absolute, 'utf8');
  const workspace = openJobWorkspace(absolute, text, options.files ?? fileSystemAccess);
  const result = validateJob(text, workspace.validationContext(now));
  // The code table says which problems stop a run; today that is every error, declared once for both faces.
  const hasErrors = blockingDiagnostics(result.diagnostics, 'run').length > 0;
  // Only the dateField's type is taken from describe data: a stale cache can never add errors the org would not.
  const dateFieldType = result.job?.dateField ? dateFieldTypeOf(workspace.describe, result.query?.object, result.job.dateField) : 'datetime';
  return {
    jobPath: absolute,
    ...(result.job && !hasErrors ? { job: resolveJob(result.job) } : {}),
    diagnostics: result.diagnostics,
    workspace,
    workspaceRoot: workspace.root,
    paths: jobPaths(workspace.root, absolute),
    dateFieldType,
  };
}

/**
 * loadJobForRun for a use case: a job file that cannot be read is a JobFileError (bad input to the
 * faces), told apart from a job with errors.
 */
export function openJobForRun(jobPath: string, now: Date, options: LoadJobOptions = {}): LoadedJob {
  try {
    return loadJobForRun(jobPath, now, { ...(options.text !== undefined ? { text: options.text } : {}), ...(options.files ? { files: options.files } : {}) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new JobFileError(path.resolve(jobPath), code === 'ENOENT' ? 'it does not exist' : (error as Error).message);
  }
}

/** The job's sample records (the `sample` key, else `<job>.sample.json` beside the job), read through its workspace. */
export function loadSampleRecords(loaded: Pick<LoadedJob, 'jobPath' | 'workspace'>, job: ResolvedJob): { ok: true; records: SfRecord[]; path: string } | { ok: false; message: string } {
  const name = loaded.workspace.sampleName(job.sample);
  const opened = loaded.workspace.openFile(name, 'sample');
  if (!opened.ok) {
    if (opened.problem === 'missing') {
      return { ok: false, message: `there is no sample file ${name} beside the job; fetch one with ${cliRemedy('fetch-sample', path.basename(loaded.jobPath))} or set "sample"` };
    }
    return { ok: false, message: `the sample file ${name} cannot be used: ${opened.reason}` };
  }
  const sample = readSample(name, opened.text);
  return sample.ok ? { ok: true, records: sample.sample.records, path: name } : { ok: false, message: sample.message };
}

/** The sample records of a job known only by its path and parsed keys, read through its workspace. */
export function loadSampleRecordsOf(jobPath: string, job: ResolvedJob, files: FileAccess = fileSystemAccess): ReturnType<typeof loadSampleRecords> {
  const absolute = path.resolve(jobPath);
  return loadSampleRecords({ jobPath: absolute, workspace: openJobWorkspace(absolute, undefined, files) }, job);
}
