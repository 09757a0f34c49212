import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * One run of a job at a time. The lock is a file holding the owner's pid, host and run id, put in place
 * whole: it is written to a file of its own first and then hard-linked to the lock's name, which fails
 * when a lock exists, so no other run ever sees a lock half written. A lock whose process is gone (a
 * crash, a killed terminal) is stale and taken over; a lock held by a live process, or by another
 * machine, stops the second run with a clear message.
 *
 * Taking over must not remove a lock that another run has just taken over itself. Only the holder of
 * a takeover marker (`<lock>.takeover`, put in place the same way) may remove a stale lock, and only
 * after reading it again and finding the same stale owner.
 */

export interface LockOwner {
  pid: number;
  hostname: string;
  runId: string;
  startedAt: string;
  /** The unfinished output file the run writes to, so whoever takes over a dead run's lock can remove it. */
  outputTemporary?: string;
  /** Every temporary file the run created or is about to create, so whoever takes over a dead run's lock can remove them. */
  temporaries?: string[];
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
  /** Records a temporary file in the lock before it is created (see NoteTemporary in durable.ts). */
  noteTemporary(temporary: string): Promise<void>;
  release(): Promise<void>;
}

export async function acquireLock(lockPath: string, owner: Omit<LockOwner, 'hostname' | 'pid'>, isAlive: (pid: number) => boolean = processIsAlive): Promise<HeldLock> {
  await fs.mkdir(path.dirname(lockPath), { recursive: true });
  const mine: LockOwner = { pid: process.pid, hostname: os.hostname(), ...owner };
  // Two tries: the second follows taking over a stale lock. If another run took it over first, the
  // second try fails and reports that run.
  let stale: LockOwner | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await placeWhole(lockPath, mine)) {
      const temporaries: string[] = [];
      return {
        path: lockPath,
        ...(stale ? { takenOverFrom: stale } : {}),
        noteTemporary: async (temporary) => {
          temporaries.push(temporary);
          await replaceWhole(lockPath, { ...mine, temporaries });
        },
        release: () => releaseLock(lockPath, mine),
      };
    }
    const holder = await readOwner(lockPath);
    if (holder && !isStale(holder, isAlive)) throw new JobLockedError(lockPath, holder);
    stale = holder;
    await removeStale(lockPath, holder, mine, isAlive);
  }
  const holder = await readOwner(lockPath);
  throw new JobLockedError(lockPath, holder ?? { pid: 0, hostname: 'unknown', runId: 'unknown', startedAt: 'unknown' });
}

/** Puts `owner` at `target` in one step; false when something is already there. */
async function placeWhole(target: string, owner: LockOwner): Promise<boolean> {
  const staging = `${target}.${owner.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(staging, JSON.stringify(owner));
  try {
    await fs.link(staging, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.rm(staging, { force: true });
  }
}

/** Rewrites our own lock in one step (a rename), so no other run ever reads it half written. */
async function replaceWhole(target: string, owner: LockOwner): Promise<void> {
  const staging = `${target}.${owner.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(staging, JSON.stringify(owner));
  await fs.rename(staging, target);
}

/**
 * Removes the stale lock `seen`, unless another run is taking it over (then its lock will stop this
 * one on the next try). A marker left by a run that died while taking over is removed first.
 */
async function removeStale(lockPath: string, seen: LockOwner | undefined, mine: LockOwner, isAlive: (pid: number) => boolean): Promise<void> {
  const marker = `${lockPath}.takeover`;
  if (!(await placeWhole(marker, mine))) {
    const taker = await readOwner(marker);
    if (taker && !isStale(taker, isAlive)) return;
    await fs.rm(marker, { force: true });
    if (!(await placeWhole(marker, mine))) return;
  }
  try {
    if (sameOwner(await readOwner(lockPath), seen)) await fs.rm(lockPath, { force: true });
  } finally {
    await fs.rm(marker, { force: true });
  }
}

function sameOwner(a: LockOwner | undefined, b: LockOwner | undefined): boolean {
  if (!a || !b) return a === b;
  return a.pid === b.pid && a.hostname === b.hostname && a.runId === b.runId && a.startedAt === b.startedAt;
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
      ...(Array.isArray(parsed.temporaries) ? { temporaries: parsed.temporaries.filter((file): file is string => typeof file === 'string') } : {}),
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

/**
 * The lock's own staging files (`<lock>.<pid>.<hex>.tmp`, and those of its takeover marker) that a
 * killed process left: those of processes that are gone. A live contender's are its own business.
 */
export async function strayLockFiles(lockPath: string, isAlive: (pid: number) => boolean = processIsAlive): Promise<string[]> {
  const folder = path.dirname(lockPath);
  const base = path.basename(lockPath);
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.takeover)?\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
  return names.flatMap((name) => {
    const match = pattern.exec(name);
    return match && !isAlive(Number(match[1])) ? [path.join(folder, name)] : [];
  });
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
