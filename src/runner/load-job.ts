import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostics';
import { resolveJob, type ResolvedJob } from '../core/job/resolve';
import { defaultSamplePath, readSample } from '../core/lint/sample';
import type { SfRecord } from '../core/run/types';
import { dateFieldTypeOf } from '../core/soql/describe-paths';
import { validateJob } from '../core/validate';
import { findConnectionsFile } from '../salesforce/connections/load';
import { findDescribeCacheDir, readDescribeCache } from '../salesforce/describe/cache';

export interface LoadedJob {
  jobPath: string;
  /** Present when the job has no errors (warnings allowed). */
  job?: ResolvedJob;
  diagnostics: Diagnostic[];
  /** The folder of sfjob.connections.json (found from the job's folder upwards), else the job's folder. */
  workspaceRoot: string;
  /** The dateField's type as the describe cache knows it (windows compare date fields with dates); datetime otherwise. */
  dateFieldType: 'date' | 'datetime';
}

/**
 * Reads and checks a job file before a run or a preview: a job with errors never runs, since the same
 * checks would only fail later, mid-run, with a less precise message. `text` is the job as an editor
 * holds it (unsaved changes included); without it the file is read.
 */
export function loadJobForRun(jobPath: string, now: Date, text?: string): LoadedJob {
  const absolute = path.resolve(jobPath);
  const folder = path.dirname(absolute);
  text ??= fs.readFileSync(absolute, 'utf8');
  const result = validateJob(text, { path: absolute, readFile: (relative) => readBeside(folder, relative), now });
  const connections = findConnectionsFile(folder);
  const workspaceRoot = connections ? path.dirname(connections) : folder;
  const hasErrors = result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return {
    jobPath: absolute,
    ...(result.job && !hasErrors ? { job: resolveJob(result.job) } : {}),
    diagnostics: result.diagnostics,
    workspaceRoot,
    dateFieldType: cachedDateFieldType(folder, result.job?.connection, result.query?.object, result.job?.dateField),
  };
}

/**
 * Only the dateField's type is taken from the describe cache: the checks that gate a run stay those of
 * the job file, so a stale cache can never stop a run that the org would accept.
 */
function cachedDateFieldType(folder: string, connection: string | undefined, object: string | undefined, dateField: string | undefined): 'date' | 'datetime' {
  const cacheDir = findDescribeCacheDir(folder);
  if (!cacheDir || !dateField) return 'datetime';
  return dateFieldTypeOf(readDescribeCache(cacheDir, connection ? { connection } : {}), object, dateField);
}

/** The job's sample records (the `sample` key, else `<job>.sample.json` beside the job). */
export function loadSampleRecords(jobPath: string, job: ResolvedJob): { ok: true; records: SfRecord[]; path: string } | { ok: false; message: string } {
  const relative = job.sample ?? defaultSamplePath(jobPath);
  const text = readBeside(path.dirname(jobPath), relative);
  if (text === undefined) {
    return { ok: false, message: `there is no sample file ${relative} beside the job; fetch one with "sfjob sample ${path.basename(jobPath)}" or set "sample"` };
  }
  const sample = readSample(relative, text);
  return sample.ok ? { ok: true, records: sample.sample.records, path: relative } : { ok: false, message: sample.message };
}

function readBeside(folder: string, relative: string): string | undefined {
  try {
    return fs.readFileSync(path.resolve(folder, relative), 'utf8');
  } catch {
    return undefined;
  }
}
