import * as fs from 'node:fs';
import * as path from 'node:path';
import { acquireLock } from '../../src/store/lock';

/**
 * One contender for a job's lock, run as its own process by concurrency.test.ts: says it is ready,
 * waits for the go file so every contender tries at once, tries to take the lock, holds it a while,
 * and prints one JSON line saying what happened and when it held the lock.
 */
async function contend(lockPath: string, barrier: string, holdMs: number): Promise<void> {
  fs.writeFileSync(path.join(barrier, `ready-${process.pid}`), '');
  while (!fs.existsSync(path.join(barrier, 'go'))) await new Promise((resolve) => setTimeout(resolve, 2));
  try {
    const lock = await acquireLock(lockPath, { runId: `contender-${process.pid}`, startedAt: new Date().toISOString() });
    const from = Date.now();
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    const to = Date.now();
    await lock.release();
    process.stdout.write(`${JSON.stringify({ pid: process.pid, got: true, from, to })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ pid: process.pid, got: false, message: (error as Error).message })}\n`);
  }
}

const [lockPath, barrier, holdMs] = process.argv.slice(2);
void contend(lockPath, barrier, Number(holdMs));
