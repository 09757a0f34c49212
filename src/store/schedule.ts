import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileDurably } from './durable';
import type { JobPaths } from './paths';

/**
 * When a job's schedule was first seen on this machine, kept in `.sfjob/schedule/<job>.json`: a job that
 * never ran is due once a scheduled time has passed since then (the contract's "first run at or after
 * the moment the schedule is set up").
 */

function firstSeenPath(paths: JobPaths): string {
  return path.join(paths.workspaceRoot, '.sfjob', 'schedule', `${paths.job}.json`);
}

/** The moment recorded for the job, or `now`, which is recorded when nothing (usable) was. */
export async function scheduleFirstSeen(paths: JobPaths, now: Date): Promise<Date> {
  const file = firstSeenPath(paths);
  try {
    const stored = JSON.parse(await fs.readFile(file, 'utf8')) as { firstSeen?: unknown };
    const date = typeof stored.firstSeen === 'string' ? new Date(stored.firstSeen) : undefined;
    if (date && !Number.isNaN(date.getTime())) return date;
  } catch {
    // Not seen before (or the file is damaged): from now on it is.
  }
  await writeFileDurably(file, `${JSON.stringify({ firstSeen: now.toISOString() })}\n`);
  return now;
}
