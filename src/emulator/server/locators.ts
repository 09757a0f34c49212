import { randomBytes } from 'node:crypto';
import type { QueryExecution } from '../soql/types';

export interface QueryCursor {
  readonly execution: QueryExecution;
  /** The session that opened the cursor; any other session gets INVALID_QUERY_LOCATOR. */
  readonly sessionId: string;
  /** The user the session signed in as: the cap on open cursors counts per user, across sessions. */
  readonly userId: string;
  readonly batchSize: number;
  lastUsed: number;
}

/**
 * Salesforce lets one user hold at most 10 open query cursors: opening an 11th releases the oldest,
 * whose next page then answers INVALID_QUERY_LOCATOR. Every session of the user counts.
 */
export const MAX_CURSORS_PER_USER = 10;
/** Open cursors in all; a long-running emulator with many sessions must not hold results forever. */
const MAX_CURSORS = 500;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Query locators: the executed query is kept (as an index of matching rows, not serialized records)
 * and each page is serialized only when asked for, so memory stays at one page per request.
 */
export class LocatorStore {
  private readonly cursors = new Map<string, QueryCursor>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  open(execution: QueryExecution, owner: { id: string; userId: string }, batchSize: number): string {
    this.releaseOldestOf(owner.userId);
    if (this.cursors.size >= MAX_CURSORS) this.sweep();
    const id = newLocatorId();
    this.cursors.set(id, { execution, sessionId: owner.id, userId: owner.userId, batchSize, lastUsed: this.now().getTime() });
    return id;
  }

  /** The cursor for a session, or undefined when unknown, expired, or opened by another session. */
  find(id: string, sessionId: string): QueryCursor | undefined {
    const cursor = this.cursors.get(id);
    if (!cursor) return undefined;
    const now = this.now().getTime();
    if (now - cursor.lastUsed > this.ttlMs) {
      this.cursors.delete(id);
      return undefined;
    }
    if (cursor.sessionId !== sessionId) return undefined;
    cursor.lastUsed = now;
    return cursor;
  }

  close(id: string): void {
    this.cursors.delete(id);
  }

  invalidateAll(): number {
    const count = this.cursors.size;
    this.cursors.clear();
    return count;
  }

  get size(): number {
    return this.cursors.size;
  }

  /** Drops expired cursors, then the least recently used ones while still at the cap. */
  private sweep(): void {
    const now = this.now().getTime();
    for (const [id, cursor] of this.cursors) if (now - cursor.lastUsed > this.ttlMs) this.cursors.delete(id);
    const byAge = [...this.cursors].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (let i = 0; this.cursors.size >= MAX_CURSORS; i++) this.cursors.delete(byAge[i][0]);
  }

  /** Releases the user's oldest cursors (by when they were opened: the map keeps that order) until one more fits. */
  private releaseOldestOf(userId: string): void {
    const own = [...this.cursors].filter(([, c]) => c.userId === userId);
    for (let i = 0; i <= own.length - MAX_CURSORS_PER_USER; i++) this.cursors.delete(own[i]![0]);
  }
}

/** Query locators look like real ones: the 01g key prefix and 15 more characters. */
function newLocatorId(): string {
  const bytes = randomBytes(15);
  let id = '01g';
  for (const byte of bytes) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}
