import { writeFileDurably, type NoteTemporary } from './durable';
import { reportPath, type JobPaths } from './paths';

/**
 * Writes a run's report to `.sfjob/runs/<job>/<run id>.json`, whole or not at all; its temporary is
 * noted in the run's lock first, so a run killed while writing it leaves nothing the next run keeps.
 * Returns the report's path.
 */
export async function writeRunReport(paths: JobPaths, runId: string, report: object, noteTemporary?: NoteTemporary): Promise<string> {
  const file = reportPath(paths, runId);
  await writeFileDurably(file, `${JSON.stringify(report, null, 2)}\n`, noteTemporary ? { noteTemporary } : {});
  return file;
}
