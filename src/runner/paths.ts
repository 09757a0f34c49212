import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { jobBaseName } from '../core/job/resolve';

/** Where a run keeps its files, all under the workspace root. */
export interface JobPaths {
  /** The `{job}` name: the job file's name without `.sfjob.json`. */
  job: string;
  state: string;
  runsFolder: string;
  lock: string;
}

export function jobPaths(workspaceRoot: string, jobPath: string): JobPaths {
  const job = safeFileName(jobBaseName(jobPath));
  const sfjob = path.join(workspaceRoot, '.sfjob');
  return {
    job,
    state: path.join(sfjob, 'state', `${job}.json`),
    runsFolder: path.join(sfjob, 'runs', job),
    lock: path.join(sfjob, 'locks', `${job}.lock`),
  };
}

export function reportPath(paths: JobPaths, runId: string): string {
  return path.join(paths.runsFolder, `${runId}.json`);
}

/**
 * A run id that sorts by start time and is unique even for runs started in the same millisecond:
 * `20261125T080000123Z-9f2c1a`.
 */
export function createRunId(now: Date, random: () => string = () => randomBytes(3).toString('hex')): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${random()}`;
}

/**
 * The output path for a run: `{job}`, `{runId}` and `{date}` (the run's UTC date, YYYY-MM-DD) filled in,
 * relative to the workspace root unless absolute. A relative path may not climb out of the workspace.
 */
export function outputPathFor(template: string, values: { job: string; runId: string; now: Date }, workspaceRoot: string): string {
  const filled = template
    .replaceAll('{job}', values.job)
    .replaceAll('{runId}', values.runId)
    .replaceAll('{date}', values.now.toISOString().slice(0, 10));
  if (path.isAbsolute(filled)) return path.normalize(filled);
  const resolved = path.resolve(workspaceRoot, filled);
  const relative = path.relative(workspaceRoot, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`output.path "${template}" points outside the workspace (${resolved}); use a path inside it, or an absolute path`);
  }
  return resolved;
}

/** Keeps a job name usable as a file name on every platform. */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'job' : cleaned;
}
