import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { isInside } from '../core/inside';

/** Where a run keeps its files, all under the workspace root. */
export interface JobPaths {
  /**
   * The job's identity and `{job}` name: the job file's path inside the workspace without
   * `.sfjob.json` (`team-a/feedback`), so two jobs of the same file name in different folders never
   * share state, lock, output or reports.
   */
  job: string;
  workspaceRoot: string;
  state: string;
  runsFolder: string;
  lock: string;
  /** Where earlier versions kept this job's state (by file name alone), when that differs from `state`. */
  legacyState?: string;
  /** The job file's path inside the workspace, `/`-separated. */
  jobFile: string;
}

/** The job's identity (see JobPaths.job). A job file outside the workspace is known by its file name. */
export function jobIdentity(workspaceRoot: string, jobPath: string): string {
  const root = path.resolve(workspaceRoot);
  const file = path.resolve(workspaceRoot, jobPath);
  const segments = (isInside(file, root, { strictly: true }) ? path.relative(root, file) : path.basename(jobPath)).split(/[\\/]+/).filter((segment) => segment !== '');
  const last = segments.length - 1;
  segments[last] = segments[last].replace(/\.sfjob\.json$/i, '');
  return segments.map(safeFileName).join('/');
}

export function jobPaths(workspaceRoot: string, jobPath: string): JobPaths {
  const job = jobIdentity(workspaceRoot, jobPath);
  const sfjob = path.join(workspaceRoot, '.sfjob');
  const parts = job.split('/');
  const state = path.join(sfjob, 'state', ...parts.slice(0, -1), `${parts[parts.length - 1]}.json`);
  const legacy = path.join(sfjob, 'state', `${parts[parts.length - 1]}.json`);
  const file = path.resolve(workspaceRoot, jobPath);
  return {
    job,
    workspaceRoot,
    state,
    runsFolder: path.join(sfjob, 'runs', ...parts),
    lock: path.join(sfjob, 'locks', ...parts.slice(0, -1), `${parts[parts.length - 1]}.lock`),
    ...(legacy !== state ? { legacyState: legacy } : {}),
    jobFile: isInside(file, path.resolve(workspaceRoot)) ? path.relative(workspaceRoot, file).split(path.sep).join('/') : file,
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
 * relative to the workspace root. Neither a relative nor an absolute path may point outside the
 * workspace (links are checked when the run opens the file: see containment.ts).
 */
export function outputPathFor(template: string, values: { job: string; runId: string; now: Date }, workspaceRoot: string): string {
  const filled = template
    .replaceAll('{job}', values.job)
    .replaceAll('{runId}', values.runId)
    .replaceAll('{date}', values.now.toISOString().slice(0, 10));
  const resolved = path.resolve(workspaceRoot, filled);
  if (!isInside(resolved, path.resolve(workspaceRoot), { strictly: true })) {
    throw new Error(`output.path "${template}" points outside the workspace (${resolved}); use a path inside it`);
  }
  return resolved;
}

/** The folder an output path's file always lands in, whatever the placeholders become: the part before the first one. */
export function outputBaseFolder(template: string, workspaceRoot: string): string {
  const fixed = template.split(/\{(?:job|runId|date)\}/)[0];
  const folder = fixed.endsWith('/') || fixed.endsWith('\\') ? fixed : path.dirname(fixed);
  return path.resolve(workspaceRoot, folder);
}

/** Keeps a job name usable as a file name on every platform. */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'job' : cleaned;
}
