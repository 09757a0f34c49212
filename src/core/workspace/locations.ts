import * as path from 'node:path';
import { jobBaseName } from '../job/resolve';

/** Where a run keeps its files, all under the workspace root. */
export interface JobLocations {
  /** The `{job}` name: the job file's name without `.sfjob.json`. */
  job: string;
  state: string;
  runsFolder: string;
  lock: string;
}

export function jobLocations(workspaceRoot: string, jobPath: string): JobLocations {
  const job = safeFileName(jobBaseName(jobPath));
  const sfjob = path.join(workspaceRoot, '.sfjob');
  return {
    job,
    state: path.join(sfjob, 'state', `${job}.json`),
    runsFolder: path.join(sfjob, 'runs', job),
    lock: path.join(sfjob, 'locks', `${job}.lock`),
  };
}

/** Keeps a job name usable as a file name on every platform. */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'job' : cleaned;
}
