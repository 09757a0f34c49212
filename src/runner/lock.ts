import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * One run of a job at a time. The lock is a file created exclusively (`wx`), holding the owner's pid,
 * host and run id. A lock whose process is gone (a crash, a killed terminal) is stale and taken over;
 * a lock held by a live process, or by another machine, stops the second run with a clear message.
 */

export interface LockOwner {
  pid: number;
  hostname: string;
  runId: string;
  startedAt: string;
  /** The unfinished output file the run writes to, so whoever takes over a dead run's lock can remove it. */
  outputTemporary?: string;
}

export class JobLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly owner: LockOwner,
  ) {
    const where = owner.hostname === os.hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.hostname}`;
    super(
      `the job is already running (${where}, run ${owner.runId}, started ${owner.startedAt}); wait for it to finish, or delete ${lockPath} if that run is certainly gone`,
    );
    this.name = 'JobLockedError';
  }
}

export interface HeldLock {
  path: string;
  /** The owner of the stale lock this one replaced: a run that died without cleaning up. */
  takenOverFrom?: LockOwner;
  /** Records the run's unfinished output file in the lock. */
  noteOutput(temporary: string): Promise<void>;
  release(): Promise<void>;
}

export async function acquireLock(lockPath: string, owner: Omit<LockOwner, 'hostname' | 'pid'>, isAlive: (pid: number) => boolean = processIsAlive): Promise<HeldLock> {
  await fs.mkdir(path.dirname(lockPath), { recursive: true });
  const mine: LockOwner = { pid: process.pid, hostname: os.hostname(), ...owner };
  // Two tries: the second follows taking over a stale lock. If another run took it over first, the
  // second try fails and reports that run.
  let stale: LockOwner | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockPath, JSON.stringify(mine), { flag: 'wx' });
      return {
        path: lockPath,
        ...(stale ? { takenOverFrom: stale } : {}),
        // Rewritten in place: a lock cut short by a crash reads as stale, which is what it then is.
        noteOutput: (temporary) => fs.writeFile(lockPath, JSON.stringify({ ...mine, outputTemporary: temporary })),
        release: () => releaseLock(lockPath, mine),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readOwner(lockPath);
    if (holder && !isStale(holder, isAlive)) throw new JobLockedError(lockPath, holder);
    stale = holder;
    await fs.rm(lockPath, { force: true });
  }
  const holder = await readOwner(lockPath);
  throw new JobLockedError(lockPath, holder ?? { pid: 0, hostname: 'unknown', runId: 'unknown', startedAt: 'unknown' });
}

async function releaseLock(lockPath: string, mine: LockOwner): Promise<void> {
  // Only our own lock is removed: if ours was wrongly taken over, the other run's lock stays.
  const holder = await readOwner(lockPath);
  if (holder && holder.pid === mine.pid && holder.runId === mine.runId) await fs.rm(lockPath, { force: true });
}

/** A lock file that cannot be read (a crash while writing it) is treated as stale: it has no live owner. */
async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  let text: string;
  try {
    text = await fs.readFile(lockPath, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number') return undefined;
    return {
      pid: parsed.pid,
      hostname: String(parsed.hostname ?? ''),
      runId: String(parsed.runId ?? 'unknown'),
      startedAt: String(parsed.startedAt ?? 'unknown'),
      ...(typeof parsed.outputTemporary === 'string' ? { outputTemporary: parsed.outputTemporary } : {}),
    };
  } catch {
    return undefined;
  }
}

function isStale(holder: LockOwner, isAlive: (pid: number) => boolean): boolean {
  // A pid on another machine cannot be checked from here, so such a lock is respected.
  if (holder.hostname !== '' && holder.hostname !== os.hostname()) return false;
  return !isAlive(holder.pid);
}

export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
