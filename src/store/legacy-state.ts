import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { syncFolder } from './durable';
import type { JobPaths } from './paths';
import { stateDatabasePath } from './state-db';
import { stagedStatePath } from './state-recovery';

/**
 * Earlier versions kept a job's state by its file name alone (`.sfjob/state/feedback.json`), so
 * `team-a/feedback.sfjob.json` and `team-b/feedback.sfjob.json` shared one. A job's state now lives
 * under its path inside the workspace; on its first run there, the old file is carried over when it
 * certainly belongs to this job: the report of the run that saved it names this job file, or (with no
 * such report) this is the only job file of that name in the workspace. Otherwise it is left where it
 * is and the run says so. Returns a sentence for the run's warnings, or undefined when nothing happened.
 */
export async function carryOverLegacyState(paths: JobPaths): Promise<string | undefined> {
  const legacy = paths.legacyState;
  if (!legacy) return undefined;
  if ((await exists(paths.state)) || (await exists(stateDatabasePath(paths.state)))) return undefined;
  if (!(await exists(legacy)) || (await exists(stagedStatePath(legacy)))) return undefined;
  const baseName = path.basename(legacy, '.json');
  const owner = await ownerByReport(legacy, path.join(path.dirname(path.dirname(legacy)), 'runs', baseName));
  const ours = owner !== undefined ? owner === paths.jobFile : (await jobFilesNamed(paths.workspaceRoot, `${baseName}.sfjob.json`)).length === 1;
  if (!ours) {
    return `the state ${relative(paths, legacy)} (kept by file name by an earlier version) was not carried over to ${relative(paths, paths.state)}: ${owner !== undefined ? `it belongs to ${owner}` : `more than one job file is named ${baseName}.sfjob.json`}; this run starts without it (move it there yourself if it is this job's)`;
  }
  await fs.mkdir(path.dirname(paths.state), { recursive: true });
  await fs.rename(legacy, paths.state);
  await syncFolder(path.dirname(paths.state));
  await syncFolder(path.dirname(legacy));
  return `the state ${relative(paths, legacy)} was carried over to ${relative(paths, paths.state)}, where each job's state now lives`;
}

/** The job file the last run's report names, when the old state says which run saved it and the report is there. */
async function ownerByReport(legacy: string, runsFolder: string): Promise<string | undefined> {
  try {
    const state = JSON.parse(await fs.readFile(legacy, 'utf8')) as { lastRunId?: unknown };
    if (typeof state.lastRunId !== 'string' || !/^[\w.-]+$/.test(state.lastRunId)) return undefined;
    const report = JSON.parse(await fs.readFile(path.join(runsFolder, `${state.lastRunId}.json`), 'utf8')) as { jobFile?: unknown };
    return typeof report.jobFile === 'string' ? report.jobFile : undefined;
  } catch {
    return undefined;
  }
}

/** Job files of this name in the workspace (hidden folders and node_modules left out), at most two: enough to know whether it is unique. */
async function jobFilesNamed(root: string, name: string): Promise<string[]> {
  const found: string[] = [];
  const lower = name.toLowerCase();
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > 12 || found.length > 1) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if (entry.isFile() && entry.name.toLowerCase() === lower) found.push(full);
    }
  };
  await walk(root, 0);
  return found;
}

function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function relative(paths: JobPaths, file: string): string {
  return path.relative(paths.workspaceRoot, file).split(path.sep).join('/');
}
